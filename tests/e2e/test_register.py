"""The letter register in a browser: find a letter by name, export the result, reprint a letter;
axe-core on both registers at an office screen's width and a phone's."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.db import connection
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from layanan.models import Pemohon, Surat
from tests.e2e.conftest import ARTEFAK
from tests.e2e.test_aksesibilitas import _pelanggaran
from tests.e2e.test_loket import _masuk
from tests.factories import daftar, sampai_selesai


def _dua_surat() -> list[tuple[str, str, bytes]]:
    """Two signed letters of Blitar: (number, applicant, the stored PDF)."""
    hasil = []
    for nama, terdaftar in (("Budi Santoso", True), ("Sari Dewi", False)):
        p = daftar("blitar", terdaftar=terdaftar)
        Pemohon.objects.filter(pk=p.pemohon_id).update(nama=nama)
        sampai_selesai(p)
        surat = Surat.objects.get(permohonan=p)
        with surat.berkas.open("rb") as f:
            hasil.append((surat.nomor, nama, f.read()))
    connection.close()  # this thread's own
    return hasil


def test_find_export_and_reprint_a_letter(page: Page, situs):
    # Signing runs pyHanko's asyncio.run(), refused in the thread where Playwright's loop runs.
    with ThreadPoolExecutor(1) as pekerja:
        (nomor_budi, _, _), (nomor_sari, _, pdf_sari) = pekerja.submit(_dua_surat).result()
    _masuk(page, situs, "blitar.petugas")
    page.get_by_role("navigation").get_by_role("link", name="Register").click()
    expect(page.get_by_role("heading", name="Register surat")).to_be_visible()
    tabel = page.locator("#register-surat tbody tr")
    expect(tabel).to_have_count(2)
    expect(tabel.first).to_contain_text(nomor_sari)  # the newest first

    # Found by name, with the keyboard: Enter sends the search.
    page.get_by_label("Nama pemohon").fill("sari")
    page.get_by_label("Nama pemohon").press("Enter")
    expect(tabel).to_have_count(1)
    expect(tabel.first).to_contain_text("Sari Dewi")
    expect(page.get_by_role("status")).to_contain_text("1 ditemukan")
    assert "sari" not in page.url.lower()
    page.screenshot(path=ARTEFAK / "register-surat-1366.png", full_page=True)

    # The export holds what was found, and only that.
    with page.expect_download() as unduhan:
        page.get_by_role("link", name="Ekspor ke XLSX").click()
    # The download is kept under a name without .xlsx, which openpyxl would refuse.
    lembar = load_workbook(io.BytesIO(Path(unduhan.value.path()).read_bytes())).active
    baris = [[sel.value for sel in b] for b in lembar.iter_rows()]
    assert baris[0][:5] == [
        "Nomor surat",
        "Ditandatangani pada",
        "Layanan",
        "Nomor registrasi",
        "Pemohon",
    ]
    assert [(b[0], b[4]) for b in baris[1:]] == [(nomor_sari, "Sari Dewi")]
    assert unduhan.value.suggested_filename.startswith("register-surat-")

    # The reprint is the stored letter, byte for byte.
    cetak = page.get_by_role("link", name=f"PDF surat {nomor_sari}")
    jawab = page.request.get(situs + cetak.get_attribute("href"))
    assert jawab.headers["content-type"] == "application/pdf"
    assert jawab.body() == pdf_sari
    assert nomor_budi not in page.locator("#register-surat").inner_text()

    # Cleared, both letters again.
    page.get_by_role("button", name="Hapus pencarian").click()
    expect(tabel).to_have_count(2)


def test_registers_pass_axe_at_both_widths(page: Page, situs):
    with ThreadPoolExecutor(1) as pekerja:
        pekerja.submit(_dua_surat).result()
    daftar("blitar", lengkap=False)  # an attempt not accepted, in the receipt register
    _masuk(page, situs, "blitar.petugas")
    ditemukan = {}
    for lebar in (1366, 390):
        page.set_viewport_size({"width": lebar, "height": 768})
        for alamat, nama in (
            ("/surat/", "register-surat"),
            ("/tanda-terima/", "register-tanda-terima"),
        ):
            page.goto(situs + alamat)
            if pelanggaran := _pelanggaran(page):
                ditemukan[f"{alamat} {lebar}"] = pelanggaran
            page.screenshot(path=ARTEFAK / f"{nama}-{lebar}.png", full_page=True)
            # The page itself stays as wide as the screen; the table scrolls in its own box.
            lebar_halaman = page.evaluate("document.documentElement.scrollWidth")
            assert lebar_halaman <= lebar, (alamat, lebar_halaman)
        # A refused search: its messages pass too.
        page.goto(situs + "/surat/")
        page.get_by_label("NIK pemohon").fill("12345")
        page.get_by_role("button", name="Cari", exact=True).click()
        expect(page.get_by_text("NIK harus 16 digit")).to_be_visible()
        if pelanggaran := _pelanggaran(page):
            ditemukan[f"/surat/ (ditolak) {lebar}"] = pelanggaran
        page.screenshot(path=ARTEFAK / f"register-surat-ditolak-{lebar}.png", full_page=True)
    assert ditemukan == {}
