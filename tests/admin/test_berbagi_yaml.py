"""Sharing an SOP from the admin: download as YAML, import a file all or nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from layanan.demo import FIXTURES
from layanan.katalog.sop_yaml import ekspor_sop
from layanan.models import Layanan

pytestmark = pytest.mark.django_db
IMPOR = reverse("admin:layanan_layanan_impor_yaml")
BLITAR = (FIXTURES / "sop" / "blitar-kip.yaml").read_text(encoding="utf-8")


def test_export_downloads_the_services_yaml(admin_a, layanan_a):
    response = admin_a.get(reverse("admin:layanan_layanan_ekspor_yaml", args=[layanan_a.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="blitar-kip.yaml"'
    assert response.content.decode() == BLITAR


def test_another_offices_service_cannot_be_exported(admin_a, layanan_b):
    response = admin_a.get(reverse("admin:layanan_layanan_ekspor_yaml", args=[layanan_b.pk]))
    assert response.status_code == 404


def test_upload_imports_into_the_admins_office(admin_a, kantor_a):
    berkas = SimpleUploadedFile("kip.yaml", BLITAR.encode(), content_type="application/yaml")
    response = admin_a.post(IMPOR, {"berkas": berkas, "kode": "kip-salinan"})
    salinan = Layanan.objects.get(kantor=kantor_a, kode="kip-salinan")
    assert response.status_code == 302
    assert response.url == reverse("admin:layanan_layanan_change", args=[salinan.pk])
    assert ekspor_sop(salinan) == BLITAR.replace("kode: kip\n", "kode: kip-salinan\n", 1)


def test_a_refused_upload_shows_lines_and_keeps_the_text(admin_a, kantor_a):
    rusak = BLITAR.replace("pelaksana: peksos", "pelaksana: satpam")
    berkas = SimpleUploadedFile("kip.yaml", rusak.encode(), content_type="application/yaml")
    response = admin_a.post(IMPOR, {"berkas": berkas, "kode": "kip-rusak"})
    assert response.status_code == 200
    baris = rusak[: rusak.index("pelaksana: satpam")].count("\n") + 1
    halaman = response.content.decode()
    assert f"baris {baris}" in halaman
    assert "peran &#x27;satpam&#x27; tidak ada" in halaman
    # The uploaded file comes back as editable text, so nothing is lost.
    assert response.context["form"]["teks"].value() == rusak
    assert not Layanan.objects.filter(kode="kip-rusak").exists()


@pytest.mark.parametrize(
    ("data", "pesan"),
    [
        ({}, "Pilih berkas YAML atau tempelkan isinya."),
        ({"berkas": SimpleUploadedFile("x.yaml", b"\xff\xfe\x00bad")}, "bukan teks UTF-8"),
        ({"teks": "kode: [tidak ditutup"}, "bukan YAML yang sah"),
    ],
)
def test_bad_input_gets_a_clear_message(admin_a, data, pesan):
    response = admin_a.post(IMPOR, data)
    assert response.status_code == 200
    assert pesan in response.content.decode()


def test_loket_staff_cannot_import(petugas_a):
    assert petugas_a.get(IMPOR).status_code == 302  # to the admin login


@pytest.mark.parametrize(
    ("teks", "pesan"),
    [
        ("a: &a [1, 1]\nb: [*a, *a]\n", "alias"),
        ("x" * (1024 * 1024 + 1), "paling banyak"),
        (
            BLITAR.replace("      Yang bertanda", "      {% load static %}Yang bertanda", 1),
            "templat surat",
        ),
        ("tanggal_pembuatan: 2024-02-30\n", "bukan tanggal"),
    ],
    ids=["alias", "terlalu-besar", "templat-load", "tanggal"],
)
def test_a_hostile_paste_is_refused_in_indonesian_and_kept(admin_a, teks, pesan):
    jumlah = Layanan.objects.count()
    response = admin_a.post(IMPOR, {"teks": teks, "kode": "tempelan"})
    assert response.status_code == 200
    assert pesan in response.content.decode()
    assert Layanan.objects.count() == jumlah
    if len(teks) < 1024 * 1024:
        assert response.context["form"]["teks"].value().strip() == teks.strip()
