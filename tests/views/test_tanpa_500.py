"""Bad input never gives a 500: every form endpoint, fed garbage, answers with a message."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from layanan.demo import KATA_SANDI_DEMO
from layanan.models import Permohonan
from tests.views.test_loket import data_kip

pytestmark = pytest.mark.django_db

SAMPAH = [
    {},
    {"token": "bukan-uuid", "aksi": "lengkap", "nik": "x" * 5000},
    {"token": "00000000-0000-0000-0000-000000000000", "aksi": "hapus-semua"},
    {
        "nik": "\x00\x01",
        "nama": "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
        "tanggal_lahir": "31-31-31",
        "kategori": "999999",
        "kode_kelurahan": "'; DROP TABLE x;--",
    },
    {"versi": "-1", "sidik_konsep": "abc" * 100, "aksi": "ya", "catatan": "x" * 100000},
    {"versi": "99999999999999999999999", "aksi": "paraf", "frasa_sandi": "x" * 5000},
    {"berkas_1_file": "bukan berkas", "buang_pindaian": ["x", "-5", "99999999999999999999"]},
]


def _masuk(username: str) -> Client:
    client = Client(raise_request_exception=False)
    assert client.login(username=username, password=KATA_SANDI_DEMO)
    return client


@pytest.mark.parametrize("data", SAMPAH)
def test_staff_forms_survive_garbage(petugas_a, layanan_a, data):
    petugas_a.post(reverse("layanan:permohonan-baru", args=["kip"]), data_kip(layanan_a))
    p = Permohonan.objects.get()
    klien = {u: _masuk(u) for u in ("blitar.petugas", "blitar.peksos", "blitar.admin")}
    titik = [
        ("blitar.petugas", reverse("layanan:permohonan-baru", args=["kip"])),
        ("blitar.petugas", reverse("layanan:antrean-cari")),
        ("blitar.peksos", reverse("layanan:kerjakan-langkah", args=[p.pk])),
        ("blitar.petugas", reverse("layanan:batalkan", args=[p.pk])),
        ("blitar.peksos", reverse("layanan:dtks-manual", args=[p.pk])),
        ("blitar.peksos", reverse("layanan:dtks-cek", args=[p.pk])),
        ("blitar.admin", reverse("admin:layanan_layanan_impor_yaml")),
        ("blitar.admin", reverse("admin:layanan_impordtks_unggah")),
        ("blitar.admin", reverse("admin:jejak-akses")),
    ]
    for username, url in titik:
        response = klien[username].post(url, data)
        assert response.status_code < 500, (url, response.status_code)


@pytest.mark.parametrize("data", SAMPAH)
def test_public_status_survives_garbage(client, data):
    assert client.post(reverse("layanan:status"), data).status_code < 500


def test_query_strings_survive_garbage(petugas_a):
    for qs in ("?hal=-1", "?hal=abc", "?hal=99999999", "?layanan=abc&status=%00", "?semua=1&hal=0"):
        assert petugas_a.get(reverse("layanan:antrean") + qs).status_code < 500
        assert petugas_a.get(reverse("layanan:tugas-saya") + qs).status_code < 500


def test_uploads_of_every_kind_survive(petugas_a, layanan_a, admin_a):
    for isi in (b"", b"\x00" * 1000, b"%PDF-1.7\n%%EOF", b"PK\x03\x04garbage", b"\xff\xd8\xff\xe0"):
        data = data_kip(layanan_a)
        for p in layanan_a.berkas.all():
            data[f"berkas_{p.pk}_file"] = SimpleUploadedFile("x.pdf", isi)
        assert (
            petugas_a.post(reverse("layanan:permohonan-baru", args=["kip"]), data).status_code < 500
        )
        assert (
            admin_a.post(
                reverse("admin:layanan_layanan_impor_yaml"),
                {"berkas": SimpleUploadedFile("x.yaml", isi)},
            ).status_code
            < 500
        )
