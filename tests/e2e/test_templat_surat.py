"""An office administrator edits a letter template in plain paragraphs: inserts a variable with
the keyboard, sees the PDF preview follow, saves; the page passes axe at 1366 and 390 px."""

import io
import re

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from layanan.models import TemplatSurat
from tests.e2e.conftest import ARTEFAK
from tests.e2e.test_admin_sop import _masuk
from tests.e2e.test_aksesibilitas import _pelanggaran

PRATINJAU = re.compile(r"/admin/layanan/templatsurat/pratinjau/")


def _teks_pdf(isi: bytes) -> str:
    return " ".join(h.extract_text() for h in PdfReader(io.BytesIO(isi)).pages)


def _tangkap_pratinjau(page: Page) -> list[bytes]:
    """The PDFs the preview frame receives (the browser's PDF viewer keeps the body itself)."""
    diterima: list[bytes] = []

    def lewat(route):
        jawaban = route.fetch()
        if jawaban.headers.get("content-type") == "application/pdf":
            diterima.append(jawaban.body())
        route.fulfill(response=jawaban)

    page.route(PRATINJAU, lewat)
    return diterima


def _buka_templat(page: Page, situs: str) -> TemplatSurat:
    templat = TemplatSurat.objects.get(layanan__kantor__kode="blitar", varian="terdaftar")
    page.goto(f"{situs}/admin/layanan/templatsurat/{templat.pk}/change/")
    expect(page.get_by_role("heading", name="Pratinjau PDF")).to_be_visible()
    return templat


def test_admin_inserts_a_variable_by_keyboard_sees_the_preview_and_saves(page: Page, situs):
    _masuk(page, situs, "blitar.admin")
    templat = _buka_templat(page, situs)
    isi = page.get_by_role("textbox", name=re.compile(r"^Isi"))
    isi.press("Control+End")
    isi.press("Enter")
    isi.press("Enter")
    isi.press_sequentially("Surat ini dibuat untuk ")

    pdf = _tangkap_pratinjau(page)
    isi.press_sequentially("{{ gaji_pemohon }}")  # not a documented variable
    expect(page.locator("#status-pratinjau")).to_contain_text(
        "templat bermasalah. Isi: Variabel 'gaji_pemohon' tidak dikenal."
    )
    galat = page.frame_locator("#bingkai-pratinjau").get_by_role("listitem")
    expect(galat).to_contain_text("Variabel 'gaji_pemohon' tidak dikenal")
    page.screenshot(path=ARTEFAK / "templat-surat-galat.png")
    for _ in "{{ gaji_pemohon }}":
        isi.press("Backspace")
    pemilih = page.get_by_label("Sisipkan variabel")
    pemilih.focus()
    pemilih.press_sequentially("nomor_r")  # type-ahead, as a keyboard user picks from a list
    expect(pemilih).to_have_value("{{ nomor_registrasi }}")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Sisipkan", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(isi).to_be_focused()  # back where the writing goes on
    page.keyboard.type(".")
    expect(page.locator("#status-pratinjau")).to_contain_text("Pratinjau diperbarui")
    assert "Surat ini dibuat untuk 00001/REG/" in _teks_pdf(pdf[-1])
    page.screenshot(path=ARTEFAK / "templat-surat-ketik.png")

    page.get_by_role("button", name="Simpan", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("berhasil")
    templat.refresh_from_db()
    assert templat.isi.rstrip().endswith("Surat ini dibuat untuk {{ nomor_registrasi }}.")


# At a phone's width: the page checker (tests/e2e/conftest.py) runs axe on every page at 1366 px
# too, so one run covers both widths.
@pytest.mark.parametrize("lebar", [390])
def test_the_template_editor_and_its_versions_pass_axe(page: Page, situs, lebar):
    page.set_viewport_size({"width": lebar, "height": 768})
    _masuk(page, situs, "blitar.admin")
    templat = _buka_templat(page, situs)
    page.get_by_text("Variabel dan kelas CSS yang boleh dipakai").click()
    expect(page.locator("#status-pratinjau")).to_be_empty()  # the saved one is shown already
    page.screenshot(path=ARTEFAK / f"templat-surat-{lebar}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= lebar
    ditemukan = {"ubah": _pelanggaran(page)}
    templat.isi += "\nDemikian."
    templat.save()  # a second version, to look back at
    page.goto(f"{situs}/admin/layanan/templatsurat/{templat.pk}/history/")
    ditemukan["riwayat"] = _pelanggaran(page)
    page.get_by_role("link", name="Lihat dan pulihkan").first.click()
    expect(page.locator("#status-pratinjau")).to_contain_text("Pratinjau diperbarui")
    ditemukan["pulihkan"] = _pelanggaran(page)
    page.screenshot(path=ARTEFAK / f"templat-surat-pulihkan-{lebar}.png")
    assert ditemukan == {"ubah": [], "riwayat": [], "pulihkan": []}
