"""A faster loket in the browser: the NIK fills what it carries and what the office knows, one
tick for every document, the keyboard alone, queue numbers, and the actions an intake takes
(issue "The office's day", item 4)."""

import datetime as dt

import pytest
from playwright.sync_api import Locator, Page, expect

from layanan.loket.validators import urai_nik
from layanan.models import Kantor, Permohonan
from tests.e2e.conftest import ARTEFAK
from tests.e2e.test_aksesibilitas import _pelanggaran
from tests.e2e.test_loket import _masuk
from tests.factories import daftar

NIK_PEREMPUAN = "3572026207920003"  # born 22-07-1992, a woman (day + 40); not known to the office
NIK_LAKI = "3572010501890001"  # born 05-01-1989, a man


def _formulir(page: Page, situs: str, username: str = "blitar.petugas") -> None:
    _masuk(page, situs, username)
    expect(page).to_have_url(f"{situs}/loket/")  # the loket lands on its queue
    page.get_by_role("link", name="+ SK Pengurusan KIP").click()


def _ketik_nik(page: Page, nik: str) -> None:
    kolom = page.get_by_label("NIK", exact=True)
    kolom.fill(nik)
    expect(page.locator("#pesan-nik")).not_to_be_empty()  # the lookup has answered


def _kotak_berkas(page: Page) -> Locator:
    return page.locator(".baris-berkas input[name$='_ada']")


def test_the_nik_fills_birth_date_and_sex_as_the_server_reads_them(page: Page, situs):
    _formulir(page, situs)
    lahir, kelamin = page.get_by_label("Tanggal lahir"), page.get_by_label("Jenis kelamin")
    _ketik_nik(page, NIK_PEREMPUAN)
    expect(lahir).to_have_value("22/07/1992")
    expect(kelamin).to_have_value("P")
    expect(page.locator("#pesan-nik")).to_contain_text("belum pernah terdaftar")
    # The same reading as the server's urai_nik: of 19yy and 20yy, the latest date not after today.
    kasus = [
        "3572 0105 0189 0001",  # typed in groups: 05-01-1989, a man
        "3572014312150002",  # 03-12-2015, a woman
        "3572011006300003",  # 10-06-1930: 2030 is yet to come
        "3572012902000004",  # 29-02-1900 does not exist, 29-02-2000 does
        "3572016902000005",  # the same day, a woman
    ]
    for nik in kasus:
        terurai = urai_nik(nik)
        _ketik_nik(page, nik)
        expect(lahir).to_have_value(max(terurai.tanggal_lahir_mungkin).strftime("%d/%m/%Y"))
        expect(kelamin).to_have_value("P" if terurai.perempuan else "L")
    # A NIK the server refuses (month 13) fills nothing new.
    page.get_by_label("NIK", exact=True).fill("3572010513890001")
    expect(lahir).to_have_value("29/02/2000")
    # The officer corrects the date; another NIK then leaves the correction alone.
    lahir.fill("23/07/1992")
    _ketik_nik(page, NIK_PEREMPUAN)
    expect(lahir).to_have_value("23/07/1992")
    expect(kelamin).to_have_value("P")
    # The disagreement is still the server's warning, kept with the application.
    page.get_by_label("Nama lengkap").fill("Sri Wahyuni")
    page.get_by_label("Alamat (jalan, nomor rumah)").fill("Jl. Kenari 3")
    page.locator("select[name=kode_kelurahan]").select_option(index=1)
    page.get_by_role("button", name="Berkas lengkap: terima").click()
    expect(page.locator("#peringatan")).to_contain_text("22-07-92")


def test_one_tick_for_every_document_and_a_scan_ticks_its_own(page: Page, situs):
    _formulir(page, situs)
    semua = page.get_by_label("Semua berkas sudah dilihat")
    kotak = _kotak_berkas(page)
    expect(kotak).to_have_count(4)
    semua.check()
    for i in range(4):
        expect(kotak.nth(i)).to_be_checked()
    kotak.nth(1).uncheck()
    expect(semua).not_to_be_checked()
    assert semua.evaluate("k => k.indeterminate")
    semua.click()  # from "some": all again
    for i in range(4):
        expect(kotak.nth(i)).to_be_checked()
    semua.click()
    for i in range(4):
        expect(kotak.nth(i)).not_to_be_checked()
    # Attaching the scan of the KK ticks the KK, and only it.
    baris_kk = page.locator(".baris-berkas", has_text="Fotocopy KK")
    baris_kk.locator("input[type=file]").set_input_files(
        ARTEFAK.parent / "tests" / "e2e" / "ktp-contoh.png"
    )
    expect(baris_kk.locator("input[name$='_ada']")).to_be_checked()
    assert [kotak.nth(i).is_checked() for i in range(4)].count(True) == 1
    assert semua.evaluate("k => k.indeterminate")
    page.get_by_label("NIK", exact=True).fill(NIK_LAKI)
    page.get_by_label("Nama lengkap").fill("Budi Santoso")
    page.get_by_role("button", name="Unggah pindaian dan lanjutkan").click()
    # Back from the server, the scan is listed as what it is, in its document's row, ticked.
    baris_kk = page.locator(".baris-berkas", has_text="Fotocopy KK")
    expect(baris_kk).to_contain_text("Pindaian tersimpan (PNG")
    expect(baris_kk).not_to_contain_text("ktp-contoh")
    expect(baris_kk.locator("input[name$='_ada']")).to_be_checked()


def _tab_ke(page: Page, pilih: str, batas: int = 80) -> list[str]:
    """Press Tab until the element matching `pilih` has the focus; the names passed on the way."""
    dilewati = []
    for _ in range(batas):
        if page.evaluate("s => document.activeElement.matches(s)", pilih):
            return dilewati
        dilewati.append(_fokus(page))
        page.keyboard.press("Tab")
    raise AssertionError(f"{pilih} never got the focus; passed {dilewati}")


def test_the_form_is_completed_with_the_keyboard_alone(page: Page, situs):
    _formulir(page, situs)
    url_formulir = page.url
    expect(page.get_by_label("NIK", exact=True)).to_be_focused()  # the cursor starts there
    page.keyboard.type(NIK_PEREMPUAN)
    expect(page.locator("#pesan-nik")).to_contain_text("belum pernah terdaftar")
    # Enter in a field goes on to the next one; it never sends the form.
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.name") == "nomor_kk"
    jalan = _tab_ke(page, "[name=nama]")
    page.keyboard.type("Sri Wahyuni")
    page.keyboard.press("Enter")
    assert page.url == url_formulir
    jalan += _tab_ke(page, "[name=alamat]")
    page.keyboard.type("Jl. Kenari 3")
    jalan += _tab_ke(page, "[name=kode_kelurahan]")
    page.keyboard.type("Kepanjenkidul")  # a select takes the first letters of its option
    jalan += _tab_ke(page, "[name=isian_nama_anak]")
    page.keyboard.type("Rina")
    jalan += _tab_ke(page, "[name=isian_nik_anak]")
    page.keyboard.type("3572011203150002")
    jalan += _tab_ke(page, "[name=isian_nama_sekolah]")
    page.keyboard.type("SDN 1")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.name") == "isian_jenjang"
    page.keyboard.type("SD")
    jalan += _tab_ke(page, "#semua-berkas")
    page.keyboard.press("Space")
    jalan += _tab_ke(page, "button[value=lengkap]")
    # The fields came in the order they are seen: tab order follows the page.
    urutan = ["nik", "nomor_kk", "tanpa_nik", "jenis_kelamin", "tanggal_lahir", "rt", "rw"]
    assert [n for n in jalan if n in urutan] == urutan[1:]  # "nik" was left before by Enter
    for kotak in _kotak_berkas(page).all():
        expect(kotak).to_be_checked()
    expect(page.get_by_label("Tanggal lahir")).to_have_value("22/07/1992")
    expect(page.get_by_label("Jenis kelamin")).to_have_value("P")
    page.keyboard.press("Enter")
    expect(page.locator(".alert-success")).to_contain_text("nomor registrasi")
    p = Permohonan.objects.get()
    assert (p.pemohon.nama, p.pemohon.tanggal_lahir, p.pemohon.jenis_kelamin) == (
        "Sri Wahyuni",
        dt.date(1992, 7, 22),
        "P",
    )
    assert p.pemohon.kelurahan == "Kepanjenkidul"
    assert p.peringatan == []


class Hitung:
    """The officer's actions: each click, and each field typed or chosen (however the field was
    reached). Tab between fields is counted apart: moving, not acting."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.aksi: list[str] = []
        self.tab = 0

    def klik(self, target: Locator, apa: str) -> None:
        target.click()
        self.aksi.append(f"click {apa}")

    def ketik(self, teks: str, apa: str) -> None:
        """Type into the field that has the focus."""
        self.page.keyboard.type(teks)
        self.aksi.append(f"type {apa}")

    def lanjut(self) -> None:
        self.page.keyboard.press("Tab")
        self.tab += 1


def _fokus(page: Page) -> str:
    return page.evaluate("() => document.activeElement.name || document.activeElement.id")


def test_a_returning_applicants_kip_intake_at_blitar_takes_fewer_than_ten_actions(
    page: Page, situs
):
    daftar("blitar", lengkap=False)  # here before, the SKTM missing; back with everything
    _masuk(page, situs, "blitar.petugas")
    expect(page).to_have_url(f"{situs}/loket/")
    hitung = Hitung(page)
    hitung.klik(page.get_by_role("link", name="+ SK Pengurusan KIP"), "new KIP application")
    expect(page.get_by_label("NIK", exact=True)).to_be_focused()  # the cursor is already there
    hitung.ketik(NIK_LAKI, "NIK")
    expect(page.locator("#pesan-nik")).to_contain_text("Pemohon lama ditemukan")
    expect(page.get_by_label("Nama lengkap")).to_have_value("Warga Uji")
    expect(page.get_by_label("Alamat (jalan, nomor rumah)")).to_have_value("Jl. Uji 1")
    expect(page.get_by_label("Tanggal lahir")).to_have_value("05/01/1989")
    expect(page.get_by_label("Jenis kelamin")).to_have_value("L")
    expect(page.locator("select[name=kode_kelurahan]")).not_to_have_value("")
    # The cursor went on to what is left: the child.
    expect(page.get_by_label("Nama anak")).to_be_focused()
    hitung.ketik("Rina", "child's name")
    hitung.lanjut()
    hitung.ketik("3572011203150002", "child's NIK")
    hitung.lanjut()
    hitung.ketik("SDN 1", "school")
    hitung.lanjut()
    assert _fokus(page) == "isian_jenjang"
    hitung.ketik("SD", "level (a select takes the first letters of its option)")
    hitung.klik(page.get_by_label("Semua berkas sudah dilihat"), "all documents seen")
    page.screenshot(path=ARTEFAK / "loket-cepat-pemohon-lama.png", full_page=True)
    hitung.klik(page.get_by_role("button", name="Berkas lengkap: terima"), "accept")
    expect(page.locator(".alert-success")).to_contain_text("nomor registrasi")
    print(
        f"\nActions for a returning applicant's KIP intake at Blitar: {len(hitung.aksi)}"
        f" (and {hitung.tab} Tab presses between fields)\n  " + "\n  ".join(hitung.aksi)
    )
    assert len(hitung.aksi) < 10
    terima = Permohonan.objects.get(status="diterima")
    assert (terima.pemohon.nama, terima.isian["jenjang"]) == ("Warga Uji", "SD")
    assert terima.berkas.filter(ada=False).count() == 0


def test_the_loket_calls_a_number_and_the_form_keeps_it(page: Page, situs):
    Kantor.objects.filter(kode="blitar").update(pakai_nomor_antrean=True)
    _masuk(page, situs, "blitar.petugas")
    panggil = page.get_by_role("button", name="Panggil nomor berikutnya")
    expect(panggil).to_have_class("btn btn-success")  # the next thing to do
    panggil.click()
    expect(page.locator("#nomor-dilayani")).to_have_text("1")
    expect(page.get_by_role("button", name="Panggil nomor berikutnya")).to_have_class(
        "btn btn-outline-success"
    )
    page.screenshot(path=ARTEFAK / "loket-cepat-antrean.png", full_page=True)
    page.get_by_role("link", name="+ SK Pengurusan KIP").click()
    expect(page.get_by_label("Nomor antrean")).to_have_value("1")


# At a phone's width: the page checker (tests/e2e/conftest.py) runs axe on every page at 1366 px
# too, so one run covers both widths.
@pytest.mark.parametrize("lebar", [390])
def test_the_intake_form_passes_axe(page: Page, situs, lebar):
    Kantor.objects.filter(kode="blitar").update(pakai_nomor_antrean=True)
    daftar("blitar", lengkap=False)
    page.set_viewport_size({"width": lebar, "height": 768})
    _formulir(page, situs)
    _ketik_nik(page, NIK_LAKI)
    page.get_by_label("Semua berkas sudah dilihat").check()
    ditemukan = {"form": _pelanggaran(page)}
    page.screenshot(path=ARTEFAK / f"loket-cepat-formulir-{lebar}.png", full_page=True)
    page.goto(f"{situs}/loket/")
    ditemukan["antrean"] = _pelanggaran(page)
    page.screenshot(path=ARTEFAK / f"loket-cepat-antrean-{lebar}.png", full_page=True)
    assert ditemukan == {"form": [], "antrean": []}
