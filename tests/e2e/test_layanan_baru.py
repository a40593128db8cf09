"""An office administrator builds a small service from nothing in the browser — staff intake, a
Kabid YES/NO decision, the Kadin's signature initialled by the Kabid, two outcomes, a letter —
and activates it; the service page passes axe-core at 1366 and 390 px. The browser actions are
counted (printed), to keep the path an administrator walks short."""

import re

from playwright.sync_api import Locator, Page, expect

from layanan.models import Layanan, StatusLayanan
from tests.e2e.conftest import ARTEFAK
from tests.e2e.test_admin_sop import _masuk
from tests.e2e.test_aksesibilitas import _pelanggaran


class Hitung:
    """The browser actions of the test, counted as they are taken."""

    def __init__(self, page: Page):
        self.page = page
        self.n = 0

    def isi(self, el: Locator, teks: str) -> None:
        self.n += 1
        el.fill(teks)

    def pilih(self, el: Locator, nilai: str) -> None:
        self.n += 1
        el.select_option(label=nilai)

    def klik(self, el: Locator) -> None:
        self.n += 1
        el.click()

    def tekan(self, el: Locator, tombol: str) -> None:
        self.n += 1
        el.press(tombol)

    def buka(self, alamat: str) -> None:
        self.n += 1
        self.page.goto(alamat)


def _baris(page: Page, grup: str, i: int) -> Locator:
    return page.locator(f"#{grup}-group tr.form-row:not(.empty-form)").nth(i)


def _axe(page: Page, nama: str) -> dict[str, list[str]]:
    ditemukan = {}
    for lebar in (1366, 390):
        page.set_viewport_size({"width": lebar, "height": 768})
        page.screenshot(path=ARTEFAK / f"{nama}-{lebar}.png", full_page=True)
        if pelanggaran := _pelanggaran(page):
            ditemukan[f"{nama} {lebar}"] = pelanggaran
    page.set_viewport_size({"width": 1366, "height": 768})
    return ditemukan


def test_an_administrator_builds_and_activates_a_service(page: Page, situs):
    _masuk(page, situs, "blitar.admin")  # 3 actions: name, password, button
    h = Hitung(page)
    h.n = 3
    h.buka(f"{situs}/admin/layanan/layanan/add/")
    h.isi(page.get_by_label("Kode:"), "bansos")
    h.isi(page.get_by_label("Nama SOP:"), "Layanan Rekomendasi Bantuan Sosial")
    h.isi(page.get_by_label("Nama singkat:"), "Rekomendasi Bansos")

    # Two outcomes, added by keyboard.
    tambah_hasil = page.get_by_role("button", name="Tambahkan Hasil akhir lagi")
    for i, (kode, nama, jenis) in enumerate(
        [
            ("selesai", "Surat diserahkan", "Selesai"),
            ("ditolak", "Tidak direkomendasikan", "Ditolak"),
        ]
    ):
        h.tekan(tambah_hasil, "Enter")
        baris = _baris(page, "hasil", i)
        h.isi(baris.get_by_label(f"Kode, Hasil akhir {i + 1}"), kode)
        h.isi(baris.get_by_label(f"Nama, Hasil akhir {i + 1}"), nama)
        h.pilih(baris.get_by_label(f"Jenis, Hasil akhir {i + 1}"), jenis)

    # Three steps; each new row takes the next number, and the outcomes typed above are offered.
    tambah = page.get_by_role("button", name="Tambahkan Langkah lagi")
    langkah = [
        ("Petugas menerima dan memeriksa berkas", "Petugas/Staf", None),
        ("Kabid memutuskan rekomendasi", "Kabid", "Keputusan YA/TIDAK"),
        ("Kadin menandatangani surat rekomendasi", "Kadin", "Tanda tangan"),
    ]
    for i, (kegiatan, peran, jenis) in enumerate(langkah, start=1):
        h.klik(tambah)
        baris = _baris(page, "langkah", i - 1)
        expect(baris.get_by_role("rowheader")).to_contain_text(f"Langkah {i}")
        h.isi(baris.get_by_label(f"Kegiatan, Langkah {i}"), kegiatan)
        h.pilih(baris.get_by_label(f"Pelaksana, Langkah {i}"), peran)
        if jenis:
            h.pilih(baris.get_by_label(f"Jenis, Langkah {i}"), jenis)
    h.pilih(page.get_by_label("Tidak berakhir dengan, Langkah 2"), "Tidak direkomendasikan")
    h.pilih(page.get_by_label("Lanjut (YA) berakhir dengan, Langkah 3"), "Surat diserahkan")
    # The Kabid initials before the Kadin signs: the chain folds under the step's kind.
    paraf = page.locator("summary", has_text="Paraf, Langkah 3")
    h.tekan(paraf, "Enter")
    h.tekan(
        page.get_by_role("group", name="Diparaf lebih dulu oleh, Langkah 3").get_by_label("Kabid"),
        " ",
    )
    h.klik(page.get_by_role("button", name="Simpan dan terus mengedit"))

    expect(page.locator(".messagelist")).to_contain_text("berhasil")
    expect(page.locator("#judul-status")).to_have_text("Status: Draf")
    periksa = page.locator(".status-layanan ul.masalah-alur")
    expect(periksa).to_contain_text("Langkah 3 adalah langkah tanda tangan")
    # The same message stands right above step 3's row.
    expect(page.locator("#langkah-group tr.row-form-errors")).to_contain_text("Langkah 3")
    ditemukan = _axe(page, "layanan-baru-draf")

    # The letter, from the link the check offers.
    h.klik(page.get_by_role("link", name="Tambah templat surat"))
    h.isi(page.get_by_label("Judul:"), "SURAT REKOMENDASI")
    h.isi(page.get_by_label("Isi:"), "<p>Nama: {{ pemohon.nama }}, NIK {{ pemohon.nik }}.</p>")
    h.klik(page.get_by_role("button", name="Simpan", exact=True))
    expect(page.locator(".messagelist")).to_contain_text("berhasil")

    layanan = Layanan.objects.get(kantor__kode="blitar", kode="bansos")
    h.buka(f"{situs}/admin/layanan/layanan/{layanan.pk}/change/")
    expect(page.locator(".periksa-lulus")).to_be_visible()
    h.klik(page.get_by_role("button", name="Simpan dan aktifkan"))
    expect(page.locator(".messagelist")).to_contain_text("Layanan aktif")
    expect(page.locator("#judul-status")).to_have_text("Status: Aktif")
    ditemukan |= _axe(page, "layanan-baru-aktif")

    layanan.refresh_from_db()
    assert layanan.status == StatusLayanan.AKTIF
    assert [p.peran.kode for p in layanan.langkah.get(nomor=3).paraf.all()] == ["kabid"]
    assert layanan.langkah.get(nomor=2).tidak_hasil.kode == "ditolak"
    print(f"\nBrowser actions to build and activate the service: {h.n}")
    assert ditemukan == {}
    assert re.search(r"/admin/layanan/layanan/\d+/change/", page.url)
