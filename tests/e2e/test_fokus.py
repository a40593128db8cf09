"""Focus and feedback in the browser (issue "Accessible", items 2, 4 and 5): a focus ring of 3:1
and more against what surrounds it everywhere, a skip link, the focus put where the page has
something to say (its heading, the first error, the result), and 24-px checkboxes and radios."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from playwright.sync_api import Page, expect

from layanan.demo import FRASA_TTD_DEMO
from layanan.models import Surat
from tests.e2e.conftest import ARTEFAK
from tests.e2e.test_loket import _masuk
from tests.factories import daftar, jalan, sampai_selesai

# The outline of the focused element against the first background behind it, by WCAG's formula.
CINCIN = """(el) => {
  const rgb = (s) => s.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => {
    const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const kontras = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => p - q);
    return (y + 0.05) / (x + 0.05);
  };
  let latar = [255, 255, 255];
  for (let e = el.parentElement; e; e = e.parentElement) {
    const c = rgb(getComputedStyle(e).backgroundColor);
    if (c.length < 4 || c[3] > 0) { latar = c; break; }
  }
  const g = getComputedStyle(el);
  return {
    gaya: g.outlineStyle, lebar: parseFloat(g.outlineWidth),
    kontras: Math.round(kontras(rgb(g.outlineColor), latar) * 100) / 100,
  };
}"""


def _cincin(page: Page, target) -> dict:
    page.keyboard.press("Tab")  # keyboard use: the browser shows :focus-visible from now on
    target.focus()
    return target.evaluate(CINCIN)


def test_the_focus_ring_stands_out_on_the_navbar_fields_checkboxes_and_buttons(page: Page, situs):
    _masuk(page, situs, "blitar.petugas")
    nav = page.get_by_role("navigation")
    page.get_by_role("link", name="+ SK Pengurusan KIP").click()
    page.get_by_label("NIK", exact=True).fill("3572010501890001")
    sasaran = {
        "navbar link": nav.get_by_role("link", name="Loket"),
        "Log out": nav.get_by_role("button", name="Keluar"),
        "text field": page.get_by_label("Nama lengkap"),
        "select": page.get_by_label("Jenis kelamin"),
        "checkbox": page.get_by_label("Semua berkas sudah dilihat"),
        "radio": page.get_by_role("radio", name="Asli").first,
        "green button": page.get_by_role("button", name="Berkas lengkap: terima"),
    }
    hasil = {nama: _cincin(page, el) for nama, el in sasaran.items()}
    lemah = {
        nama: c
        for nama, c in hasil.items()
        if c["gaya"] == "none" or c["lebar"] < 2 or c["kontras"] < 3
    }
    assert lemah == {}, hasil
    # A scan's input is hidden behind its button: the button shows the ring.
    berkas = page.locator(".baris-berkas input[type=file]").first
    page.keyboard.press("Tab")
    berkas.focus()
    tombol = page.locator(".baris-berkas .pilih-berkas-tombol").first
    cincin = tombol.evaluate(CINCIN)
    assert cincin["gaya"] != "none" and cincin["kontras"] >= 3, cincin
    page.screenshot(path=ARTEFAK / "fokus-tombol-hijau.png")


def test_the_skip_link_comes_first_and_leads_into_the_page(page: Page, situs):
    _masuk(page, situs, "blitar.peksos")
    # At an #anchor js/fokus.js leaves the focus alone: the page starts from its top, as it
    # would for a browser without the script.
    page.goto(situs + "/dtks/usulan/#atas")
    page.keyboard.press("Tab")
    lompat = page.get_by_role("link", name="Langsung ke isi halaman")
    expect(lompat).to_be_focused()
    expect(lompat).to_be_visible()  # seen when it has the focus, hidden otherwise
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('main')")


def test_after_a_page_loads_the_focus_is_on_its_heading(page: Page, situs):
    _masuk(page, situs, "blitar.peksos")
    expect(page.get_by_role("heading", level=1, name="Tugas saya")).to_be_focused()
    page.get_by_role("link", name="Layanan", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_be_focused()
    page.keyboard.press("Tab")  # on from the heading, not from the top of the page
    expect(page.get_by_role("link", name="SK Pengurusan KIP")).to_be_focused()


def test_a_wrong_password_is_announced_and_has_the_focus(page: Page, situs):
    page.goto(situs + "/masuk/")
    page.get_by_label("Nama pengguna").fill("blitar.petugas")
    page.get_by_label("Sandi").fill("salah")
    page.get_by_role("button", name="Masuk").click()
    pesan = page.get_by_role("alert")
    expect(pesan).to_be_focused()
    expect(pesan).to_have_text(
        "Nama pengguna atau kata sandi salah. Huruf besar dan kecil dibedakan."
    )
    expect(page).to_have_title("Kesalahan: Masuk · Layanan Dinsos")


def test_the_status_answer_and_its_errors_have_the_focus(page: Page, situs):
    p = daftar("blitar")
    page.goto(situs + "/status/")
    page.get_by_role("button", name="Tampilkan status").click()
    kolom = page.get_by_label("Kode lacak")
    expect(kolom).to_be_focused()  # empty: the field itself, marked invalid
    expect(kolom).to_have_attribute("aria-invalid", "true")
    expect(page).to_have_title("Kesalahan: Status permohonan atau pengaduan · Layanan Dinsos")
    kolom.fill("ZZZZ-ZZZZ-ZZZZ")
    kolom.press("Enter")
    expect(page.get_by_role("alert")).to_be_focused()
    expect(page.get_by_role("alert")).to_contain_text(
        "Tidak ada permohonan atau pengaduan dengan kode ini"
    )
    page.get_by_label("Kode lacak").fill(p.kode_lacak)
    page.get_by_label("Kode lacak").press("Enter")
    hasil = page.get_by_role("region", name="Kartu Indonesia Pintar")
    expect(hasil).to_be_focused()
    expect(page).to_have_title("Status permohonan atau pengaduan · Layanan Dinsos")
    # The masked name is heard as its initials, not as a run of asterisks.
    expect(hasil.get_by_text("W**** U**")).to_have_attribute("aria-hidden", "true")
    expect(hasil.get_by_text("nama disamarkan, huruf awal W U")).to_be_attached()


def _surat_ditandatangani() -> Surat:
    p = daftar("solok")
    sampai_selesai(p)
    surat = Surat.objects.get(permohonan=p)
    connection.close()  # this thread's own
    return surat


def test_the_verification_answer_about_a_file_has_the_focus(page: Page, situs):
    # Signing runs pyHanko's asyncio.run(), refused in the thread where Playwright's loop runs.
    with ThreadPoolExecutor(1) as pekerja:
        surat = pekerja.submit(_surat_ditandatangani).result()
    page.goto(f"{situs}/v/{surat.token}/")
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "lain.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 lain"}]
    )
    page.get_by_role("button", name="Periksa berkas").click()
    hasil = page.locator("#hasil-berkas")
    expect(hasil).to_be_focused()
    expect(hasil).to_contain_text("BUKAN surat tersebut")
    expect(page).to_have_title("Kesalahan: Verifikasi surat · Layanan Dinsos")


def _siap_ditandatangani() -> int:
    p = daftar("solok")
    while p.langkah_nomor != 4:
        p = jalan(p)
    connection.close()
    return p.pk


def test_a_wrong_passphrase_marks_the_field_and_puts_the_cursor_back_in_it(page: Page, situs):
    with ThreadPoolExecutor(1) as pekerja:
        pk = pekerja.submit(_siap_ditandatangani).result()
    _masuk(page, situs, "solok.kadin")
    page.goto(f"{situs}/permohonan/{pk}/")
    frasa = page.get_by_label("Frasa sandi sertifikat tanda tangan Anda")
    frasa.fill("bukan-frasanya")
    frasa.press("Enter")
    frasa = page.get_by_label("Frasa sandi sertifikat tanda tangan Anda")
    expect(frasa).to_be_focused()
    expect(frasa).to_have_attribute("aria-invalid", "true")
    expect(frasa).to_have_accessible_description(page.locator("#pesan-frasa-sandi").inner_text())
    expect(page.locator("#pesan-frasa-sandi")).to_have_attribute("role", "alert")
    assert page.title().startswith("Kesalahan:")
    frasa.fill(FRASA_TTD_DEMO)
    frasa.press("Enter")
    expect(page.get_by_role("status").first).to_contain_text("ditandatangani")
    expect(page.get_by_role("status").first).to_be_focused()


@pytest.mark.parametrize("lebar", [1366, 390])
def test_checkboxes_and_radios_are_24_px_targets(page: Page, situs, lebar):
    page.set_viewport_size({"width": lebar, "height": 844})
    daftar("blitar")
    kecil = {}
    for pengguna, alamat in [
        ("blitar.petugas", "/loket/"),
        (None, "/loket/baru/kip/"),
        ("blitar.peksos", "/tugas/"),
    ]:
        if pengguna:
            page.context.clear_cookies()
            _masuk(page, situs, pengguna)
        page.goto(situs + alamat)
        ukuran = page.eval_on_selector_all(
            "input[type=checkbox], input[type=radio]",
            """(els) => els.filter((e) => e.getClientRects().length)
                .map((e) => [e.id || e.name, e.getBoundingClientRect().width,
                             e.getBoundingClientRect().height])""",
        )
        assert ukuran, alamat
        kecil[alamat] = [u for u in ukuran if min(u[1], u[2]) < 24]
    assert kecil == {"/loket/": [], "/loket/baru/kip/": [], "/tugas/": []}
