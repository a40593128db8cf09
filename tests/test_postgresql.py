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
