"""Who sent a request: the client's address behind our proxies, the site's public address."""

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse
from pypdf import PdfReader

from layanan.models import AksesData, Permohonan
from layanan.permintaan import alamat_klien, url_publik
from layanan.surat.tanda_tangan import TandaTanganGagal
from tests.views.test_loket import data_kip

PROXY = ["10.9.0.0/24", "2001:db8::1"]


def _alamat(remote: str, xff: str | None = None) -> str | None:
    meta = {"REMOTE_ADDR": remote}
    if xff is not None:
        meta["HTTP_X_FORWARDED_FOR"] = xff
    return alamat_klien(RequestFactory().get("/", **meta))


@pytest.mark.parametrize(
    ("remote", "xff", "klien"),
    [
        ("203.0.113.7", None, "203.0.113.7"),
        ("203.0.113.7", "198.51.100.1", "203.0.113.7"),  # not our proxy: its header is ignored
        ("10.9.0.1", "198.51.100.1", "198.51.100.1"),
        ("10.9.0.1", "1.1.1.1, 198.51.100.1", "198.51.100.1"),  # the client's own entry lies
        ("10.9.0.1", "1.1.1.1, 198.51.100.1, 10.9.0.5", "198.51.100.1"),  # two proxies of ours
        ("2001:db8::1", "2001:db8:ffff::9", "2001:db8:ffff::9"),
        ("10.9.0.1", "", "10.9.0.1"),  # the proxy's own request (a health check)
        ("10.9.0.1", "bukan-alamat, 10.9.0.5", "10.9.0.5"),
        ("10.9.0.1", "198.51.100.1, bukan-alamat", "10.9.0.1"),
        ("", "198.51.100.1", None),  # a unix socket we were not told to trust
    ],
)
def test_the_client_address_trusts_only_our_proxies(settings, remote, xff, klien):
    settings.DINSOS_PROXY_TEPERCAYA = PROXY
    assert _alamat(remote, xff) == klien


def test_a_unix_socket_can_be_trusted(settings):
    settings.DINSOS_PROXY_TEPERCAYA = ["unix"]
    assert _alamat("", "198.51.100.1") == "198.51.100.1"


@pytest.mark.django_db
def test_the_access_log_records_the_client_behind_our_proxy(settings, petugas_a, layanan_a):
    settings.DINSOS_PROXY_TEPERCAYA = PROXY
    petugas_a.post(reverse("layanan:permohonan-baru", args=["kip"]), data_kip(layanan_a))
    p = Permohonan.objects.get()
    url = reverse("layanan:tanda-terima", args=[p.pk])
    petugas_a.get(url, REMOTE_ADDR="10.9.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    petugas_a.get(url, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.1")
    alamat = list(AksesData.objects.order_by("id").values_list("alamat_ip", flat=True))
    assert alamat[-2:] == ["198.51.100.1", "203.0.113.7"]


def test_the_public_address_never_comes_from_the_host_header(settings):
    settings.DINSOS_URL_PUBLIK = "https://layanan.dinsos.example.go.id"
    request = RequestFactory().get("/", HTTP_HOST="jahat.example")
    assert url_publik(request, "/v/abc/") == "https://layanan.dinsos.example.go.id/v/abc/"


def test_without_a_public_address_only_development_uses_the_request(settings):
    settings.DINSOS_URL_PUBLIK = ""
    request = RequestFactory().get("/", HTTP_HOST="localhost:8000")
    settings.DEBUG = True
    assert url_publik(request, "/status/") == "http://localhost:8000/status/"
    settings.DEBUG = False
    with pytest.raises(ImproperlyConfigured):
        url_publik(request, "/status/")


@pytest.mark.django_db
def test_the_receipt_links_to_the_public_address_whatever_the_host(settings, petugas_a, layanan_a):
    settings.DINSOS_URL_PUBLIK = "https://layanan.dinsos.example.go.id"
    petugas_a.post(reverse("layanan:permohonan-baru", args=["kip"]), data_kip(layanan_a))
    p = Permohonan.objects.get()
    pdf = petugas_a.get(reverse("layanan:tanda-terima", args=[p.pk]), HTTP_HOST="jahat.example")
    teks = " ".join(h.extract_text() for h in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "https://layanan.dinsos.example.go.id/status/" in " ".join(teks.split())
    assert "jahat" not in teks


@pytest.mark.django_db
@pytest.mark.parametrize("aksi", ["tandatangani", "ganti"])
def test_the_letters_qr_code_points_at_the_public_address(settings, monkeypatch, aksi):
    from tests.factories import daftar

    settings.DINSOS_URL_PUBLIK = "https://layanan.dinsos.example.go.id"
    diminta: dict = {}

    def catat(**kwargs):
        diminta.update(kwargs)
        raise TandaTanganGagal("cukup")

    monkeypatch.setattr("layanan.views.surat.surat_tandatangani", catat)
    monkeypatch.setattr("layanan.views.surat.surat_terbitkan_ulang", catat)
    monkeypatch.setattr("layanan.views.surat.selectors.ambil_surat", lambda *a, **k: (None, None))
    p = daftar("blitar")
    url = {
        "tandatangani": reverse("layanan:surat-tandatangani", args=[p.pk]),
        "ganti": reverse("layanan:surat-ganti", args=[p.pk, 1]),
    }[aksi]
    from django.test import Client

    from layanan.models import Pengguna

    kadin = Client()
    kadin.force_login(Pengguna.objects.get(username="blitar.kadin"))
    kadin.post(url, {"frasa_sandi": "x"}, HTTP_HOST="jahat.example")
    assert diminta["url_verifikasi"] == "https://layanan.dinsos.example.go.id/v/{token}/"
