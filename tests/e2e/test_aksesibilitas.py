"""The main pages pass axe-core's WCAG 2.1 AA checks in chromium; the navbar marks where the user
is (issue 13)."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import connection
from playwright.sync_api import Page, expect

from layanan.models import Surat
from tests.e2e.conftest import ARTEFAK
from tests.e2e.test_loket import _masuk
from tests.factories import daftar, sampai_selesai

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _pelanggaran(page: Page) -> list[str]:
    hasil = Axe().run(page, options=WCAG_AA)
    return [
        f"{v['id']}: {n['target']} {n.get('failureSummary', '')}"
        for v in hasil.response["violations"]
        for n in v["nodes"]
    ]


# At a phone's width: the page checker (tests/e2e/conftest.py) runs axe on every page at 1366 px
# too, so one run covers both widths.
@pytest.mark.parametrize("lebar", [390])
def test_staff_pages_pass_axe(page: Page, situs, lebar):
    page.set_viewport_size({"width": lebar, "height": 768})
    p = daftar("blitar")
    _masuk(page, situs, "blitar.peksos")
    ditemukan = {}
    for alamat in ["/tugas/", "/loket/?semua=1", "/loket/baru/kip/", f"/permohonan/{p.pk}/"]:
        page.goto(situs + alamat)
        if pelanggaran := _pelanggaran(page):
            ditemukan[alamat] = pelanggaran
    assert ditemukan == {}


def _surat_ditandatangani() -> Surat:
    p = daftar("solok")
    sampai_selesai(p)
    surat = Surat.objects.select_related("permohonan").get(permohonan=p)
    connection.close()  # this thread's own
    return surat


def test_public_pages_pass_axe(page: Page, situs):
    # Signing runs pyHanko's asyncio.run(), refused in the thread where Playwright's loop runs.
    with ThreadPoolExecutor(1) as pekerja:
        surat = pekerja.submit(_surat_ditandatangani).result()
    p, token = surat.permohonan, surat.token
    ditemukan = {}
    for alamat in ["/masuk/", "/status/", f"/v/{token}/"]:
        page.goto(situs + alamat)
        if pelanggaran := _pelanggaran(page):
            ditemukan[alamat] = pelanggaran
    page.goto(situs + "/status/")
    page.get_by_label("Kode lacak").fill(p.kode_lacak)
    page.get_by_role("button", name="Tampilkan status").click()
    if pelanggaran := _pelanggaran(page):
        ditemukan["/status/ (hasil)"] = pelanggaran
    assert ditemukan == {}


def test_the_navbar_marks_the_current_page(page: Page, situs):
    _masuk(page, situs, "blitar.petugas")
    page.goto(situs + "/loket/")
    nav = page.get_by_role("navigation")
    expect(nav.get_by_role("link", name="Loket")).to_have_attribute("aria-current", "page")
    expect(nav.locator("[aria-current]")).to_have_count(1)
    tebal = nav.get_by_role("link", name="Loket").evaluate("a => getComputedStyle(a).fontWeight")
    biasa = nav.get_by_role("link", name="Tugas saya").evaluate(
        "a => getComputedStyle(a).fontWeight"
    )
    assert int(tebal) > int(biasa)  # seen, not only announced
    page.screenshot(
        path=ARTEFAK / "navbar-loket.png", clip={"x": 0, "y": 0, "width": 1366, "height": 80}
    )
    page.get_by_role("link", name="Tugas saya").click()
    expect(nav.get_by_role("link", name="Tugas saya")).to_have_attribute("aria-current", "page")
    expect(nav.get_by_role("link", name="Loket")).not_to_have_attribute("aria-current", "page")


def test_every_page_a_test_loads_is_checked_at_both_widths(page: Page, situs, pemeriksa_axe):
    """The check of tests/e2e/conftest.py: a page with a violation, and one too wide for a phone,
    are found at the width they were seen at and at the other, without the test asking."""
    pemeriksa = pemeriksa_axe
    rusak = situs + "/uji/rusak/"
    page.route(
        rusak,
        lambda route: route.fulfill(
            content_type="text/html",
            body='<!DOCTYPE html><html lang="id"><title>Uji</title><main><h1>Uji</h1>'
            '<img src="/static/img/favicon.svg"><div style="width:600px">lebar</div></main>',
        ),
    )
    page.goto(rusak)
    page.goto(situs + "/masuk/")  # the next call checked the page before
    page.goto(situs + "/masuk/")  # the same document again: not checked twice
    expect(page.get_by_role("button", name="Masuk")).to_be_visible()
    dilihat = [(url.removeprefix(situs), lebar) for url, lebar in pemeriksa.dikunjungi]
    assert dilihat == [
        ("/uji/rusak/", 1366),
        ("/uji/rusak/", 390),
        ("/masuk/", 1366),
        ("/masuk/", 390),
    ]
    temuan = {
        halaman.split(" (")[0].removeprefix(situs) + halaman.split(" at ")[1]: masalah
        for halaman, masalah in pemeriksa.temuan.items()
    }
    assert [m.split(":")[0] for m in temuan["/uji/rusak/1366 px"]] == ["image-alt"]
    assert [m.split(":")[0] for m in temuan["/uji/rusak/390 px"]] == [
        "image-alt",
        "scrolls sideways at 390 px",
    ]
    assert page.viewport_size == {"width": 1366, "height": 768}  # put back as the test had it
    pemeriksa.temuan.clear()  # found as they should be: this test passes
