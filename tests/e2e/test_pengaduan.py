"""Complaints in the browser (issue 'Pengaduan', done-when): a citizen sends one from a phone,
Metro's handlers take it through verifikasi, mediasi, cek lokasi and penyelesaian, close it with a
decision, and the citizen reads the answer with the tracking code. Every complaint page passes
axe-core at 1366 and 390 px and is used by keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import ARTEFAK
from tests.e2e.test_aksesibilitas import _pelanggaran
from tests.e2e.test_alur import _sebagai

PONSEL = {"width": 390, "height": 844}


def _ponsel(browser: Browser) -> Page:
    konteks = browser.new_context(viewport=PONSEL, locale="id-ID", is_mobile=True, has_touch=True)
    return konteks.new_page()


def _kirim_dari_ponsel(halaman: Page, situs: str, uraian: str) -> str:
    halaman.goto(f"{situs}/pengaduan/")  # one office's form, or the list of offices
    halaman.get_by_role("link", name="Dinas Sosial Kota Metro").click()
    expect(halaman.get_by_role("heading", level=1)).to_have_text("Pengaduan, saran, dan masukan")
    halaman.get_by_label("Perihal").select_option(label="Lama atau terlambatnya pelayanan")
    halaman.get_by_label("Apa yang terjadi").fill(uraian)
    halaman.get_by_role("button", name="Kirim pengaduan").click()
    expect(halaman.get_by_role("heading", level=1)).to_have_text("Pengaduan Anda sudah diterima")
    return halaman.locator("#kode-lacak").inner_text().strip()


def _tahap(halaman: Page, situs: str, username: str, browser: Browser, catatan: str) -> None:
    staf = _sebagai(browser, situs, username)
    staf.get_by_role("link", name="Pengaduan", exact=True).click()
    staf.locator("#tugas-pengaduan button").first.click()  # opening it stamps its start
    staf.locator("#form-lanjut").get_by_label("Catatan untuk riwayat").fill(catatan)
    staf.get_by_role("button", name="selesai: lanjutkan").click()
    # A success is read out politely (role="status"); an error is an alert.
    expect(staf.get_by_role("status").first).to_contain_text("selesai")
    staf.close()


def test_a_complaint_from_a_phone_is_handled_through_four_stages_and_answered(
    browser: Browser, situs
):
    warga = _ponsel(browser)
    kode = _kirim_dari_ponsel(warga, situs, "Surat KIP anak saya belum selesai tiga hari.")
    warga.screenshot(path=ARTEFAK / "pengaduan-terkirim-390.png", full_page=True)
    for username, catatan in [
        ("metro.petugas", "Aduan benar: berkas tertahan di meja verifikasi."),
        ("metro.kabid", "Mediasi dengan pelapor lewat telepon."),
        ("metro.petugas", "Cek lokasi: berkas ditemukan."),
    ]:
        _tahap(warga, situs, username, browser, catatan)
    kadin = _sebagai(browser, situs, "metro.kadin")
    kadin.get_by_role("link", name="Pengaduan", exact=True).click()
    kadin.locator("#tugas-pengaduan button").first.click()
    expect(kadin.locator("#tahap-saat-ini")).to_contain_text("Penyelesaian/Sanksi")
    tutup = kadin.locator("#tutup")
    tutup.get_by_label("Terbukti", exact=True).check()
    tutup.get_by_label("Jawaban kepada pelapor").fill(
        "Surat sudah selesai dan dapat diambil di loket. Petugas sudah diberi teguran."
    )
    kadin.get_by_role("button", name="Tutup pengaduan").click()
    expect(kadin.locator("#keputusan")).to_contain_text("Terbukti")
    kadin.screenshot(path=ARTEFAK / "pengaduan-ditutup-1366.png", full_page=True)
    kadin.close()

    warga.goto(f"{situs}/status/")
    warga.get_by_label("Kode lacak").fill(kode)
    warga.get_by_role("button", name="Tampilkan status").click()
    jawaban = warga.locator("#jawaban-pengaduan")
    expect(jawaban).to_contain_text("Terbukti")
    expect(jawaban).to_contain_text("dapat diambil di loket")
    assert _pelanggaran(warga) == []
    warga.screenshot(path=ARTEFAK / "pengaduan-jawaban-390.png", full_page=True)
    warga.context.close()


def test_the_public_form_is_used_by_keyboard_alone(browser: Browser, situs):
    warga = _ponsel(browser)
    warga.goto(f"{situs}/pengaduan/kirim/metro/")
    warga.get_by_label("Jenis").focus()
    warga.keyboard.press("Tab")  # to "Perihal"
    warga.keyboard.press("ArrowDown")
    warga.keyboard.press("Tab")
    warga.keyboard.type("Petugas loket tidak ada di tempat.")
    dilalui = []
    for _ in range(12):  # on through every field to the button: the hidden field is never met
        warga.keyboard.press("Tab")
        dilalui.append(
            warga.evaluate("document.activeElement.name || document.activeElement.textContent")
        )
        if "Kirim pengaduan" in dilalui[-1]:
            break
    assert "situs_web" not in dilalui and "Kirim pengaduan" in dilalui[-1]
    warga.keyboard.press("Enter")
    expect(warga.get_by_role("heading", level=1)).to_have_text("Pengaduan Anda sudah diterima")
    warga.context.close()


# At a phone's width: the page checker (tests/e2e/conftest.py) runs axe on every page at 1366 px
# too, so one run covers both widths.
@pytest.mark.parametrize("lebar", [390])
def test_every_complaint_page_passes_axe(browser: Browser, situs, lebar):
    from layanan.pengaduan.demo import muat_contoh_pengaduan

    muat_contoh_pengaduan()  # one at each stage: waiting, at mediation, paused, answered
    ditemukan: dict[str, list[str]] = {}
    warga = browser.new_page(viewport={"width": lebar, "height": 844})
    for alamat in ["/pengaduan/", "/pengaduan/kirim/metro/"]:
        warga.goto(situs + alamat)
        ditemukan[alamat] = _pelanggaran(warga)
    warga.get_by_role("button", name="Kirim pengaduan").click()  # every field refused at once
    expect(warga.locator("#ringkasan-salah")).to_be_visible()
    ditemukan["kirim (salah)"] = _pelanggaran(warga)
    for kode in ("PGDN-2026-0003", "PGDN-2026-0004"):  # a question waits; an answer and appeal
        warga.goto(f"{situs}/status/")
        warga.get_by_label("Kode lacak").fill(kode)
        warga.get_by_role("button", name="Tampilkan status").click()
        expect(warga.locator("#hasil-status")).to_be_visible()
        for ringkas in warga.locator("details").all():
            ringkas.evaluate("d => d.open = true")
        ditemukan[kode] = _pelanggaran(warga)
        warga.screenshot(path=ARTEFAK / f"pengaduan-status-{kode[-1]}-{lebar}.png", full_page=True)
    warga.close()

    staf = _sebagai(browser, situs, "metro.kabid")
    staf.set_viewport_size({"width": lebar, "height": 844})
    for alamat in ["tugas", "semua", "catat", "angka"]:
        staf.goto(f"{situs}/pengaduan/{alamat}/")
        staf.wait_for_load_state()
        ditemukan[alamat] = _pelanggaran(staf)
        staf.screenshot(path=ARTEFAK / f"pengaduan-{alamat}-{lebar}.png", full_page=True)
    staf.goto(f"{situs}/pengaduan/tugas/")
    staf.locator("#tugas-pengaduan button").first.click()
    expect(staf.locator("#riwayat")).to_be_visible()
    for ringkas in staf.locator("details").all():
        ringkas.evaluate("d => d.open = true")
    ditemukan["detail"] = _pelanggaran(staf)
    staf.screenshot(path=ARTEFAK / f"pengaduan-detail-{lebar}.png", full_page=True)
    staf.get_by_role("button", name="Tampilkan identitas pelapor").click()
    expect(staf.locator("#pelapor")).to_contain_text("Kontak")
    ditemukan["detail (identitas)"] = _pelanggaran(staf)
    staf.close()
    assert {k: v for k, v in ditemukan.items() if v} == {}


def test_a_handler_closes_with_a_decision_by_keyboard(browser: Browser, situs):
    warga = _ponsel(browser)
    _kirim_dari_ponsel(warga, situs, "Antrean terlalu lama.")
    warga.context.close()
    petugas = _sebagai(browser, situs, "metro.petugas")
    petugas.goto(f"{situs}/pengaduan/tugas/")
    petugas.locator("#tugas-pengaduan button").first.focus()
    petugas.keyboard.press("Enter")
    ringkas = petugas.locator("#tutup summary")
    ringkas.focus()
    petugas.keyboard.press("Enter")  # opens the closing form
    petugas.locator("#tutup").get_by_label("Tidak terbukti").focus()
    petugas.keyboard.press("Space")
    petugas.keyboard.press("Tab")
    petugas.keyboard.type("Antrean hari itu normal; terima kasih atas masukannya.")
    petugas.get_by_role("button", name="Tutup pengaduan").focus()
    petugas.keyboard.press("Enter")
    expect(petugas.locator("#keputusan")).to_contain_text("Tidak terbukti")
    petugas.close()
