"""The dashboard's pages: who reads which office, the lists behind the figures, the exports (NIK
as text, only for roles that see NIKs), the monthly report, bad input."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from layanan.demo import KATA_SANDI_DEMO
from layanan.models import AksesData
from tests.factories import daftar

pytestmark = pytest.mark.django_db


def _masuk(client, username):
    assert client.login(username=username, password=KATA_SANDI_DEMO)
    return client


@pytest.fixture
def satu():
    return daftar("blitar")


@pytest.mark.parametrize("username", ["blitar.kadin", "blitar.kabid", "blitar.admin"])
def test_the_head_the_division_heads_and_the_administrator_read_their_office(client, username):
    r = _masuk(client, username).get("/dasbor/")
    assert r.status_code == 200
    assert b"angka-masuk" in r.content


@pytest.mark.parametrize("username", ["blitar.petugas", "blitar.peksos"])
def test_staff_without_an_official_post_have_no_dashboard(client, username):
    assert _masuk(client, username).get("/dasbor/").status_code == 404


def test_another_office_is_a_404_like_a_missing_one(client):
    _masuk(client, "bima.admin")
    assert client.get("/dasbor/?kantor=blitar").status_code == 404
    assert client.get("/dasbor/daftar/?kantor=blitar").status_code == 404


def test_a_national_superuser_compares_offices_and_opens_any(superadmin, satu):
    r = superadmin.get("/dasbor/?kantor=blitar")
    assert r.status_code == 200
    assert b"tabel-banding" in r.content
    assert superadmin.get("/dasbor/?kantor=tidak-ada").status_code == 404


def test_bad_dates_keep_what_was_typed_and_say_why(client):
    _masuk(client, "blitar.kadin")
    r = client.get("/dasbor/?dari=31/02/2026&sampai=kemarin&layanan=999999999999999999999")
    assert r.status_code == 200
    assert "31/02/2026" in r.content.decode()
    assert b"alert-danger" in r.content


def test_the_list_shows_the_nik_to_the_head_of_office_only(client, satu):
    _masuk(client, "blitar.kadin")
    assert satu.pemohon.nik in client.get("/dasbor/daftar/?jenis=masuk").content.decode()
    client.logout()
    _masuk(client, "blitar.admin")
    r = client.get("/dasbor/daftar/?jenis=masuk")
    assert r.status_code == 200
    assert satu.pemohon.nama in r.content.decode()
    assert satu.pemohon.nik not in r.content.decode()


def test_xlsx_keeps_the_nik_as_text_and_logs_the_export(client, satu):
    _masuk(client, "blitar.kadin")
    r = client.get("/dasbor/daftar/?jenis=masuk&format=xlsx")
    assert r.status_code == 200
    lembar = load_workbook(io.BytesIO(r.content)).active
    kepala = [c.value for c in lembar[1]]
    kolom = kepala.index("NIK")
    sel = lembar.cell(row=2, column=kolom + 1)
    assert (sel.value, sel.data_type) == (satu.pemohon.nik, "s")
    assert AksesData.objects.filter(permohonan=satu, keterangan__contains="xlsx").exists()


def test_csv_of_the_list_without_nik_for_the_administrator(client, satu):
    _masuk(client, "blitar.admin")
    r = client.get("/dasbor/daftar/?jenis=masuk&format=csv")
    baris = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert "NIK" not in baris[0]
    assert satu.pemohon.nik not in r.content.decode()


@pytest.mark.parametrize("nama", ["layanan", "hasil", "langkah", "wilayah", "pengaduan"])
@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_every_recap_exports(client, satu, nama, format):
    _masuk(client, "blitar.kadin")
    r = client.get(f"/dasbor/rekap/{nama}.{format}")
    assert r.status_code == 200
    assert r["Content-Disposition"].startswith("attachment")


def test_an_unknown_recap_is_a_404(client):
    _masuk(client, "blitar.kadin")
    assert client.get("/dasbor/rekap/rahasia.xlsx").status_code == 404
    assert client.get("/dasbor/rekap/layanan.exe").status_code == 404


def test_the_monthly_report_is_a_pdf_on_the_letterhead(client, satu):
    _masuk(client, "blitar.kadin")
    r = client.get("/dasbor/laporan-bulanan.pdf?bulan=2026-12")
    assert r.status_code == 200
    assert r.content.startswith(b"%PDF")
    assert client.get("/dasbor/laporan-bulanan.pdf?bulan=abc").status_code == 200


def test_the_places_have_their_own_page(client, satu):
    _masuk(client, "blitar.kadin")
    r = client.get("/dasbor/wilayah/")
    assert r.status_code == 200
    assert b"tabel-kecamatan" in r.content
