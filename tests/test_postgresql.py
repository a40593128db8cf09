"""On PostgreSQL, the production database: migrations, seeds and the YAML round trip hold."""

import re

import pytest
from django.db import connection

from layanan.demo import FIXTURES
from layanan.katalog.sop_yaml import ekspor_sop
from layanan.models import Layanan

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db]


def test_runs_on_postgresql():
    assert connection.vendor == "postgresql"


@pytest.mark.parametrize("path", sorted((FIXTURES / "sop").glob("*.yaml")), ids=lambda p: p.stem)
def test_seed_round_trip_on_postgresql(path):
    kantor, kode = path.stem.split("-", 1)
    assert ekspor_sop(Layanan.objects.get(kantor__kode=kantor, kode=kode)) == path.read_text()


def test_registry_import_writes_through_copy_on_postgresql(tmp_path, transactional_db):
    # Committed data: the COPY runs on its own connection, as in the worker.
    from layanan.demo import muat_kantor
    from layanan.dtks.impor import impor_dari_berkas
    from layanan.dtks.registri import AdapterRegistri
    from layanan.models import WargaDtks

    kantor = muat_kantor(
        {
            "kode": "pg",
            "jenis_daerah": "kota",
            "nama_daerah": "PG",
            "nama_pemda": "PEMERINTAH KOTA PG",
            "nama_dinas": "DINAS SOSIAL",
            "kode_wilayah": "35.72",
            "zona_waktu": "Asia/Jakarta",
        }
    )

    path = tmp_path / "dtks.csv"
    path.write_text(
        'NIK,NAMA,ALAMAT,DESIL\n3572010501890001,"Budi ""Gendut"", S.Pd",,\n'
        "3572026207920003,Dewi,Jl. A,4\n"
    )
    impor = impor_dari_berkas(kantor=kantor, path=path, periode="pg")
    assert (impor.status, impor.baris_diterima) == ("selesai", 2)
    budi = WargaDtks.objects.get(impor=impor, nik="3572010501890001")
    assert (budi.nama, budi.alamat, budi.desil, budi.nomor_kk) == (
        'Budi "Gendut", S.Pd',
        "",
        None,
        "",
    )
    assert AdapterRegistri(impor).cari_nik("3572026207920003").orang[0].desil == 4


def _antrean_panjang(n: int) -> None:
    """n copies of one accepted Blitar application (waiting for the Pekerja Sosial at step 3),
    as bench/pages.py makes them, and the planner's statistics of them."""
    import uuid

    from layanan.models import Permohonan
    from layanan.models.jalan import KOLOM_JALAN, izin_mesin
    from tests.factories import daftar

    p = daftar("blitar")
    salinan = [
        Permohonan(
            kantor=p.kantor,
            layanan=p.layanan,
            pemohon=p.pemohon,
            dibuat_oleh=p.dibuat_oleh,
            token_formulir=uuid.uuid4(),
            **{k: getattr(p, k) for k in KOLOM_JALAN},
        )
        for _ in range(n)
    ]
    with izin_mesin():  # a bulk loader of test data
        Permohonan.objects.bulk_create(salinan)
    with connection.cursor() as c:
        c.execute("ANALYZE layanan_permohonan")


def test_the_inbox_reads_its_index_in_order_and_sorts_nothing():
    from layanan import selectors
    from tests.factories import user

    _antrean_panjang(5000)
    [antrean] = selectors.tugas_untuk(user("blitar.peksos")).per_peran
    rencana = antrean[:26].explain()
    assert "Index Scan using permohonan_kotak_tugas" in rencana, rencana
    assert "Sort" not in rencana, rencana


def test_the_loket_queue_reads_its_index_in_order_and_sorts_nothing():
    from layanan import selectors
    from tests.factories import user

    _antrean_panjang(5000)
    antrean = selectors.antrean_loket(user("blitar.petugas"), selectors.SaringanAntrean())
    rencana = antrean[:25].explain()
    # This office's, or (one office's data only) dibuat_pada's own: both hold the order.
    assert re.search(r"Index Scan( Backward)? using \S*(antrean_loket|dibuat_pada)", rencana)
    assert "Sort" not in rencana, rencana
