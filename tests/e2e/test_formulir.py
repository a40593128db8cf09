"""Forms in the browser: dates typed day-first with a keyboard calendar, file inputs in
Indonesian, and a scan too large refused before it is sent (issue 12, 14)."""

from playwright.sync_api import Page, expect

from tests.e2e.conftest import ARTEFAK
from tests.e2e.test_loket import _masuk


def _formulir_kip(page: Page, situs: str) -> None:
    _masuk(page, situs, "blitar.petugas")
    page.goto(f"{situs}/loket/baru/kip/")


def test_a_birth_date_is_typed_day_first_or_picked_with_the_keyboard(page: Page, situs):
    _formulir_kip(page, situs)
    tanggal = page.get_by_label("Tanggal lahir")
    expect(tanggal).to_have_attribute("placeholder", "hh/bb/tttt")
    tanggal.press_sequentially("22071992")
    expect(tanggal).to_have_value("22/07/1992")  # not the year 71992
    page.keyboard.press("Tab")  # to the calendar button
    page.keyboard.press("Enter")
    kalender = page.get_by_role("dialog", name="Kalender")
    expect(kalender).to_be_visible()
    expect(kalender.get_by_role("combobox", name="Bulan")).to_have_value("6")  # July
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    expect(page.locator(":focus")).to_have_attribute("aria-label", "Kamis, 30 Juli 1992")
    page.screenshot(path=ARTEFAK / "formulir-kalender.png")
    page.keyboard.press("Enter")
    expect(kalender).to_be_hidden()
    expect(tanggal).to_have_value("30/07/1992")
    expect(tanggal).to_be_focused()
    page.get_by_role("button", name="Pilih tanggal dari kalender").click()
    page.keyboard.press("Escape")
    expect(kalender).to_be_hidden()
    expect(page.get_by_role("button", name="Pilih tanggal dari kalender")).to_be_focused()


def test_file_inputs_speak_indonesian_and_show_the_chosen_file(page: Page, situs):
    _formulir_kip(page, situs)
    baris = page.locator(".baris-berkas").first
    asli = baris.locator("input[type=file]")
    expect(baris.locator("label.pilih-berkas-tombol")).to_have_text("Pilih berkas")
    # Named by its row's document, then by its button.
    nama = baris.locator("label[id$=-nama]").inner_text()
    expect(page.get_by_role("button", name=f"{nama} Pilih berkas")).to_have_count(1)
    expect(baris.locator(".pilih-berkas-nama")).to_have_text("Belum ada berkas dipilih")
    # The browser's own button ("Choose File" in an English browser) is out of sight...
    assert asli.bounding_box()["width"] <= 1
    # ...but still reached with the keyboard, its focus shown on our button.
    asli.focus()
    expect(asli).to_be_focused()
    asli.set_input_files(ARTEFAK.parent / "tests" / "e2e" / "ktp-contoh.png")
    expect(baris.locator(".pilih-berkas-nama")).to_have_text("ktp-contoh.png")


def test_a_scan_over_the_limit_is_refused_in_the_browser_without_a_request(page: Page, situs):
    _formulir_kip(page, situs)
    dikirim: list[str] = []
    page.on("request", lambda r: dikirim.append(r.url) if r.method != "GET" else None)
    baris = page.locator(".baris-berkas").first
    asli = baris.locator("input[type=file]")
    besar = b"%PDF-1.4\n" + b"0" * (6 * 1024 * 1024)  # the demo limit is 5 MB
    asli.set_input_files(
        files=[{"name": "foto-ktp.pdf", "mimeType": "application/pdf", "buffer": besar}]
    )
    pesan = baris.locator(".pilih-berkas-pesan")
    expect(pesan).to_contain_text("foto-ktp.pdf (6 MB) lebih besar dari 5 MB")
    expect(pesan).to_contain_text("Perkecil dulu")
    expect(baris.locator(".pilih-berkas-nama")).to_have_text("Belum ada berkas dipilih")
    assert asli.evaluate("i => i.files.length") == 0
    expect(asli).to_have_attribute("aria-invalid", "true")
    page.screenshot(path=ARTEFAK / "formulir-pindaian-besar.png", full_page=True)
    assert dikirim == []
    # A file within the limit clears the message.
    asli.set_input_files(ARTEFAK.parent / "tests" / "e2e" / "ktp-contoh.png")
    expect(pesan).to_be_empty()
