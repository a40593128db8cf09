"""The satisfaction survey in the browser (issue 13, done-when): a citizen answers on a phone
from the receipt's tracking code, once; at the kiosk an administrator creates, a tablet answers
without a login and starts over by itself, until the kiosk is revoked; the results pages pass
axe-core at 1366 and 390 px and are looked at as screenshots."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from layanan.ikm.demo import muat_contoh_ikm
from tests.e2e.conftest import ARTEFAK
from tests.e2e.test_aksesibilitas import _pelanggaran
from tests.e2e.test_alur import _sebagai
from tests.factories import daftar

PONSEL = {"width": 390, "height": 844}
JAWABAN = {  # Metro's nine elements: the answer touched for each
    "u1": "Sesuai",
    "u2": "Mudah",
    "u3": "Kurang cepat",
    "u4": "Gratis",
    "u5": "Sesuai",
    "u6": "Sangat kompeten",
    "u7": "Sopan dan ramah",
    "u8": "Berfungsi kurang maksimal",
    "u9": "Baik",
}


def _jawab(halaman: Page, *, kecuali: tuple[str, ...] = ()) -> None:
    for kode, jawaban in JAWABAN.items():
        if kode not in kecuali:
            halaman.locator(f"#soal-unsur_{kode}").get_by_text(jawaban, exact=True).click()
    halaman.get_by_label("Umur (tahun)").fill("42")
    halaman.locator("#soal-jenis_kelamin").get_by_text("Perempuan").click()
    halaman.locator("#soal-pendidikan").get_by_text("SMA/SMK").click()
    halaman.locator("#soal-pekerjaan").get_by_text("Ibu rumah tangga").click()


def _lebar_pas(halaman: Page) -> bool:
    return halaman.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_citizen_answers_on_a_phone_once(browser: Browser, situs):
    p = daftar("metro")
    konteks = browser.new_context(viewport=PONSEL, locale="id-ID", is_mobile=True, has_touch=True)
    warga = konteks.new_page()
    warga.goto(f"{situs}/ikm/")
    warga.get_by_label("Kode lacak").fill(p.kode_lacak)
    warga.get_by_role("button", name="Mulai survei").click()
    expect(warga.get_by_role("heading", level=1)).to_have_text("Survei kepuasan")
    expect(warga.get_by_text(p.layanan.nama_tampil)).to_be_visible()
    assert _pelanggaran(warga) == [] and _lebar_pas(warga)
    warga.screenshot(path=ARTEFAK / "ikm-ponsel-390.png", full_page=True)

    _jawab(warga, kecuali=("u8", "u9"))  # two left out: refused, naming them
    warga.get_by_role("button", name="Kirim jawaban saya").click()
    ringkasan = warga.locator(".ringkasan-kesalahan")
    expect(ringkasan).to_contain_text("Belum dijawab: Penanganan pengaduan, saran, dan masukan")
    expect(ringkasan).to_contain_text("Sarana dan prasarana")
    expect(warga.locator("#id_unsur_u1_2")).to_be_checked()  # what was chosen stays chosen
    assert _pelanggaran(warga) == []
    warga.locator("#soal-unsur_u8").get_by_text("Dikelola dengan baik").click()
    warga.locator("#soal-unsur_u9").get_by_text("Baik", exact=True).click()
    warga.get_by_role("button", name="Kirim jawaban saya").click()
    expect(warga.get_by_role("heading", level=1)).to_have_text("Terima kasih atas jawaban Anda")

    lagi = konteks.new_page()  # the same code again: already answered
    lagi.goto(f"{situs}/ikm/")
    lagi.get_by_label("Kode lacak").fill(p.kode_lacak)
    lagi.get_by_role("button", name="Mulai survei").click()
    expect(lagi.locator("#sudah-dijawab")).to_contain_text("sudah diisi")
    konteks.close()


def test_the_questionnaire_is_answered_by_keyboard(browser: Browser, situs):
    p = daftar("metro")
    warga = browser.new_page(viewport=PONSEL, locale="id-ID")
    warga.goto(f"{situs}/ikm/")
    warga.get_by_label("Kode lacak").fill(p.kode_lacak)
    warga.keyboard.press("Enter")
    warga.locator("#id_unsur_u1_0").focus()
    for _ in range(3):
        warga.keyboard.press("ArrowRight")  # within the group: the next answer, chosen
    expect(warga.locator("#id_unsur_u1_3")).to_be_checked()
    warga.keyboard.press("Tab")  # on to the next question
    assert warga.evaluate("document.activeElement.name") == "unsur_u2"
    warga.close()


def test_the_kiosk_an_administrator_creates_answers_starts_over_and_is_revoked(
    browser: Browser, situs
):
    admin = _sebagai(browser, situs, "metro.admin")
    admin.goto(f"{situs}/admin/layanan/kiosikm/add/")
    admin.get_by_label("Nama").fill("Tablet loket 2")
    admin.get_by_role("button", name="Simpan", exact=True).click()
    pesan = admin.locator(".messagelist").inner_text()
    token = pesan.split("kali ini: ", 1)[1].split(" — ", 1)[0].strip()

    tablet_konteks = browser.new_context(
        viewport={"width": 1280, "height": 800}, locale="id-ID", has_touch=True
    )
    tablet = tablet_konteks.new_page()
    tablet.goto(f"{situs}/ikm/kios/pasang/")
    tablet.get_by_label("Token kios").fill(token)
    tablet.get_by_role("button", name="Gunakan tablet ini sebagai kios").click()
    expect(tablet.get_by_role("heading", level=1)).to_have_text(
        "Bagaimana pelayanan kami hari ini?"
    )
    assert _pelanggaran(tablet) == []
    tablet.get_by_label("Layanan yang Anda gunakan").select_option(index=1)
    _jawab(tablet)
    tablet.screenshot(path=ARTEFAK / "ikm-kios-1280.png", full_page=True)
    tablet.get_by_role("button", name="Kirim", exact=True).click()
    expect(tablet.locator("#ikm-terkirim")).to_be_visible()
    # It starts over by itself for the next person: an empty questionnaire.
    expect(tablet.get_by_role("heading", level=1)).to_have_text(
        "Bagaimana pelayanan kami hari ini?", timeout=15_000
    )
    expect(tablet.locator("#id_unsur_u1_2")).not_to_be_checked()

    admin.goto(f"{situs}/admin/layanan/kiosikm/")
    admin.get_by_role("row", name="Tablet loket 2").get_by_role("checkbox").check()
    admin.locator("select[name=action]").select_option(label="Cabut kios yang dipilih")
    admin.locator("button[name=index]").click()  # the actions bar's "Go"
    tablet.reload()
    expect(tablet.locator("#kios-dicabut")).to_be_visible()
    tablet_konteks.close()
    admin.close()


# At a phone's width: the page checker (tests/e2e/conftest.py) runs axe on every page at 1366 px
# too, so one run covers both widths.
@pytest.mark.parametrize("lebar", [390])
def test_the_results_pages_pass_axe(browser: Browser, situs, lebar):
    muat_contoh_ikm()  # a year of Metro's answers, a kiosk, suggestions, a follow-up plan
    halaman = browser.new_page(viewport={"width": lebar, "height": 900}, locale="id-ID")
    ditemukan = {}
    halaman.goto(f"{situs}/ikm/hasil/metro/")
    expect(halaman.locator("#nilai-ikm")).not_to_have_text("–")
    ditemukan["publik"] = _pelanggaran(halaman)
    assert _lebar_pas(halaman)
    halaman.screenshot(path=ARTEFAK / f"ikm-publik-{lebar}.png", full_page=True)
    halaman.goto(f"{situs}/masuk/")
    halaman.get_by_label("Nama pengguna").fill("metro.kadin")
    halaman.get_by_label("Sandi").fill("demo-dinsos-2026")
    halaman.get_by_role("button", name="Masuk").click()
    if lebar > 1000:
        halaman.get_by_role("link", name="Survei", exact=True).click()
    else:  # the navbar is folded behind its menu button
        halaman.goto(f"{situs}/ikm/staf/")
    halaman.get_by_label("Periode").select_option(
        label=halaman.locator("#periode option").first.inner_text()
    )
    halaman.get_by_role("button", name="Tampilkan").click()
    expect(halaman.locator("#tabel-unsur .ikm-terlemah")).to_have_count(1)
    ditemukan["staf"] = _pelanggaran(halaman)
    assert _lebar_pas(halaman)
    halaman.screenshot(path=ARTEFAK / f"ikm-staf-{lebar}.png", full_page=True)
    halaman.goto(f"{situs}/ikm/staf/kertas/")
    ditemukan["kertas"] = _pelanggaran(halaman)
    assert _lebar_pas(halaman)
    assert ditemukan == {"publik": [], "staf": [], "kertas": []}
    halaman.close()
