"""The official's form in the browser: the superuser picks the office, and the role list keeps
that office's roles only, each labelled; the page passes axe and works by keyboard."""

import pytest
from playwright.sync_api import Page, expect

from layanan.models import Kantor, Peran
from tests.e2e.conftest import ARTEFAK
from tests.e2e.test_aksesibilitas import _pelanggaran
from tests.e2e.test_loket import _masuk


@pytest.mark.parametrize("lebar", [1366, 390])
def test_the_role_list_follows_the_office_chosen(page: Page, situs, lebar):
    page.set_viewport_size({"width": lebar, "height": 768})
    _masuk(page, situs, "superadmin")
    page.goto(f"{situs}/admin/layanan/pejabat/add/")
    assert _pelanggaran(page) == []
    blitar = Kantor.objects.get(kode="blitar")
    kantor = page.get_by_label("Kantor:", exact=True)
    kantor.focus()
    kantor.select_option(str(blitar.pk))  # as a keyboard user's choice fires "change"
    peran = page.get_by_label("Peran:", exact=True)
    terlihat = peran.locator("option:not([hidden])")
    harapan = ["---------"] + [
        f"{p.nama} · {blitar}"
        for p in Peran.objects.filter(kantor=blitar, adalah_pemohon=False).order_by(
            "urutan", "nama"
        )
    ]
    expect(terlihat).to_have_text(harapan)
    peran.focus()
    page.keyboard.press("ArrowDown")
    assert peran.input_value() in {
        str(pk) for pk in Peran.objects.filter(kantor=blitar).values_list("pk", flat=True)
    }
    page.screenshot(path=ARTEFAK / f"admin-pejabat-{lebar}.png", full_page=True)
