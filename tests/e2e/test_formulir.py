"""Forms in the browser: dates typed day-first with a keyboard calendar (issue 12)."""

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
