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


@pytest.mark.parametrize("lebar", [1366, 390])
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
