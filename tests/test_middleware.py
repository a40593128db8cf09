"""No copy of a page or download is kept by a browser or proxy; static files keep caching."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import URLResolver, get_resolver, reverse

from layanan.middleware import TanpaSimpanMiddleware, boleh_disimpan
from layanan.models import Pindaian, Surat
from tests import berkas_uji
from tests.test_workflow import daftar, sampai_selesai
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
