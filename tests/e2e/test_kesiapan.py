"""The readiness page in the browser: the superuser fills the national calendar from it, an office
administrator follows a finding's link to fix it; axe-core at both widths."""

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import ARTEFAK
from tests.e2e.test_aksesibilitas import _pelanggaran
from tests.e2e.test_alur import _sebagai


# At a phone's width: the page checker (tests/e2e/conftest.py) runs axe on every page at 1366 px
# too, so one run covers both widths.
@pytest.mark.parametrize("lebar", [390])
def test_the_readiness_page_leads_to_the_fix_and_passes_axe(browser: Browser, situs, lebar):
    su = _sebagai(browser, situs, "superadmin")
    su.set_viewport_size({"width": lebar, "height": 844})
    su.goto(f"{situs}/admin/siap-melayani/")
    expect(su.get_by_role("row", name="Dinas Sosial Kota Blitar")).to_contain_text(
        "perlu dibereskan"
    )
    assert _pelanggaran(su) == []
    su.get_by_role("button", name="Isi hari libur nasional").first.click()
    expect(su.locator(".messagelist")).to_contain_text("ditambahkan")
    su.close()

    admin = _sebagai(browser, situs, "blitar.admin")
    admin.set_viewport_size({"width": lebar, "height": 844})
    admin.get_by_role("link", name="Siap melayani?").click()
    expect(admin.get_by_role("status")).to_contain_text("Belum siap")
    assert _pelanggaran(admin) == []
    admin.screenshot(path=ARTEFAK / f"kesiapan-{lebar}.png", full_page=True)
    admin.get_by_role("link", name="Kop surat belum lengkap").click()
    expect(admin.get_by_role("heading", level=1)).to_contain_text("kantor")
