"""No English a user can see on the main pages: the UI speaks Indonesian everywhere (issue 12)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from layanan.models import HariLibur, Layanan, Pengguna, Permohonan, Surat
from tests.factories import daftar, sampai_selesai
from tests.views.test_loket import data_kip
from tests.views.test_tugas import _masuk

pytestmark = pytest.mark.django_db

# Common English UI words, matched as whole words. Not here: words Indonesian shares ("Status",
# "Total", "Data", "Admin", "Email", "Reset", "Online") and the SOPs' own terms (DTKS, NIK, KIP).
INGGRIS = [
    "Choose", "File", "Files", "Browse", "Save", "Delete", "No", "Yes", "Get", "Full name",
    "Search", "Filter", "Add", "Change", "History", "Home", "Log out", "Log in", "Login",
    "Logout", "Submit", "Cancel", "Clear", "Currently", "Today", "Now", "Select", "Upload",
    "Download", "Print", "Back", "Next", "Previous", "Edit", "View", "Close", "Show", "Hide",
    "Name", "Date", "Password", "Username", "Welcome", "Remove", "None", "All", "Go", "Action",
    "Sign", "Signed", "Done", "Step", "Letter", "Office", "Roles", "Documents", "Applicant",
    "Application", "Warning", "Error", "Required", "Optional", "Page", "Results", "Your", "the",
    "and", "of", "with", "not", "is", "are",
]  # fmt: skip
# "No." is the Indonesian abbreviation of "Nomor" (an address's house number).
POLA = re.compile(r"\b(" + "|".join(map(re.escape, INGGRIS)) + r")\b(?!\.)")
TAK_TERLIHAT = {"script", "style", "template", "noscript"}
ATRIBUT_TERLIHAT = ("placeholder", "title", "aria-label", "alt")


class _Teks(HTMLParser):
    """The text a user can see or hear: element text, and the attributes shown or read out."""

    def __init__(self) -> None:
        super().__init__()
        self.bagian: list[str] = []
        self._sembunyi = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in TAK_TERLIHAT:
            self._sembunyi += 1
        a = dict(attrs)
        self.bagian += [a[k] or "" for k in ATRIBUT_TERLIHAT if k in a]
        if tag == "input" and a.get("type") in ("submit", "button", "reset"):
            self.bagian.append(a.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in TAK_TERLIHAT and self._sembunyi:
            self._sembunyi -= 1

    def handle_data(self, data: str) -> None:
        if not self._sembunyi:
            self.bagian.append(data)


def teks_terlihat(html: str) -> str:
    p = _Teks()
    p.feed(html)
    return " ".join(" ".join(p.bagian).split())


def kata_inggris(html: str) -> list[str]:
    return sorted(set(POLA.findall(teks_terlihat(html))))


def test_the_checker_finds_english_and_lets_indonesian_pass():
    assert kata_inggris("<p>Choose File</p><p>No file chosen</p>") == ["Choose", "File", "No"]
    assert kata_inggris('<button title="Save">x</button><input type="submit" value="Go">') == [
        "Go",
        "Save",
    ]
    assert kata_inggris("<script>var No = 1;</script><style>.File{}</style>") == []
    assert kata_inggris("<p>Jl. Merdeka No. 5, Status: Diterima</p>") == []
    assert kata_inggris("<p>Nomor, Filteran, Pilih berkas</p>") == []


def _halaman(client: Client, url: str, data: dict | None = None) -> str:
    response = client.post(url, data) if data is not None else client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _periksa(halaman: dict[str, str]) -> None:
    ditemukan = {url: kata for url, html in halaman.items() if (kata := kata_inggris(html))}
    assert ditemukan == {}


def test_loket_pages_speak_indonesian(petugas_a, layanan_a):
    url_baru = reverse("layanan:permohonan-baru", args=["kip"])
    petugas_a.post(url_baru, data_kip(layanan_a))
    tidak = data_kip(layanan_a, aksi="tidak_lengkap", catatan_loket="SKTM belum ada")
    tidak.pop(f"berkas_{layanan_a.berkas.first().pk}_ada")
    petugas_a.post(url_baru, tidak)
    p = Permohonan.objects.filter(status="diterima").get()
    salah = data_kip(layanan_a, nik="123", **{f"berkas_{layanan_a.berkas.first().pk}_ada": None})
    _periksa(
        {
            "antrean": _halaman(petugas_a, reverse("layanan:antrean") + "?semua=1"),
            "baru": _halaman(petugas_a, url_baru),
            "baru-salah": _halaman(petugas_a, url_baru, salah),
            "detail": _halaman(petugas_a, reverse("layanan:permohonan-detail", args=[p.pk])),
            "detail-peksos": _halaman(
                _masuk("blitar.peksos"), reverse("layanan:permohonan-detail", args=[p.pk])
            ),
            "tugas": _halaman(_masuk("blitar.peksos"), reverse("layanan:tugas-saya")),
        }
    )


def test_public_pages_speak_indonesian(client):
    cache.clear()  # the public pages' rate limits
    p = daftar("solok")
    sampai_selesai(p)
    surat = Surat.objects.get(permohonan=p)
    _periksa(
        {
            "masuk": _halaman(client, reverse("login")),
            "masuk-salah": _halaman(client, reverse("login"), {"username": "x", "password": "y"}),
            "status": _halaman(client, reverse("layanan:status")),
            "status-kode": _halaman(client, reverse("layanan:status"), {"kode": p.kode_lacak}),
            "verifikasi": _halaman(client, reverse("layanan:verifikasi", args=[surat.token])),
        }
    )


def test_admin_pages_of_an_office_admin_speak_indonesian(admin_a, kantor_a):
    pengguna = Pengguna.objects.get(username="blitar.petugas")
    layanan = Layanan.objects.get(kantor=kantor_a, kode="kip")
    libur = HariLibur.objects.create(kantor=kantor_a, tanggal="2026-08-20", nama="Hari Jadi")
    _periksa(
        {
            url: _halaman(admin_a, url)
            for url in [
                reverse("admin:index"),
                reverse("admin:layanan_pengguna_changelist"),
                reverse("admin:layanan_pengguna_change", args=[pengguna.pk]),
                reverse("admin:layanan_kantor_change", args=[kantor_a.pk]),
                reverse("admin:layanan_layanan_change", args=[layanan.pk]),
                reverse("admin:layanan_harilibur_changelist"),
                reverse("admin:layanan_harilibur_change", args=[libur.pk]),
                reverse("admin:layanan_harilibur_add"),
                reverse("admin:layanan_pejabat_add"),
            ]
        }
    )
