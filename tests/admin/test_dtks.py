"""Admin of the DTKS settings and of the registry imports."""

from __future__ import annotations

import pytest
from django.urls import reverse

from layanan.models import JenisAdapter, PengaturanDtks
from tests.admin.helpers import data_dari_halaman

pytestmark = pytest.mark.django_db


RENTANG = "Batas waktu harus antara 0,5 dan 15 detik."


@pytest.mark.parametrize(
    ("timeout", "pesan"),
    [
        ("0", RENTANG),
        ("-3", RENTANG),
        ("0.1", RENTANG),
        ("16", RENTANG),
        ("1e9", RENTANG),
        ("nan", "Masukkan sebuah bilangan."),
        ("inf", "Masukkan sebuah bilangan."),
    ],
)
def test_the_http_timeout_must_be_a_sensible_number_of_seconds(admin_a, kantor_a, timeout, pesan):
    pengaturan = PengaturanDtks.objects.get(kantor=kantor_a)
    url = reverse("admin:layanan_pengaturandtks_change", args=[pengaturan.pk])
    data = data_dari_halaman(admin_a.get(url))
    data.update(
        adapter=JenisAdapter.HTTP, http_url="https://dtks.example.id/cek", http_timeout=timeout
    )
    response = admin_a.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["http_timeout"] == [pesan]
    pengaturan.refresh_from_db()
    assert pengaturan.adapter != JenisAdapter.HTTP


def test_a_sensible_http_timeout_is_saved(admin_a, kantor_a):
    pengaturan = PengaturanDtks.objects.get(kantor=kantor_a)
    url = reverse("admin:layanan_pengaturandtks_change", args=[pengaturan.pk])
    data = data_dari_halaman(admin_a.get(url))
    data.update(
        adapter=JenisAdapter.HTTP, http_url="https://dtks.example.id/cek", http_timeout="7.5"
    )
    assert admin_a.post(url, data).status_code == 302
    pengaturan.refresh_from_db()
    assert (pengaturan.adapter, pengaturan.http_timeout) == (JenisAdapter.HTTP, 7.5)
