"""Several servers, one deployment (issue 17): two gunicorn instances and two db_workers with the
production settings share one PostgreSQL and one S3 server (moto) on loopback, and agree."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.db import connection, connections

from layanan.demo import FRASA_TTD_DEMO
from tests import berkas_uji
from tests.klaster import EMBER, Klaster, kesalahan, sisa_menit

# django_db: pytest-django creates the test database only for tests that ask for it; it is the
# template of the deployment's own database (the tests themselves never query it).
pytestmark = [pytest.mark.postgresql, pytest.mark.django_db]

A, B = 0, 1


@pytest.fixture(scope="module")
def klaster(tmp_path_factory, django_db_setup):
    if connection.vendor != "postgresql":
        pytest.skip("needs the throwaway PostgreSQL (bin/pg-sementara)")
    # The test database is migrated and has the demo: the deployment's starts as a copy of it.
    templat = connection.settings_dict["NAME"]
    connections.close_all()
    k = Klaster(tmp_path_factory.mktemp("klaster"), os.environ["DATABASE_URL"], kolam={B: 2})
    try:
        k.data = k.mulai(  # type: ignore[attr-defined]
            {"tanda_tangan": {"solok": 5}, "menunggu_lama": "blitar", "loket": "blitar"},
            templat=templat,
            media=Path(settings.MEDIA_ROOT),
        )
        yield k
        # Nothing was written to any process's own disk: every file went to the bucket.
        assert not [p for p in Path(k.folder).glob("media-*/**/*") if p.is_file()]
    finally:
        k.berhenti()


def _objek(klaster: Klaster, awalan: str) -> dict[str, bytes]:
    s3 = klaster.klien_s3()
    daftar = s3.list_objects_v2(Bucket=EMBER, Prefix=awalan).get("Contents", [])
    return {o["Key"]: s3.get_object(Bucket=EMBER, Key=o["Key"])["Body"].read() for o in daftar}


def test_a_scan_uploaded_through_one_instance_downloads_through_the_other(klaster):
    loket = klaster.data["loket"]
    petugas = klaster.masuk(A, "blitar.petugas")
    jawab = petugas.kirim(
        "/loket/baru/kip/",
        loket["data"],
        files={loket["berkas"]: ("sktm.png", berkas_uji.png(), "image/png")},
    )
    assert jawab.status_code == 302, kesalahan(jawab.text)
    ((scan_pk, pk, sha256),) = klaster.sql(
        "SELECT id, permohonan_id, sha256 FROM layanan_pindaian ORDER BY id DESC LIMIT 1"
    )
    unduh = petugas.buka(f"/permohonan/{pk}/pindaian/{scan_pk}/", B)
    assert unduh.status_code == 200
    assert hashlib.sha256(unduh.content).hexdigest() == sha256
    assert unduh.headers["Content-Length"] == str(len(unduh.content))
    assert unduh.content.startswith(b"\x89PNG")
    # In the bucket, under the private prefix, readable by no one without credentials.
    assert any(k.startswith("pribadi/") for k in _objek(klaster, "pribadi/pindaian"))
    s3 = klaster.klien_s3()
    kunci = next(iter(_objek(klaster, "pribadi/pindaian")))
    hibah = s3.get_object_acl(Bucket=EMBER, Key=kunci)["Grants"]
    assert all("URI" not in g["Grantee"] for g in hibah)  # no AllUsers / AuthenticatedUsers
    # A stranger on the other instance gets nothing.
    orang_lain = klaster.masuk(B, "solok.petugas")
    assert orang_lain.buka(f"/permohonan/{pk}/pindaian/{scan_pk}/").status_code == 404


def test_a_holiday_added_on_one_instance_moves_deadlines_on_both(klaster):
    lama = klaster.data["menunggu_lama"]
    pemegang = [klaster.masuk(i, lama["pemegang"]) for i in (A, B)]
    sebelum = [sisa_menit(s.buka("/tugas/").text, lama["pk"]) for s in pemegang]
    assert abs(sebelum[0] - sebelum[1]) <= 2
    admin = klaster.masuk(B, "blitar.admin")
    jawab = admin.kirim(
        "/admin/layanan/harilibur/add/",
        {"tanggal": lama["libur"], "nama": "Hari Jadi Kota", "jenis": "daerah"},
    )
    assert jawab.status_code == 302, kesalahan(jawab.text)
    time.sleep(1.1)  # each process re-reads the shared stamp at most once a second
    sesudah = [sisa_menit(s.buka("/tugas/").text, lama["pk"]) for s in pemegang]
    # A day off in the step's past: eight working hours fewer used, on both instances (less the
    # working minutes that passed meanwhile, when the test runs in office hours).
    assert all(470 <= b - a <= 480 for a, b in zip(sebelum, sesudah, strict=True)), sesudah
    assert abs(sesudah[0] - sesudah[1]) <= 2


def test_rate_limits_count_across_both_instances(klaster):
    warga = [requests.Session(), requests.Session()]
    kode = []
    for i in range(12):
        s = warga[i % 2]
        if "csrftoken" not in s.cookies:
            s.get(klaster.url(i % 2, "/status/"), timeout=60)
        jawab = s.post(
            klaster.url(i % 2, "/status/"),
            data={"kode": "AAAA-BBBB-CCCC", "csrfmiddlewaretoken": s.cookies["csrftoken"]},
            timeout=60,
        )
        kode.append(jawab.status_code)
    # Ten a minute from one address (DINSOS_BATAS_STATUS_PER_MENIT), five on each instance.
    assert 429 not in kode[:10] and kode[10:] == [429, 429], kode


def _tandatangani(klaster: Klaster, sesi, i: int, surat: dict) -> requests.Response:
    return sesi.kirim(
        f"/permohonan/{surat['pk']}/surat/tandatangani/",
        {
            "frasa_sandi": FRASA_TTD_DEMO,
            "versi": surat["versi"],
            "sidik_konsep": surat["sidik_konsep"],
        },
        i,
    )


def _nomor(klaster: Klaster) -> list[tuple[int, int, str, str]]:
    return klaster.sql(
        "SELECT s.urutan, s.permohonan_id, s.berkas, s.sha256 FROM layanan_surat s "
        "JOIN layanan_kantor k ON k.id = s.kantor_id WHERE k.kode = 'solok' "
        "AND s.tahun = extract(year FROM now()) ORDER BY s.urutan"
    )


def test_letters_signed_alternately_get_contiguous_numbers(klaster):
    surat = klaster.data["tanda_tangan"]["solok"][:3]
    awal = len(_nomor(klaster))
    kadin = klaster.masuk(A, surat[0]["penanda"])
    for n, s in enumerate(surat):
        jawab = _tandatangani(klaster, kadin, n % 2, s)
        assert jawab.status_code == 302, kesalahan(jawab.text)
    nomor = _nomor(klaster)
    assert [u for u, *_ in nomor] == list(range(1, awal + 4))
    assert [p for _u, p, *_ in nomor[awal:]] == [s["pk"] for s in surat]
    # Each signed letter is in the bucket as signed, and downloads through either instance.
    for i, (_u, pk, berkas, sha) in enumerate(nomor[awal:]):
        unduh = kadin.buka(f"/permohonan/{pk}/surat/{_surat_pk(klaster, pk)}.pdf", i % 2)
        assert hashlib.sha256(unduh.content).hexdigest() == sha
        assert _objek(klaster, f"pribadi/{berkas}")


def _surat_pk(klaster: Klaster, permohonan_pk: int) -> int:
    return klaster.sql("SELECT id FROM layanan_surat WHERE permohonan_id = %s", permohonan_pk)[0][0]


def _dalam_transaksi(klaster: Klaster, nama: str, batas: float) -> bool:
    """Wait until a connection of `nama` is inside an open transaction between queries (the
    letter being rendered and signed under its locks)."""
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        if klaster.sql(
            "SELECT 1 FROM pg_stat_activity WHERE application_name = %s "
            "AND state = 'idle in transaction'",
            nama,
        ):
            return True
        time.sleep(0.005)
    return False


def test_an_instance_killed_mid_signing_loses_nothing_and_uses_no_number(klaster):
    sisa = klaster.data["tanda_tangan"]["solok"][3:]
    kadin = klaster.masuk(B, sisa[0]["penanda"])
    hitung = klaster.sql("SELECT count(*) FROM layanan_surat")[0][0]
    gagal: list[BaseException] = []

    def tanda() -> None:
        try:
            _tandatangani(klaster, kadin, B, sisa[0])
        except requests.RequestException as exc:
            gagal.append(exc)

    utas = threading.Thread(target=tanda)
    utas.start()
    ditengah = _dalam_transaksi(klaster, f"instansi-{B}", 30)
    klaster.bunuh(B)
    utas.join(30)
    assert ditengah and gagal  # killed inside the signing transaction; the browser saw it die
    # Rolled back whole: no letter, no number, the application still waits for the signature.
    assert klaster.sql("SELECT count(*) FROM layanan_surat")[0][0] == hitung
    assert klaster.sql("SELECT versi FROM layanan_permohonan WHERE id = %s", sisa[0]["pk"]) == [
        (sisa[0]["versi"],)
    ]
    klaster.hidupkan(B)
    kadin_a = klaster.masuk(A, sisa[0]["penanda"])
    for n, s in enumerate(sisa):
        jawab = _tandatangani(klaster, kadin_a, (A, B)[n % 2], s)
        assert jawab.status_code == 302, kesalahan(jawab.text)
    nomor = _nomor(klaster)
    assert [u for u, *_ in nomor] == list(range(1, len(nomor) + 1))
    assert {p for _u, p, *_ in nomor} >= {s["pk"] for s in sisa}
    # Every letter's row has its file, as signed.
    for _u, _p, berkas, sha in nomor:
        (isi,) = _objek(klaster, f"pribadi/{berkas}").values()
        assert hashlib.sha256(isi).hexdigest() == sha
    # The workers are still up, beside the instances.
    assert all(p.poll() is None for p in klaster.pekerja)
