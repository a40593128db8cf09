"""No copy of a page or download is kept by a browser or proxy; static files keep caching."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import URLResolver, get_resolver, reverse

from layanan.middleware import BatasBadanMiddleware, TanpaSimpanMiddleware, boleh_disimpan
from layanan.models import Pindaian, Surat
from tests import berkas_uji
from tests.factories import daftar, sampai_selesai
from tests.views.test_loket import data_kip

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _kosongkan_batas():
    cache.clear()  # the public pages' rate limits


def _tanpa_simpan(response: HttpResponse) -> bool:
    return "no-store" in response.get("Cache-Control", "") and "private" in response.get(
        "Cache-Control", ""
    )


@pytest.fixture
def data(petugas_a, layanan_a) -> dict:
    """An accepted application with a scan (office A) and a signed letter."""
    sktm = layanan_a.berkas.get(nama="SKTM dari Kelurahan")
    isian = data_kip(layanan_a)
    isian[f"berkas_{sktm.pk}_file"] = SimpleUploadedFile("sktm.png", berkas_uji.png())
    assert petugas_a.post(reverse("layanan:permohonan-baru", args=["kip"]), isian).status_code
    scan = Pindaian.objects.get()
    p_surat = daftar("blitar")
    sampai_selesai(p_surat)
    surat = Surat.objects.get()
    return {"p": scan.permohonan, "scan": scan, "p_surat": p_surat, "surat": surat}


def test_pages_and_downloads_with_personal_data_are_never_stored(petugas_a, admin_a, data):
    p, scan, surat = data["p"], data["scan"], data["surat"]
    halaman = [
        (petugas_a, "get", reverse("layanan:antrean"), {}),
        (petugas_a, "get", reverse("layanan:tugas-saya"), {}),
        (petugas_a, "get", reverse("layanan:permohonan-detail", args=[p.pk]), {}),
        (petugas_a, "get", reverse("layanan:tanda-terima", args=[p.pk]), {}),
        (petugas_a, "get", reverse("layanan:pindaian-unduh", args=[p.pk, scan.pk]), {}),
        (
            petugas_a,
            "get",
            reverse("layanan:surat-unduh", args=[surat.permohonan_id, surat.pk]),
            {},
        ),
        (petugas_a, "get", reverse("layanan:dtks-usulan") + "?format=csv", {}),
        (admin_a, "get", reverse("admin:layanan_permohonan_changelist"), {}),
        (admin_a, "post", reverse("admin:jejak-akses"), {"nik": p.pemohon.nik, "format": "csv"}),
        (Client(), "get", reverse("layanan:verifikasi", args=[surat.token]), {}),
        (Client(), "post", reverse("layanan:status"), {"kode": surat.permohonan.kode_lacak}),
        (
            Client(),
            "post",
            reverse("layanan:status"),
            {"kode": surat.permohonan.kode_lacak, "unduh": "1"},
        ),
    ]
    for client, metode, url, isi in halaman:
        response = getattr(client, metode)(url, isi)
        assert response.status_code == 200, url
        assert _tanpa_simpan(response), (url, response.get("Cache-Control"))


def _pola(patterns: list, awalan: str = "") -> Iterator[str]:
    for pola in patterns:
        if isinstance(pola, URLResolver):
            yield from _pola(pola.url_patterns, awalan + str(pola.pattern))
        else:
            yield awalan + str(pola.pattern)


def test_every_url_pattern_answers_no_store_whoever_asks(petugas_a, admin_a, data):
    p, scan, surat = data["p"], data["scan"], data["surat"]
    nilai = {
        "pk": p.pk,
        "scan_pk": scan.pk,
        "surat_pk": surat.pk,
        "token": surat.token,
        "kode_kantor": "blitar",
        "kode": "kip",
    }
    dicoba = 0
    for pola in _pola(get_resolver().url_patterns):
        if pola.startswith(("admin/", "static/")) and "<" in pola:
            continue  # the admin's object pages: tests/admin; its lists are below
        url = "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(nilai.get(m.group(1), 1)), pola)
        url = url.lstrip("^").rstrip("$").replace("^", "")
        for client in (Client(), petugas_a, admin_a):
            response = client.get(url)
            assert _tanpa_simpan(response), (url, response.status_code)
            dicoba += 1
    assert dicoba > 60


def test_static_files_keep_their_caching(client):
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_view_marked_cacheable_keeps_its_own_header():
    @boleh_disimpan
    def lembar(request):
        response = HttpResponse("publik")
        response["Cache-Control"] = "public, max-age=3600"
        return response

    response = TanpaSimpanMiddleware(lembar)(RequestFactory().get("/"))
    assert response["Cache-Control"] == "public, max-age=3600"


class _Masukan:
    """A wsgi.input of `ukuran` bytes that fails the test if read past `batas`."""

    def __init__(self, ukuran: int, batas: int):
        self.sisa, self.batas, self.dibaca = ukuran, batas, 0

    def read(self, size: int = -1) -> bytes:
        size = self.sisa if size is None or size < 0 else min(size, self.sisa)
        self.dibaca += size
        self.sisa -= size
        assert self.dibaca <= self.batas + 64 * 1024, f"{self.dibaca} bytes read"
        return b"x" * size

    def readline(self, size: int = -1) -> bytes:
        return self.read(size)


def _kirim(client: Client, url: str, masukan: _Masukan, panjang: int | None):
    extra: dict = {"wsgi.input": masukan}
    if panjang is not None:
        extra["CONTENT_LENGTH"] = str(panjang)
    else:
        extra["HTTP_TRANSFER_ENCODING"] = "chunked"
    return client.generic(
        "POST", url, b"", content_type="multipart/form-data; boundary=batas", **extra
    )


MB = 1024 * 1024


@pytest.mark.parametrize("panjang", [200 * MB, None])
def test_a_huge_anonymous_post_to_the_verification_page_is_refused_unread(panjang):
    url = reverse("layanan:verifikasi", args=["0" * 32])
    masukan = _Masukan(200 * MB, batas=12 * MB)
    response = _kirim(Client(), url, masukan, panjang)
    if panjang is not None:
        assert response.status_code == 413
        assert masukan.dibaca == 0
        assert "terlalu besar" in response.content.decode()
        assert _tanpa_simpan(response)
    assert masukan.dibaca <= 12 * MB + 1


def test_other_anonymous_posts_are_capped_small():
    masukan = _Masukan(100 * 1024, batas=64 * 1024)
    response = _kirim(Client(), reverse("layanan:status"), masukan, 100 * 1024)
    assert response.status_code == 413
    assert "64" in response.content.decode()
    response = _kirim(Client(), reverse("login"), _Masukan(100 * 1024, 64 * 1024), 100 * 1024)
    assert response.status_code == 413


def test_a_body_without_length_is_cut_at_the_cap(rf):
    """A server that hands over a body with no Content-Length (chunked): read up to the cap."""
    request = rf.post("/status/", data=b"x" * 100_000, content_type="text/plain")
    del request.META["CONTENT_LENGTH"]
    request.user = AnonymousUser()
    request.resolver_match = None
    BatasBadanMiddleware(lambda r: HttpResponse()).process_view(request, lambda r: None, (), {})
    with pytest.raises(RequestDataTooBig):
        request.read()
    assert request._badan_terlalu_besar == 64 * 1024


def test_staff_keep_their_own_larger_limit(petugas_a, settings):
    masukan = _Masukan(100 * 1024, batas=100 * 1024)
    response = _kirim(petugas_a, reverse("layanan:status"), masukan, 100 * 1024)
    assert response.status_code != 413
    settings.DINSOS_MAKS_BADAN_STAF = 1024 * 1024
    response = _kirim(petugas_a, reverse("layanan:status"), _Masukan(2 * MB, 0), 2 * MB)
    assert response.status_code == 413


def test_a_letter_pdf_can_still_be_checked(data):
    surat = data["surat"]
    url = reverse("layanan:verifikasi", args=[surat.token])
    isi = surat.berkas.open("rb").read()
    response = Client().post(url, {"berkas": SimpleUploadedFile("s.pdf", isi)})
    assert response.status_code == 200
    assert "persis surat tersebut" in response.content.decode()
