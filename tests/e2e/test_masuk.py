"""The administration's login page in the browser: an office administrator gets in; a loket
officer is told why not, in Indonesian, and reaches the application's own login by keyboard."""

import pytest
from playwright.sync_api import Page, expect

from layanan.demo import KATA_SANDI_DEMO
from tests.e2e.conftest import ARTEFAK
from tests.e2e.test_aksesibilitas import _pelanggaran


def _masuk_admin(page: Page, situs: str, username: str) -> None:
    page.goto(f"{situs}/admin/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(KATA_SANDI_DEMO)
    page.get_by_label("Sandi").press("Enter")


def test_an_office_administrator_logs_in_at_the_admin_login(page: Page, situs):
    _masuk_admin(page, situs, "blitar.admin")
    expect(page).to_have_url(f"{situs}/admin/")


@pytest.mark.parametrize("lebar", [1366, 390])
def test_a_loket_officer_is_refused_clearly_and_sent_to_the_apps_login(page: Page, situs, lebar):
    page.set_viewport_size({"width": lebar, "height": 768})
    _masuk_admin(page, situs, "blitar.petugas")
    expect(page.get_by_role("alert")).to_contain_text(
        "Akun ini tidak memiliki akses ke administrasi."
    )
    page.screenshot(path=ARTEFAK / f"admin-login-bukan-admin-{lebar}.png", full_page=True)
    assert _pelanggaran(page) == []
    tautan = page.get_by_role("link", name="Masuk ke aplikasi")
    tautan.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{situs}/masuk/")
