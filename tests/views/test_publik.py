"""The public status page: by the receipt's code only, a masked name, the same answer for any
unknown code, and a limit on attempts."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from layanan.models import Permohonan
from layanan.views.publik import samarkan
from tests.views.test_loket import NIK, data_kip

pytestmark = pytest.mark.django_db
URL = reverse("layanan:status")


@pytest.fixture(autouse=True)
def _kosongkan_batas():
    cache.clear()


def test_the_code_shows_step_deadline_and_a_masked_name(client, petugas_a, layanan_a):
    petugas_a.post(reverse("layanan:permohonan-baru", args=["kip"]), data_kip(layanan_a))
    p = Permohonan.objects.get()
    response = client.post(URL, {"kode": p.kode_lacak.lower().replace("-", " ")})
    halaman = response.content.decode()
    assert response.status_code == 200
    assert "B*** S******" in halaman
    assert "langkah 3, di Pekerja Sosial Ahli Muda" in halaman
    assert "Budi" not in halaman and NIK not in halaman


@pytest.mark.parametrize("kode", ["ZZZZ-ZZZZ-ZZZZ", "abc", "3572010501890001", "'; DROP"])
def test_unknown_and_malformed_codes_get_the_same_answer(client, kode):
    halaman = client.post(URL, {"kode": kode}).content.decode()
    assert "Tidak ada permohonan atau pengaduan dengan kode ini" in halaman


def test_attempts_are_limited(client):
    for _ in range(10):
        assert client.post(URL, {"kode": "ZZZZ-ZZZZ-ZZZZ"}).status_code == 200
    assert client.post(URL, {"kode": "ZZZZ-ZZZZ-ZZZZ"}).status_code == 429


def test_masking():
    assert samarkan("Budi Santoso") == "B*** S******"
