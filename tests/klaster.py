"""A small production deployment on loopback, for tests/test_multinode.py and bench/load.py:
gunicorn instances and `db_worker` processes with the production settings, sharing one fresh
PostgreSQL database (on the server DATABASE_URL names) and one moto S3 server.

`python -m tests.klaster siapkan <permintaan.json>` runs inside the deployment's environment:
migrations, the demo offices, and the applications the callers ask for; it prints what it made
as one JSON line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
import requests

AKAR = Path(__file__).resolve().parents[1]
EMBER = "dinsos"
SANDI = "demo-dinsos-2026"  # the demo accounts' password
FRASA_TTD = "ttd-demo-2026"  # layanan.demo.FRASA_TTD_DEMO, without importing Django here
NIK_LAIN = "3572026207920003"  # Kota Blitar, born 22-07-1992, female: no letter of the cluster's


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def tunggu_port(port: int, proses: subprocess.Popen, detik: float = 60) -> None:
    batas = time.monotonic() + detik
    while time.monotonic() < batas:
        if proses.poll() is not None:
            raise RuntimeError(f"process on port {port} ended with {proses.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port} after {detik} s")


def _seolah_collectstatic(folder: Path) -> None:
    """The manifest collectstatic writes (pages read it), without its 40 s: nothing here asks
    for a static file."""
    berkas = [p.relative_to(AKAR / "static").as_posix() for p in (AKAR / "static").rglob("*")]
    folder.mkdir(parents=True, exist_ok=True)
    manifest = {"paths": {b: b for b in berkas}, "version": "1.1", "hash": "klaster"}
    (folder / "staticfiles.json").write_text(json.dumps(manifest))


class Klaster:
    """`instansi` gunicorn instances of `proses_gunicorn` workers each, `pekerja` db_workers."""

    def __init__(
        self,
        folder: Path,
        server_pg: str,
        *,
        instansi: int = 2,
        proses_gunicorn: int = 1,
        pekerja: int = 2,
        kolam: dict[int, int] | None = None,
    ) -> None:
        self.folder = folder
        self.instansi = instansi
        self.proses_gunicorn = proses_gunicorn
        self.jumlah_pekerja = pekerja
        self.kolam = kolam or {}  # instance → DATABASE_POOL_MAX
        bagian = urlsplit(server_pg)
        self.nama_db = f"dinsos_klaster_{uuid.uuid4().hex[:8]}"
        self.url_server = server_pg
        self.url_db = urlunsplit(bagian._replace(path=f"/{self.nama_db}"))
        self.port = [port_bebas() for _ in range(instansi)]
        self.port_s3 = port_bebas()
        self.gunicorn: list[subprocess.Popen | None] = [None] * instansi
        self.pekerja: list[subprocess.Popen] = []
        self.s3: subprocess.Popen | None = None
        self.kunci = f"klaster-{uuid.uuid4().hex}"

    # -- processes ---------------------------------------------------------------------------
    def env(self, nama: str, **tambahan: str) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "DINSOS_", "DATABASE", "AWS_"))
        }
        url_db = f"{self.url_db}?application_name={nama}"
        env.update(
            DJANGO_SETTINGS_MODULE="dinsos.settings",
            DINSOS_ENV_FILE="",
            DJANGO_SECRET_KEY=self.kunci,
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            DINSOS_URL_PUBLIK="http://127.0.0.1",
            DJANGO_SECURE_COOKIES="0",
            DJANGO_LOG_LEVEL="WARNING",
            DATABASE_URL=url_db,
            DJANGO_STATIC_ROOT=str(self.folder / "static"),
            # Each process its own media folder: it must stay empty (everything in the bucket).
            DINSOS_MEDIA_ROOT=str(self.folder / f"media-{nama}"),
            DINSOS_S3_BUCKET=EMBER,
            DINSOS_S3_ENDPOINT=f"http://127.0.0.1:{self.port_s3}",
            DINSOS_S3_ACCESS_KEY="klaster",
            DINSOS_S3_SECRET_KEY="klaster",
            DINSOS_S3_REGION="us-east-1",
            PYTHONPATH=str(AKAR),
            # The cluster's signers sign in with a password: two-step login has its own tests
            # (tests/test_dua_langkah.py); what is proved here is that the nodes share state.
            DINSOS_WAJIB_2FA="0",
        )
        env.update(tambahan)
        return env

    def _log(self, nama: str) -> Any:
        return open(self.folder / f"{nama}.log", "ab")

    def mulai_s3(self) -> None:
        self.s3 = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port_s3)],
            stdout=self._log("s3"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        tunggu_port(self.port_s3, self.s3)
        self.klien_s3().create_bucket(Bucket=EMBER)

    def klien_s3(self) -> Any:
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=f"http://127.0.0.1:{self.port_s3}",
            aws_access_key_id="klaster",
            aws_secret_access_key="klaster",
            region_name="us-east-1",
        )

    def buat_db(self, templat: str = "") -> None:
        """A fresh database; a copy of `templat` (migrated, the demo in it) when it can be."""
        with psycopg.connect(self.url_server, autocommit=True) as c:
            if templat:
                try:
                    c.execute(f'CREATE DATABASE "{self.nama_db}" TEMPLATE "{templat}"')
                    return
                except psycopg.Error:  # someone is connected to it: migrate from scratch
                    pass
            c.execute(f'CREATE DATABASE "{self.nama_db}"')

    def unggah_media(self, media: Path) -> None:
        """The template's stored files into the bucket, at the keys the storages use."""
        s3 = self.klien_s3()
        for path in media.rglob("*"):
            if path.is_file():
                relatif = path.relative_to(media).as_posix()
                kunci = relatif if relatif.startswith("pribadi/") else f"media/{relatif}"
                s3.upload_file(str(path), EMBER, kunci)

    def siapkan(self, permintaan: dict[str, Any]) -> dict[str, Any]:
        """Migrations, the demo, the applications asked for."""
        _seolah_collectstatic(self.folder / "static")
        (self.folder / "permintaan.json").write_text(json.dumps(permintaan))
        hasil = subprocess.run(
            [
                sys.executable,
                "-m",
                "tests.klaster",
                "siapkan",
                str(self.folder / "permintaan.json"),
            ],
            cwd=AKAR,
            env=self.env("siapkan"),
            capture_output=True,
            text=True,
            timeout=1200,
        )
        if hasil.returncode != 0:
            raise RuntimeError(hasil.stdout[-3000:] + hasil.stderr[-5000:])
        return dict(json.loads(hasil.stdout.strip().splitlines()[-1]))

    def hidupkan(self, i: int) -> None:
        tambahan = {"DATABASE_POOL_MAX": str(self.kolam[i])} if i in self.kolam else {}
        nama = f"instansi-{i}"
        # As `bin/produksi web` runs it: dinsos/gunicorn.conf.py, settings from the environment.
        perintah = [sys.executable, "-m", "gunicorn", "--config", "dinsos/gunicorn.conf.py"]
        tambahan.update(
            DINSOS_BIND=f"127.0.0.1:{self.port[i]}",
            DINSOS_GUNICORN_WORKERS=str(self.proses_gunicorn),
            DINSOS_GUNICORN_GRACEFUL_TIMEOUT="5",
        )
        self.gunicorn[i] = subprocess.Popen(
            [*perintah, "dinsos.wsgi"],
            cwd=AKAR,
            env=self.env(nama, **tambahan),
            stdout=self._log(nama),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killed with its workers
        )
        tunggu_port(self.port[i], self.gunicorn[i])
        # Workers import Django on their first request: warm each before a test times anything.
        for _ in range(self.proses_gunicorn * 2):
            requests.get(self.url(i, "/masuk/"), timeout=60)

    def bunuh(self, i: int) -> None:
        """SIGKILL the instance and its workers at once: a server that dies, not one stopped."""
        proses = self.gunicorn[i]
        if proses is not None and proses.poll() is None:
            os.killpg(proses.pid, signal.SIGKILL)
            proses.wait(10)
        self.gunicorn[i] = None

    def mulai(
        self, permintaan: dict[str, Any], templat: str = "", media: Path | None = None
    ) -> dict[str, Any]:
        """`templat`: a migrated database to copy (the test database, the demo in it), whose
        files are in `media`."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.buat_db(templat)
        self.mulai_s3()
        if media is not None:
            self.unggah_media(media)
        data = self.siapkan(permintaan)
        for i in range(self.instansi):
            self.hidupkan(i)
        for j in range(self.jumlah_pekerja):
            nama = f"pekerja-{j}"
            self.pekerja.append(
                subprocess.Popen(
                    [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.5"],
                    cwd=AKAR,
                    env=self.env(nama),
                    stdout=self._log(nama),
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        return data

    def berhenti(self) -> None:
        semua = [p for p in [*self.gunicorn, *self.pekerja, self.s3] if p is not None]
        for proses in semua:  # all at once: each waiting for the one before adds up
            if proses.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proses.pid, signal.SIGTERM)
        batas = time.monotonic() + 5
        for proses in semua:
            try:
                proses.wait(max(0.1, batas - time.monotonic()))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proses.pid, signal.SIGKILL)
                proses.wait(5)
        with (
            contextlib.suppress(psycopg.Error),
            psycopg.connect(self.url_server, autocommit=True) as c,
        ):
            c.execute(f'DROP DATABASE IF EXISTS "{self.nama_db}" WITH (FORCE)')

    # -- talking to it -----------------------------------------------------------------------
    def url(self, i: int, jalur: str) -> str:
        return f"http://127.0.0.1:{self.port[i]}{jalur}"

    def sql(self, kueri: str, *arg: Any) -> list[tuple[Any, ...]]:
        with psycopg.connect(self.url_db, autocommit=True) as c:
            kursor = c.execute(kueri, arg)
            return list(kursor.fetchall()) if kursor.description else []

    def masuk(self, i: int, username: str) -> Sesi:
        sesi = Sesi(self, i)
        jawab = sesi.kirim("/masuk/", {"username": username, "password": SANDI})
        assert jawab.status_code == 302, (username, jawab.status_code)
        return sesi


class Sesi(requests.Session):
    """A browser's session on one instance (`pada` another instance with the same cookies)."""

    def __init__(self, klaster: Klaster, i: int) -> None:
        super().__init__()
        self.klaster, self.i = klaster, i

    def buka(self, jalur: str, i: int | None = None, **kw: Any) -> requests.Response:
        kw.setdefault("timeout", 120)
        return self.get(self.klaster.url(self.i if i is None else i, jalur), **kw)

    def kirim(
        self, jalur: str, data: dict[str, Any], i: int | None = None, **kw: Any
    ) -> requests.Response:
        """POST with the CSRF token from the cookie (a GET of the form gets one first)."""
        i = self.i if i is None else i
        if "csrftoken" not in self.cookies:
            self.buka(jalur, i)
        kw.setdefault("timeout", 120)
        kw.setdefault("allow_redirects", False)
        data = {**data, "csrfmiddlewaretoken": self.cookies["csrftoken"]}
        return self.post(self.klaster.url(i, jalur), data=data, **kw)


def kesalahan(html: str) -> str:
    """What a page sent back with a form says went wrong."""
    return (
        " | ".join(re.findall(r'class="invalid-feedback[^"]*"[^>]*>(.*?)<', html, re.S))
        or html[-1500:]
    )


def sisa_menit(html: str, pk: int) -> int:
    """The working minutes left (negative: over) an inbox card shows for application `pk`."""
    kartu = re.search(rf'value="{pk}"\s+form="form-batch"(.*?)</li>', html, re.S)
    assert kartu, f"application {pk} is not in the inbox"
    angka = re.search(r"(lewat|sisa) (-?\d+) menit kerja", kartu.group(1))
    assert angka, kartu.group(1)
    return -int(angka.group(2)) if angka.group(1) == "lewat" else int(angka.group(2))


# -- inside the deployment: `python -m tests.klaster siapkan <permintaan.json>` ----------------
def _siap_tanda_tangan(kantor: str, n: int) -> list[dict[str, Any]]:
    from layanan import mesin
    from layanan.surat.konsep import sidik_surat
    from tests.factories import daftar, jalan, pelaku

    hasil = []
    for _ in range(n):
        p = daftar(kantor)
        while mesin.pilihan_langkah(p)[:1] != ["tanda_tangan"]:
            p = jalan(p)
        hasil.append(
            {
                "pk": p.pk,
                "versi": p.versi,
                "sidik_konsep": sidik_surat(p),
                "penanda": pelaku(p).username,
            }
        )
    return hasil


def _menunggu_lama(kantor: str) -> dict[str, Any]:
    """An application whose current step became ready 30 days ago, and a working day since."""
    from layanan.hari_kerja import hari_kerja
    from layanan.models import Permohonan
    from layanan.models.jalan import izin_mesin
    from tests.factories import daftar, pelaku

    p = daftar(kantor)
    siap = dt.datetime.now(dt.UTC) - dt.timedelta(days=30)
    with izin_mesin():  # a step that has waited a month, as the engine would have left it
        Permohonan.objects.filter(pk=p.pk).update(langkah_siap_pada=siap)
    hari = next(
        siap.date() + dt.timedelta(days=d)
        for d in range(3, 27)
        if hari_kerja(p.kantor, siap.date() + dt.timedelta(days=d))
    )
    return {"pk": p.pk, "pemegang": pelaku(p).username, "libur": hari.isoformat()}


def _isian_loket(kantor: str) -> dict[str, Any]:
    from layanan.models import Layanan
    from tests.views.test_loket import data_kip

    layanan = Layanan.objects.get(kantor__kode=kantor, kode="kip")
    sktm = layanan.berkas.get(nama="SKTM dari Kelurahan")
    # Another citizen than the letters' (tests.factories.KASUS): a visit at the loket updates
    # the applicant's record (address, name), which every draft of theirs prints, so their
    # drafts' initials would be voided before signing ("the draft changed after it was
    # initialled"), as they must be in an office.
    lain = {"nik": NIK_LAIN, "nama": "Sari Wulandari", "jenis_kelamin": "P"}
    data = {**data_kip(layanan, tanggal_lahir="1992-07-22", **lain), "setuju_peringatan": "on"}
    return {"data": data, "berkas": f"berkas_{sktm.pk}_file"}


def _siapkan(permintaan: dict[str, Any]) -> dict[str, Any]:
    import django

    django.setup()
    from django.core.management import call_command

    from layanan.models import Kantor

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    if not Kantor.objects.exists():
        call_command("muat_demo", verbosity=0)
    else:  # a copy of the test database: the demo is there, its passwords in the tests' MD5
        from django.contrib.auth.hashers import make_password

        from layanan.models import Pengguna

        Pengguna.objects.update(password=make_password(SANDI))
    hasil: dict[str, Any] = {
        "tanda_tangan": {
            kantor: _siap_tanda_tangan(kantor, n)
            for kantor, n in permintaan.get("tanda_tangan", {}).items()
        }
    }
    if kantor := permintaan.get("menunggu_lama"):
        hasil["menunggu_lama"] = _menunggu_lama(kantor)
    if kantor := permintaan.get("loket"):
        hasil["loket"] = _isian_loket(kantor)
    return hasil


if __name__ == "__main__" and sys.argv[1:2] == ["siapkan"]:
    hasil = _siapkan(json.loads(Path(sys.argv[2]).read_text()))
    print(json.dumps(hasil))
