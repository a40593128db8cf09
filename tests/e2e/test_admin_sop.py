"""A demo administrator logs in, changes a step's time standard and sees the SOP sheet change."""

import re

from playwright.sync_api import Page, expect

from layanan.demo import KATA_SANDI_DEMO
from tests.e2e.conftest import ARTEFAK


def _masuk(page: Page, situs: str, username: str) -> None:
    page.goto(f"{situs}/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(KATA_SANDI_DEMO)
    page.get_by_role("button", name="Masuk").click()
    expect(page).not_to_have_url(re.compile("/masuk/"))  # each role lands on its own work
    page.goto(f"{situs}/")
    expect(page.get_by_role("heading", name="Layanan kantor")).to_be_visible()


def test_admin_changes_a_time_standard_and_the_sheet_follows(page: Page, situs):
    _masuk(page, situs, "blitar.admin")
    page.get_by_role("link", name=re.compile("SK Pengurusan KIP")).click()
    expect(page.locator("#total-waktu")).to_contain_text("480 menit")
    page.screenshot(path=ARTEFAK / "sop-blitar-sebelum.png", full_page=True)

    page.get_by_role("link", name="Ubah SOP ini").click()
    baris3 = page.locator("tr.form-row", has=page.locator("input[name$='-nomor'][value='3']"))
    baris3.locator("input[name$='-waktu_nilai']").fill("100")
    page.get_by_role("button", name="Simpan", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("berhasil")

    page.goto(f"{situs}/kantor/blitar/layanan/kip/sop/")
    expect(page.locator("#langkah-3 .waktu")).to_have_text("100 menit")
    expect(page.locator("#total-waktu")).to_contain_text("475 menit")
    page.screenshot(path=ARTEFAK / "sop-blitar-sesudah.png", full_page=True)


def test_loket_staff_cannot_reach_the_admin(page: Page, situs):
    _masuk(page, situs, "blitar.petugas")
    expect(page.get_by_role("link", name="Atur SOP")).to_have_count(0)
    page.goto(f"{situs}/admin/")
    expect(page).to_have_url(re.compile("/admin/login/"))


def test_the_step_table_fits_an_office_screen(page: Page, situs):
    _masuk(page, situs, "blitar.admin")
    page.get_by_role("link", name=re.compile("SK Pengurusan KIP")).click()
    page.get_by_role("link", name="Ubah SOP ini").click()
    expect(page).to_have_url(re.compile(r"/admin/layanan/layanan/\d+/change/"))
    tabel = page.locator("#langkah-group table")
    tabel.scroll_into_view_if_needed()
    expect(tabel.locator("tr.form-row.has_original")).to_have_count(6)
    page.screenshot(path=ARTEFAK / "admin-langkah-blitar.png")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    kotak = tabel.bounding_box()
    assert kotak is not None and kotak["x"] >= 0 and kotak["x"] + kotak["width"] <= 1366
    assert kotak["height"] <= 768
