"""Public rate limits: per purpose and per client address, behind our proxy too."""

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse

from layanan import batas
from layanan.batas import tunggu_detik

pytestmark = pytest.mark.django_db
STATUS = reverse("layanan:status")


@pytest.fixture(autouse=True)
def _kosongkan_batas(settings):
    cache.clear()
    settings.DINSOS_PROXY_TEPERCAYA = ["10.9.0.1"]


def _cari(client: Client) -> int:
    return client.post(STATUS, {"kode": "ZZZZ-ZZZZ-ZZZZ"}).status_code


def _habiskan(client: Client) -> None:
    for _ in range(10):
        assert _cari(client) == 200
    assert _cari(client) == 429


def test_each_purpose_counts_apart():
    client = Client(REMOTE_ADDR="203.0.113.7")
    _habiskan(client)
    verifikasi = client.get(reverse("layanan:verifikasi", args=["0" * 32]))
    assert verifikasi.status_code == 200
    assert "Tidak ada surat dengan kode ini" in verifikasi.content.decode()


def test_two_citizens_behind_our_proxy_have_their_own_counters():
    _habiskan(Client(REMOTE_ADDR="10.9.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1"))
    assert _cari(Client(REMOTE_ADDR="10.9.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")) == 200


def test_a_forged_forwarded_for_does_not_buy_new_attempts():
    penyerang = Client(REMOTE_ADDR="203.0.113.7")
    for i in range(10):
        penyerang.defaults["HTTP_X_FORWARDED_FOR"] = f"192.0.2.{i}"
        assert _cari(penyerang) == 200
    penyerang.defaults["HTTP_X_FORWARDED_FOR"] = "192.0.2.99"
    assert _cari(penyerang) == 429


def test_an_ipv6_client_cannot_walk_its_own_64():
    for akhir in range(10):
        assert _cari(Client(REMOTE_ADDR=f"2001:db8:1:2::{akhir + 1:x}")) == 200
    assert _cari(Client(REMOTE_ADDR="2001:db8:1:2::ffff")) == 429
    assert _cari(Client(REMOTE_ADDR="2001:db8:1:3::1")) == 200


def test_limits_come_from_the_settings(settings):
    settings.DINSOS_BATAS_PERMINTAAN = {**settings.DINSOS_BATAS_PERMINTAAN, "status": (2, 60)}
    client = Client(REMOTE_ADDR="203.0.113.7")
    assert [_cari(client) for _ in range(3)] == [200, 200, 429]


def test_the_verification_page_says_to_wait(settings):
    settings.DINSOS_BATAS_PERMINTAAN = {**settings.DINSOS_BATAS_PERMINTAAN, "verifikasi": (1, 60)}
    client = Client(REMOTE_ADDR="203.0.113.7")
    url = reverse("layanan:verifikasi", args=["0" * 32])
    client.get(url)
    response = client.get(url)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "Terlalu banyak percobaan. Coba lagi dalam" in response.content.decode()


def test_the_limiter_takes_its_own_limit_and_window():
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7")
    hasil = [tunggu_detik(request, "pengaduan", batas=1, per_detik=5) for _ in range(2)]
    assert hasil[0] == 0 and 1 <= hasil[1] <= 5
    assert tunggu_detik(request, "status", batas=1) == 0


class Jam:
    def __init__(self, detik: float):
        self.detik = detik

    def __call__(self) -> float:
        return self.detik


def test_the_wait_the_page_says_is_the_wait_it_keeps(monkeypatch):
    """Refused 20 s into a minute: told 40 s, and let in again after 40 s, however many
    refused tries came between (each used to restart a 300-second cache timeout)."""
    jam = Jam(1_000 * 60 + 20.0)
    monkeypatch.setattr(batas, "jam", jam)
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(10):
        assert _cari(client) == 200
    ditolak = client.post(STATUS, {"kode": "ZZZZ-ZZZZ-ZZZZ"})
    assert ditolak.status_code == 429
    assert ditolak["Retry-After"] == "40"
    assert "Coba lagi dalam 40 detik" in ditolak.content.decode()
    for detik in range(21, 60, 3):
        jam.detik = 1_000 * 60 + detik
        assert _cari(client) == 429
    jam.detik = 1_001 * 60 + 0.5
    assert _cari(client) == 200


def test_an_hours_window_is_told_in_minutes(monkeypatch):
    jam = Jam(500 * 3600 + 600.0)
    monkeypatch.setattr(batas, "jam", jam)
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7")
    assert tunggu_detik(request, "pengaduan", batas=0, per_detik=3600) == 3000
    assert batas.pesan_tunggu(3000) == "Terlalu banyak percobaan. Coba lagi dalam 50 menit."
