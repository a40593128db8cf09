"""Inbox, loket queue and application pages under load of data (issue 5), and the complaint inbox
(issue 'Pengaduan'), on SQLite and PostgreSQL.

    python bench/pages.py               # 100,000 applications
    python bench/pages.py --cases 20000
    python bench/pages.py --db postgresql

Builds its own data in a fresh database (the demo offices, then applications of Blitar's KIP
service waiting at step 3 for the Pekerja Sosial), once in SQLite and once in a throwaway
PostgreSQL 15 (bin/pg-sementara), and times the pages in-process through Django's test client:
the number of queries with 1,000 and with N applications, and the p95 server time with N.
Django admin's list of the same applications is the yardstick. The complaint inbox of Metro's
Petugas Pelayanan is measured the same way with 1,000 and 50,000 complaints waiting
(`--complaints`). Applications from home (issue 21): the loket's queue of them with 100 and
10,000 waiting (`daring.queries_100`, `daring.queries_10k`), and the weight of the online form and
of the status page on first load as the production set-up transfers them (`daring.form_kb`,
`daring.status_kb`: the HTML as gunicorn sends it, uncompressed, plus every stylesheet, script and
font it pulls as WhiteNoise serves them, Brotli-compressed). Prints one `name value` line per
figure; PostgreSQL's carry a `pg_` prefix (`inbox.pg_p95_ms`, `pengaduan.pg_p95_ms`).

    python bench/pages.py --daring-only --db sqlite   # the issue 21 figures alone, in a minute
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
ULANG = 60
HALAMAN = ("inbox", "loket", "detail", "admin_changelist")


def siapkan(folder: Path) -> None:
    """Inside the worker: a fresh database (DATABASE_URL) with the demo offices."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "dinsos.settings",
            "DJANGO_SECRET_KEY": "bench-only",
            "DINSOS_MEDIA_ROOT": str(folder / "media"),
            "DJANGO_STATIC_ROOT": str(folder / "static"),  # not the checkout's staticfiles/
            "DJANGO_LOG_LEVEL": "WARNING",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            # Sessions signed in with force_login, as after the password and the code: what
            # two-step login adds to a request is one session key read (layanan.masuk).
            "DINSOS_WAJIB_2FA": "0",
        }
    )
    sys.path.insert(0, str(AKAR))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # production static files
    call_command("muat_demo", verbosity=0)


def tambah_permohonan(sampai: int) -> None:
    """Copies of one real accepted application until there are `sampai` of them."""
    from layanan.models import Pemohon, Permohonan, RiwayatLangkah
    from layanan.models.jalan import izin_mesin

    contoh = Permohonan.objects.filter(status="diterima").order_by("pk").first()
    ada = Permohonan.objects.count()
    riwayat = list(RiwayatLangkah.objects.filter(permohonan=contoh))
    while ada < sampai:
        n = min(5000, sampai - ada)
        pemohon = Pemohon.objects.bulk_create(
            [
                Pemohon(
                    kantor=contoh.kantor,
                    nik="",
                    alasan_tanpa_nik="bench",
                    nama=f"Warga {ada + i}",
                    alamat="Jl. Bench",
                    kelurahan="Sentul",
                    kecamatan="Kepanjenkidul",
                )
                for i in range(n)
            ]
        )
        with izin_mesin():  # copies of a walk the engine made; the bench's own bulk loader
            baru = _salin(contoh, pemohon, ada)
        RiwayatLangkah.objects.bulk_create(
            [
                RiwayatLangkah(
                    permohonan=p,
                    nomor=r.nomor,
                    kegiatan=r.kegiatan,
                    peran=r.peran,
                    aksi=r.aksi,
                    oleh=r.oleh,
                    siap_pada=r.siap_pada,
                    selesai_pada=r.selesai_pada,
                    standar_menit=r.standar_menit,
                )
                for p in baru
                for r in riwayat
            ]
        )
        ada += n
    _analisa()


def _salin(contoh, pemohon, ada):
    from layanan.models import Permohonan
    from layanan.models.jalan import KOLOM_JALAN

    return Permohonan.objects.bulk_create(
        [
            Permohonan(
                kantor=contoh.kantor,
                layanan=contoh.layanan,
                pemohon=pm,
                nomor_kk=contoh.nomor_kk,
                isian=contoh.isian,
                diputuskan_pada=contoh.diputuskan_pada,
                tahun_registrasi=2026,
                urutan_registrasi=100000 + ada + i,
                nomor_registrasi=f"{100000 + ada + i}/REG/2026",
                kode_lacak="",
                token_formulir=uuid.uuid4(),
                dibuat_oleh=contoh.dibuat_oleh,
                **{k: getattr(contoh, k) for k in KOLOM_JALAN},
            )
            for i, pm in enumerate(pemohon)
        ]
    )


def tambah_pengaduan(sampai: int) -> None:
    """Copies of one real complaint waiting at Metro's first stage until there are `sampai`
    waiting there (the walk's fields copied as the engine wrote them)."""
    from layanan.models import Pengaduan
    from layanan.models.jalan import KOLOM_JALAN, izin_mesin

    contoh = (
        Pengaduan.objects.filter(kantor__kode="metro", status="diterima", langkah_nomor=1)
        .filter(dijeda_pada=None)
        .order_by("pk")
        .first()
    )
    ada = Pengaduan.objects.filter(kantor=contoh.kantor, langkah_nomor=1).count()
    while ada < sampai:
        n = min(5000, sampai - ada)
        with izin_mesin():  # copies of a walk the engine made; the bench's own bulk loader
            Pengaduan.objects.bulk_create(
                [
                    Pengaduan(
                        kantor=contoh.kantor,
                        layanan=contoh.layanan,
                        jenis=contoh.jenis,
                        kategori=contoh.kategori,
                        saluran=contoh.saluran,
                        uraian=f"Pengaduan bench {ada + i}",
                        tahun=2026,
                        urutan=100000 + ada + i,
                        nomor=f"{100000 + ada + i}/ADU/2026",
                        token_formulir=uuid.uuid4(),
                        **{k: getattr(contoh, k) for k in KOLOM_JALAN},
                    )
                    for i in range(n)
                ],
                batch_size=1000,
            )
        ada += n
    _analisa()


def _analisa() -> None:
    """Fresh planner statistics, as autovacuum would have them on a server that has run a while."""
    from django.db import connection

    with connection.cursor() as c:
        # SQLite: as `manage.py siapkan_produksi` counts them at every start.
        c.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def ukur(client, url: str, ulang: int = ULANG) -> tuple[int, float | None]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Once first: the session's activity stamp is written at most once a minute
    # (layanan.masuk.sesi), not counted as the page's.
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    jumlah = len(ctx.captured_queries)
    if not ulang:
        return jumlah, None
    waktu = []
    for _ in range(ulang):
        mulai = time.perf_counter()
        client.get(url)
        waktu.append((time.perf_counter() - mulai) * 1000)
    return jumlah, statistics.quantiles(waktu, n=20)[18]  # p95


def berat_kb(jawab) -> float:
    """The first load's weight: the HTML (sent uncompressed: no GZipMiddleware, for BREACH's
    sake) and each stylesheet, script and font it pulls, as WhiteNoise serves them to a browser
    that takes Brotli (the .br file collectstatic wrote beside it)."""
    from django.conf import settings

    akar = Path(settings.STATIC_ROOT)
    html = jawab.content.decode()
    total = len(jawab.content)
    aset = re.findall(r'(?:href|src)="' + re.escape(settings.STATIC_URL) + r'([^"?#]+)"', html)
    dilihat: set[str] = set()
    while aset:
        nama = aset.pop()
        if nama in dilihat or nama.endswith((".svg", ".ico", ".png")):  # icons: not first load
            continue
        dilihat.add(nama)
        berkas = akar / nama
        br = berkas.with_name(berkas.name + ".br")
        total += (br if br.exists() else berkas).stat().st_size
        if nama.endswith(".css"):  # fonts a stylesheet declares are fetched with it
            folder = Path(nama).parent
            for url in re.findall(r"url\(['\"]?([^'\")]+\.(?:woff2?|ttf|otf))", berkas.read_text()):
                aset.append(str((folder / url).as_posix()))
    return total / 1024


def ukur_daring() -> dict:
    """Issue 21: one real application from home sent through the form and its code, copied until
    100 and 10,000 wait for Blitar's loket; the queue's queries at both; the pages' weight."""
    from django.test import Client

    from layanan.models import (
        JenisSaluran,
        Layanan,
        Pengguna,
        PermohonanDaring,
        Pesan,
        SaluranKantor,
    )
    from tests.views.test_daring import data_daring

    layanan = Layanan.objects.get(kantor__kode="blitar", kode="kip")
    Layanan.objects.filter(pk=layanan.pk).update(terima_daring=True)
    SaluranKantor.objects.get_or_create(kantor=layanan.kantor, jenis=JenisSaluran.LOG)
    warga = Client()
    url = "/daring/blitar/kip/"
    form_kb = berat_kb(warga.get(url))
    assert warga.post(url, data_daring(layanan)).status_code == 302
    kode = re.search(r"\b(\d{6})\b", Pesan.objects.order_by("-pk").first().isi).group(1)
    assert warga.post("/daring/kode/", {"kode": kode}).status_code == 302
    contoh = PermohonanDaring.objects.get()
    status_kb = berat_kb(warga.post("/status/", {"kode": contoh.kode_lacak}))
    petugas = Client()
    petugas.force_login(Pengguna.objects.get(username="blitar.petugas"))
    hasil = {"form_kb": form_kb, "status_kb": status_kb}
    for jumlah in (100, 10_000):
        ada = PermohonanDaring.objects.count()
        salinan = []
        for i in range(ada, jumlah):
            d = PermohonanDaring.objects.get(pk=contoh.pk)
            d.pk, d.token, d.kode_lacak = None, uuid.uuid4(), f"B{i:013d}"
            d.nik = f"{d.nik[:6]}{i:010d}"  # one open online application per NIK and service
            salinan.append(d)
        PermohonanDaring.objects.bulk_create(salinan, batch_size=2000)
        _analisa()
        hasil[f"queries_{jumlah}"] = ukur(petugas, "/loket/daring/", ulang=0)[0]
    hasil["p95_ms"] = ukur(petugas, "/loket/daring/")[1]
    return hasil


def pekerja(args: argparse.Namespace) -> None:
    """Runs inside a fresh database (DATABASE_URL): build, measure, report JSON."""
    siapkan(Path(args.folder))
    from django.test import Client

    if args.daring_only:
        print("HASIL " + json.dumps({"daring": ukur_daring()}))
        return

    from layanan.models import Layanan, Pengguna, Permohonan
    from tests.views.test_loket import data_kip  # the loket form as staff fill it

    # force_login: Client.login authenticates without a request, which django-axes refuses.
    petugas, peksos, admin = Client(), Client(), Client()
    petugas.force_login(Pengguna.objects.get(username="blitar.petugas"))
    peksos.force_login(Pengguna.objects.get(username="blitar.peksos"))
    admin.force_login(Pengguna.objects.get(username="blitar.admin"))
    layanan = Layanan.objects.get(kantor__kode="blitar", kode="kip")
    petugas.post("/loket/baru/kip/", data_kip(layanan))
    pertama = Permohonan.objects.get()
    halaman = {
        "inbox": "/tugas/",
        "loket": "/loket/",  # today's queue: every bench application was registered today
        "detail": f"/permohonan/{pertama.pk}/",
        "admin_changelist": "/admin/layanan/permohonan/",
    }
    klien = {"inbox": peksos, "loket": petugas, "detail": peksos, "admin_changelist": admin}
    tambah_permohonan(1000)
    seribu = {k: ukur(klien[k], url, ulang=0)[0] for k, url in halaman.items()}
    tambah_permohonan(args.cases)
    penuh = {k: ukur(klien[k], url) for k, url in halaman.items()}
    penangan = Client()
    penangan.force_login(Pengguna.objects.get(username="metro.petugas"))
    tambah_pengaduan(1000)
    aduan_seribu = ukur(penangan, "/pengaduan/tugas/", ulang=0)[0]
    tambah_pengaduan(args.complaints)
    aduan = ukur(penangan, "/pengaduan/tugas/")
    hasil = {
        "seribu": seribu,
        "penuh": penuh,
        "aduan": [aduan_seribu, *aduan],
        "daring": ukur_daring(),
    }
    print("HASIL " + json.dumps(hasil))


def jalankan(perintah: list[str], env: dict[str, str]) -> dict:
    keluar = subprocess.run(perintah, env=env, capture_output=True, text=True, cwd=AKAR)
    for baris in keluar.stdout.splitlines():
        if baris.startswith("HASIL "):
            return json.loads(baris[6:])
    sys.stderr.write(keluar.stdout + keluar.stderr)
    raise SystemExit("the benchmark worker failed")


def cetak_daring(hasil: dict, awalan: str) -> None:
    d = hasil["daring"]
    print(f"daring.{awalan}form_kb {d['form_kb']:.1f}")
    print(f"daring.{awalan}status_kb {d['status_kb']:.1f}")
    print(f"daring.{awalan}queries_100 {d['queries_100']}")
    print(f"daring.{awalan}queries_10k {d['queries_10000']}")
    print(f"daring.{awalan}p95_ms {d['p95_ms']:.1f}")


def cetak(hasil: dict, awalan: str, cases: int, complaints: int) -> None:
    cetak_daring(hasil, awalan)
    if "seribu" not in hasil:
        return
    seribu, penuh = hasil["seribu"], hasil["penuh"]
    for nama in ("inbox", "loket", "detail"):
        print(f"{nama}.{awalan}queries_1k {seribu[nama]}")
        print(f"{nama}.{awalan}queries_{cases // 1000}k {penuh[nama][0]}")
        print(f"{nama}.{awalan}p95_ms {penuh[nama][1]:.1f}")
    print(f"admin_changelist.{awalan}p95_ms {penuh['admin_changelist'][1]:.1f}")
    aduan_seribu, aduan_penuh, aduan_p95 = hasil["aduan"]
    print(f"pengaduan.{awalan}queries_1k {aduan_seribu}")
    print(f"pengaduan.{awalan}queries_{complaints // 1000}k {aduan_penuh}")
    print(f"pengaduan.{awalan}p95_ms {aduan_p95:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--complaints", type=int, default=50_000)
    parser.add_argument("--db", choices=("both", "sqlite", "postgresql"), default="both")
    parser.add_argument("--daring-only", action="store_true", help="only the issue 21 figures")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        pekerja(args)
        return
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        folder = Path(tmp)
        perintah = [
            PYTHON,
            __file__,
            "--worker",
            "--cases",
            str(args.cases),
            "--complaints",
            str(args.complaints),
            "--folder",
            tmp,
            *(["--daring-only"] if args.daring_only else []),
        ]
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        if args.db in ("both", "sqlite"):
            sqlite = {**env, "DATABASE_URL": f"sqlite:///{folder / 'pages.sqlite3'}"}
            cetak(jalankan(perintah, sqlite), "", args.cases, args.complaints)
        if args.db in ("both", "postgresql"):
            pg = [str(AKAR / "bin" / "pg-sementara"), *perintah]
            cetak(jalankan(pg, env), "pg_", args.cases, args.complaints)
    print(f"cases {args.cases}")
    print(f"complaints {args.complaints}")


if __name__ == "__main__":
    main()
