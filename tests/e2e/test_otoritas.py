"""The trusted certificate authorities' page in the browser, as the national superuser: adding a
CA by keyboard, reading what was signed under it, withdrawing its trust; then what the signer and
the public see. Every page passes axe at an office's 1366 px and a phone's 390 px."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from playwright.sync_api import Page, expect

from layanan.models import OtoritasSertifikat, Surat
from tests.e2e.conftest import ARTEFAK
from tests.e2e.test_aksesibilitas import _pelanggaran
from tests.e2e.test_loket import _masuk
from tests.factories import daftar, jalan, sampai_selesai
from tests.sertifikat_uji import buat_ca, pem


def _di_thread(fungsi):
    """Signing runs pyHanko's asyncio.run(), refused in the thread where Playwright's loop runs."""

    def jalankan():
        try:
            return fungsi()
        finally:
            connection.close()  # this thread's own

    with ThreadPoolExecutor(1) as pekerja:
        return pekerja.submit(jalankan).result()


def _surat_dan_draf() -> tuple[Surat, int]:
    p = daftar("solok")
    sampai_selesai(p)
    draf = daftar("solok")
    while draf.langkah_nomor != 4:
        draf = jalan(draf)
    return Surat.objects.select_related("otoritas").get(permohonan=p), draf.pk


def _periksa(page: Page, nama: str, lebar: int, ditemukan: dict) -> None:
    page.screenshot(path=ARTEFAK / f"otoritas-{nama}-{lebar}.png", full_page=True)
    if pelanggaran := _pelanggaran(page):
        ditemukan[nama] = pelanggaran


@pytest.mark.parametrize("lebar", [1366, 390])
def test_the_superuser_adds_reads_and_withdraws_a_ca(page: Page, situs, lebar):
    page.set_viewport_size({"width": lebar, "height": 768})
    surat, draf = _di_thread(_surat_dan_draf)
    ca = surat.otoritas
    ditemukan: dict[str, list[str]] = {}
    _masuk(page, situs, "superadmin")

    page.goto(f"{situs}/admin/layanan/otoritassertifikat/")
    expect(page.get_by_role("link", name=ca.nama)).to_be_visible()
    _periksa(page, "daftar", lebar, ditemukan)

    # Adding one by keyboard: a wrong paste first (a clear message, the name kept), then the CA.
    page.goto(f"{situs}/admin/layanan/otoritassertifikat/add/")
    page.get_by_label("Nama:").focus()
    page.keyboard.type("BSrE Uji")
    page.get_by_label("…atau teks PEM-nya:").fill("bukan sertifikat")
    page.get_by_role("button", name="Simpan", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.locator(".errorlist")).to_contain_text("Ini bukan sertifikat X.509")
    expect(page.get_by_label("Nama:")).to_have_value("BSrE Uji")
    _periksa(page, "tambah-galat", lebar, ditemukan)
    page.get_by_label("…atau teks PEM-nya:").fill(pem(buat_ca("BSrE Uji")[1]))
    page.get_by_role("button", name="Simpan", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("BSrE Uji")
    assert OtoritasSertifikat.objects.filter(nama="BSrE Uji", ditarik_pada=None).exists()

    # The demo CA's page: its certificate and what was signed under it.
    page.goto(f"{situs}/admin/layanan/otoritassertifikat/{ca.pk}/change/")
    expect(page.locator("#sertifikat-ca")).to_contain_text(ca.sidik[:2].upper())
    expect(page.locator("#yang-ditandatangani")).to_contain_text(surat.nomor)
    _periksa(page, "halaman", lebar, ditemukan)

    # Withdrawing its trust, by keyboard.
    alasan = page.get_by_label("Alasan kepercayaannya dicabut")
    alasan.focus()
    page.keyboard.type("Uji penarikan")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Cabut kepercayaan")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("telah dicabut")
    expect(page.locator("#sertifikat-ca")).to_contain_text("Uji penarikan")
    _periksa(page, "ditarik", lebar, ditemukan)

    # The public page tells the truth; the signer is told before any passphrase.
    page.goto(f"{situs}/v/{surat.token}/")
    expect(page.locator("#otoritas-ditarik")).to_contain_text(ca.nama)
    _periksa(page, "verifikasi", lebar, ditemukan)
    page.context.clear_cookies()
    _masuk(page, situs, "solok.kadin")
    page.goto(f"{situs}/permohonan/{draf}/")
    expect(page.locator("#tidak-bisa-tanda-tangan")).to_contain_text("mencabut kepercayaannya")
    expect(page.locator('input[name="frasa_sandi"]')).to_have_count(0)
    _periksa(page, "penanda", lebar, ditemukan)
    # The batch: the same reason in the reader and on the summary, no passphrase field.
    page.goto(f"{situs}/tugas/")
    page.get_by_role("button", name="Semua yang menunggu paraf atau tanda tangan saya").click()
    expect(page.locator("#tidak-bisa-tanda-tangan")).to_contain_text("mencabut kepercayaannya")
    _periksa(page, "batch-baca", lebar, ditemukan)
    page.keyboard.press("Enter")  # the focused button: include it
    expect(page.locator("#ringkasan-batch")).to_contain_text("Belum dapat ditandatangani")
    expect(page.locator('input[name="frasa_sandi"]')).to_have_count(0)
    _periksa(page, "batch-ringkasan", lebar, ditemukan)
    assert ditemukan == {}
