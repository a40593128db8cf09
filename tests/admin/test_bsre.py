"""Admin of an office's BSrE signing: only an address the operator allows, only environment
variables made for it, only the administrator's own office."""

from __future__ import annotations

import pytest
from django.urls import reverse

from layanan.models import PengaturanBsre
from tests.admin.helpers import data_dari_halaman

pytestmark = pytest.mark.django_db

DIIZINKAN = "https://esign.example.go.id"


@pytest.fixture(autouse=True)
def _alamat(settings):
    settings.DINSOS_BSRE_ALAMAT = [DIIZINKAN]


def _data(admin_a, url=None, **ubah):
    data = data_dari_halaman(admin_a.get(url or reverse("admin:layanan_pengaturanbsre_add")))
    data.update(
        aktif="on",
        versi="v2",
        alamat=DIIZINKAN,
        env_pengguna="DINSOS_BSRE_PENGGUNA",
        env_sandi="DINSOS_BSRE_SANDI",
        batas_waktu="30",
    )
    data.update(ubah)
    return data


def test_an_office_administrator_turns_bsre_on_for_their_own_office(admin_a, kantor_a):
    tambah = reverse("admin:layanan_pengaturanbsre_add")
    assert admin_a.post(tambah, _data(admin_a)).status_code == 302
    pengaturan = PengaturanBsre.objects.get()
    assert pengaturan.kantor == kantor_a and pengaturan.aktif and pengaturan.alamat == DIIZINKAN
    assert admin_a.get(tambah).status_code == 403  # one row per office


@pytest.mark.parametrize(
    "ubah",
    [
        {"alamat": "http://127.0.0.1:5432/"},  # an internal service
        {"alamat": "https://metadata.internal/"},
        {"env_sandi": "DJANGO_SECRET_KEY"},  # the server's own secret as a password
        {"env_pengguna": "DATABASE_URL"},
        {"batas_waktu": "0"},
    ],
)
def test_hostile_settings_are_refused_with_a_message(admin_a, ubah):
    respons = admin_a.post(reverse("admin:layanan_pengaturanbsre_add"), _data(admin_a, **ubah))
    assert respons.status_code == 200
    assert respons.context["adminform"].form.errors
    assert not PengaturanBsre.objects.exists()


def test_an_address_allowed_no_longer_is_refused_at_save(settings, admin_a, kantor_a):
    pengaturan = PengaturanBsre.objects.create(kantor=kantor_a, alamat=DIIZINKAN)
    url = reverse("admin:layanan_pengaturanbsre_change", args=[pengaturan.pk])
    settings.DINSOS_BSRE_ALAMAT = ["https://lain.example.go.id"]
    respons = admin_a.post(url, _data(admin_a, url))
    assert respons.status_code == 200 and respons.context["adminform"].form.errors["alamat"]
