"""Applying from home in the browser (issue 21, done-when): a citizen applies from a phone for
Blitar's KIP letter with scans, confirms the code read from the office's outbox, is returned as
incomplete by the loket, fixes it with what they sent, and follows it on the status page to the
signed letter, which they download. Every page passes axe-core at 390 and 1366 px."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from layanan.models import JenisSaluran, Layanan, SaluranKantor
from tests.e2e.conftest import ARTEFAK
from tests.e2e.test_alur import _kerjakan, _sebagai

PONSEL = {"width": 390, "height": 844}
KTP = ARTEFAK.parent / "tests" / "e2e" / "ktp-contoh.png"


def _kode_dari_outbox(browser: Browser, situs: str, pola: str = r"\b(\d{6})\b") -> str:
    """The office administrator reads the newest message of the outbox (the demo's channel is
    the log: nothing leaves the machine)."""
    admin = _sebagai(browser, situs, "blitar.admin")
    admin.goto(f"{situs}/admin/layanan/pesan/")
    admin.locator("#result_list tbody tr th a").first.click()
    isi = admin.locator(".field-isi .readonly").inner_text()
    admin.close()
    return re.search(pola, isi).group(1)


def _konfirmasi(warga: Page, browser: Browser, situs: str) -> None:
    expect(warga.get_by_role("heading", level=1)).to_have_text("Ketik kode yang kami kirim")
    warga.get_by_label("Kode").fill(_kode_dari_outbox(browser, situs))
    warga.get_by_role("button", name="Konfirmasi dan kirim").click()
    expect(warga.get_by_role("heading", level=1)).to_have_text("Permohonan terkirim ke loket")


def _status(warga: Page, situs: str, kode: str) -> None:
    warga.goto(f"{situs}/status/")
    warga.get_by_label("Kode lacak").fill(kode)
    warga.get_by_role("button", name="Tampilkan status").click()


def test_a_citizen_applies_from_a_phone_is_returned_fixes_it_and_downloads_the_letter(
    browser: Browser, situs
):
    layanan = Layanan.objects.get(kantor__kode="blitar", kode="kip")
    Layanan.objects.filter(pk=layanan.pk).update(terima_daring=True)
    SaluranKantor.objects.create(kantor=layanan.kantor, jenis=JenisSaluran.LOG)

    konteks = browser.new_context(
        viewport=PONSEL, locale="id-ID", is_mobile=True, has_touch=True, accept_downloads=True
    )
    warga = konteks.new_page()
    warga.goto(f"{situs}/status/")
    warga.get_by_role("link", name="Ajukan permohonan daring").click()
    warga.get_by_role("link", name=layanan.nama_tampil).click()
    warga.locator("input[name=nik]").fill("3572010501890001")
    warga.get_by_label("Nomor KK").fill("3572011203180004")
    warga.get_by_label("Nama lengkap").fill("Budi Santoso")
    warga.get_by_label("Alamat (jalan, nomor rumah)").fill("Jl. Merdeka No. 5")
    warga.locator("select[name=kode_kelurahan]").select_option(index=1)
    warga.get_by_label("Nama anak").fill("Rina Santoso")
    warga.get_by_label("NIK anak").fill("3572011203150002")
    warga.get_by_label("Nama sekolah / perguruan tinggi").fill("SDN Kepanjenkidul 1")
    warga.get_by_label("Jenjang pendidikan").select_option("SD")
    for masukan in warga.locator("input[type=file]").all():
        masukan.set_input_files(KTP)
    warga.get_by_label("Nomor WhatsApp/SMS Anda").fill("0812 3456 7890")
    # Sent without consent: refused, and everything typed and uploaded is kept.
    warga.get_by_role("button", name="Kirim dan minta kode").click()
    expect(warga.locator("#ringkasan-salah")).to_be_visible()
    expect(warga.get_by_label("Nama lengkap")).to_have_value("Budi Santoso")
    expect(warga.locator(".pindaian-tersimpan")).to_have_count(layanan.berkas.count())
    warga.screenshot(path=ARTEFAK / "daring-formulir-390.png", full_page=True)
    warga.get_by_label("Saya menyetujui pemrosesan data saya seperti dijelaskan di atas").check()
    warga.get_by_role("button", name="Kirim dan minta kode").click()
    _konfirmasi(warga, browser, situs)
    # The tracking code reaches the confirmed contact only, never the screen (no enumeration).
    expect(warga.locator("main")).to_contain_text("•••• 7890")
    kode = _kode_dari_outbox(browser, situs, r"Kode lacak: ([0-9A-Z-]{14})")

    # The loket returns it: one document is not readable.
    loket = _sebagai(browser, situs, "blitar.petugas")
    loket.get_by_role("link", name="Loket", exact=True).click()
    loket.get_by_role("link", name="Permohonan daring menunggu pemeriksaan").click()
    loket.get_by_role("link", name=kode).click()
    kotak = loket.get_by_label("Dilihat dan sah")
    for i in range(1, kotak.count()):
        kotak.nth(i).check()
    loket.get_by_label("Catatan untuk pemohon (yang kurang atau salah)").fill(
        "Foto KTP buram, unggah ulang."
    )
    loket.screenshot(path=ARTEFAK / "daring-periksa-1366.png", full_page=True)
    loket.get_by_role("button", name="Tidak lengkap: kembalikan ke pemohon").click()
    expect(loket.locator(".alert-warning").first).to_contain_text("Dikembalikan")

    # The citizen fixes it from the status page: a new scan, the rest as sent.
    _status(warga, situs, kode)
    expect(warga.locator("#hasil-status")).to_contain_text("Foto KTP buram")
    warga.get_by_role("button", name="Lengkapi permohonan").click()
    expect(warga.get_by_label("Nama lengkap")).to_have_value("Budi Santoso")
    warga.locator("input[name=buang_pindaian]").first.check()
    warga.locator("input[type=file]").first.set_input_files(KTP)
    warga.get_by_label("Saya menyetujui pemrosesan data saya seperti dijelaskan di atas").check()
    warga.get_by_role("button", name="Kirim dan minta kode").click()
    _konfirmasi(warga, browser, situs)

    # Accepted: registered and numbered; the SOP walks on to the signature.
    loket.get_by_role("link", name="Loket", exact=True).click()
    loket.get_by_role("link", name="Permohonan daring menunggu pemeriksaan").click()
    loket.get_by_role("link", name=kode).click()
    for kotak_ in loket.get_by_label("Dilihat dan sah").all():
        kotak_.check()
    loket.get_by_role("button", name="Lengkap: daftarkan").click()
    expect(loket.locator(".alert-success")).to_contain_text("nomor registrasi")
    url = loket.url
    loket.close()
    _kerjakan(browser, situs, "blitar.peksos", url, "Selesai", dtks=True)
    _kerjakan(browser, situs, "blitar.petugas", url, "Selesai")
    _kerjakan(browser, situs, "blitar.kabid", url, "Diparaf")
    _kerjakan(browser, situs, "blitar.kadin", url, "Tanda tangani surat")

    _status(warga, situs, kode)
    with warga.expect_download() as unduhan:
        warga.get_by_role("button", name=re.compile("Unduh surat")).click()
    isi = Path(unduhan.value.path()).read_bytes()
    assert isi.startswith(b"%PDF")
    warga.screenshot(path=ARTEFAK / "daring-status-390.png", full_page=True)
    konteks.close()
