"""A provincial reader (issue 14: "a provincial or national superuser can compare offices"): an
account of no office with a province code, set by the national superuser only. It reads and
compares the dashboards of its province's offices, sees no NIK, and reaches nothing else."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from layanan.models import Kantor, Pengguna
from tests.factories import daftar

pytestmark = pytest.mark.django_db


@pytest.fixture
def jatim(client):
    """Jawa Timur (35): Blitar (35.72) is its office among the demo's five; a second office of
    the province is added so there is something to compare."""
    blitar = Kantor.objects.get(kode="blitar")
    blitar.pk, blitar.kode, blitar.nama_daerah, blitar.kode_wilayah = (
        None,
        "kediri",
        "Kediri",
        "35.71",
    )
    blitar.save()
    akun = Pengguna.objects.create_user(
        "jatim.provinsi", password="sandi-provinsi-2026", kode_provinsi="35"
    )
    client.force_login(akun)
    return client


def test_it_compares_its_province_s_offices_and_opens_each(jatim):
    daftar("blitar")
    r = jatim.get("/dasbor/?kantor=blitar")
    assert r.status_code == 200
    teks = r.content.decode()
    assert "tabel-banding" in teks and "Kediri" in teks
    assert "Bima" not in teks.split("tabel-banding", 1)[1]
    assert jatim.get("/dasbor/?kantor=kediri").status_code == 200


@pytest.mark.parametrize("alamat", ["/dasbor/?kantor=bima", "/dasbor/daftar/?kantor=metro"])
def test_an_office_of_another_province_is_a_404(jatim, alamat):
    assert jatim.get(alamat).status_code == 404


def test_the_list_behind_a_figure_shows_names_never_nik(jatim):
    p = daftar("blitar")
    r = jatim.get("/dasbor/daftar/?kantor=blitar&jenis=masuk")
    assert r.status_code == 200
    assert p.pemohon.nama in r.content.decode() and p.pemohon.nik not in r.content.decode()


@pytest.mark.parametrize(
    "alamat", ["/loket/", "/tugas/", "/surat/", "/pengaduan/tugas/", "/admin/"]
)
def test_nothing_else_of_an_office_is_reached(jatim, alamat):
    """The office pages find no office behind the account: empty, refused or not found."""
    p = daftar("blitar")
    r = jatim.get(alamat)
    assert r.status_code in (200, 302, 403, 404)
    assert p.pemohon.nama not in r.content.decode() and p.nomor_registrasi not in r.content.decode()
    assert jatim.get(f"/permohonan/{p.pk}/").status_code == 404


def test_only_the_national_superuser_sets_the_province(admin_a, superadmin):
    r = admin_a.get(
        f"/admin/layanan/pengguna/{Pengguna.objects.get(username='blitar.petugas').pk}/change/"
    )
    assert r.status_code == 200 and b"kode_provinsi" not in r.content
    r = superadmin.get("/admin/layanan/pengguna/add/")
    assert b"kode_provinsi" in r.content


def test_a_provincial_reader_belongs_to_no_office():
    with pytest.raises(IntegrityError), transaction.atomic():
        Pengguna.objects.create_user(
            "ganda", kantor=Kantor.objects.get(kode="blitar"), kode_provinsi="35"
        )
