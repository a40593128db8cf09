"""Blitar and Tarakan cases driven through the browser, logging in as each role in turn."""

import re
import subprocess

from playwright.sync_api import Browser, Page, expect

from layanan.demo import FRASA_TTD_DEMO, KATA_SANDI_DEMO
from tests.e2e.conftest import ARTEFAK


def _sebagai(browser: Browser, situs: str, username: str) -> Page:
    page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="id-ID")
    page.goto(f"{situs}/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(KATA_SANDI_DEMO)
    page.get_by_role("button", name="Masuk").click()
    return page


def _daftar(page: Page, layanan: str, nik: str, nama: str, isi) -> str:
    page.get_by_role("link", name="Loket").click()
    page.get_by_role("link", name=f"+ {layanan}").click()
    page.get_by_label("NIK", exact=True).fill(nik)
    page.get_by_label("Nama lengkap").fill(nama)
    page.get_by_label("Alamat (jalan, nomor rumah)").fill("Jl. Sudirman 7")
    page.locator("select[name=kode_kelurahan]").select_option(index=1)
    isi(page)
    for kotak in page.locator("tr.baris-berkas:visible input[name$='_ada']").all():
        kotak.check()
    page.get_by_role("button", name="Berkas lengkap: terima").click()
    expect(page.locator(".alert-success")).to_contain_text("nomor registrasi")
    return page.url


def _kerjakan(
    browser: Browser,
    situs: str,
    username: str,
    url: str,
    tombol: str,
    catatan: str = "",
    dtks: bool = False,
) -> None:
    page = _sebagai(browser, situs, username)
    page.get_by_role("link", name="Tugas saya").click()
    page.locator("#tugas a").first.click()
    expect(page).to_have_url(url)
    if dtks:
        page.get_by_role("button", name="Cek DTKS").click()
        expect(page.locator("#dtks")).to_contain_text("Terdaftar")
    if catatan:
        page.locator("#catatan-langkah").fill(catatan)
    if tombol == "Tanda tangani surat":
        page.get_by_label("Frasa sandi sertifikat tanda tangan Anda").fill(FRASA_TTD_DEMO)
    page.locator("#langkah-saat-ini").get_by_role("button", name=tombol, exact=True).click()
    page.wait_for_load_state("networkidle")  # no request left running when the page closes
    page.close()


def test_blitar_kip_from_loket_to_hand_over(browser: Browser, situs):
    loket = _sebagai(browser, situs, "blitar.petugas")

    def isi(page: Page) -> None:
        page.get_by_label("Nama anak").fill("Rina Santoso")
        page.get_by_label("NIK anak").fill("3572011203150002")
        page.get_by_label("Nama sekolah / perguruan tinggi").fill("SDN Kepanjenkidul 1")
        page.get_by_label("Jenjang pendidikan").select_option("SD")

    url = _daftar(loket, "SK Pengurusan KIP", "3572010501890001", "Budi Santoso", isi)
    _kerjakan(browser, situs, "blitar.peksos", url, "Selesai", dtks=True)
    _kerjakan(browser, situs, "blitar.petugas", url, "Selesai")
    _kerjakan(browser, situs, "blitar.kabid", url, "Diparaf")
    _kerjakan(browser, situs, "blitar.kadin", url, "Tanda tangani surat")
    _kerjakan(
        browser, situs, "blitar.petugas", url, "Selesai", catatan="Diterima oleh Budi Santoso"
    )
    loket.goto(url)
    expect(loket.locator(".badge").first).to_have_text("Selesai")
    expect(loket.locator("#riwayat li")).to_have_count(7)
    expect(loket.locator("#surat")).to_contain_text("/410.105/")
    tautan = loket.locator("#surat a").first.get_attribute("href")
    (ARTEFAK / "surat-blitar.pdf").write_bytes(loket.request.get(situs + tautan).body())
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "70",
            "-singlefile",
            str(ARTEFAK / "surat-blitar.pdf"),
            str(ARTEFAK / "surat-blitar"),
        ],
        check=True,
    )
    loket.screenshot(path=ARTEFAK / "alur-blitar-selesai.png", full_page=True)
    loket.close()


def test_tarakan_complaint_with_a_send_back(browser: Browser, situs):
    loket = _sebagai(browser, situs, "tarakan.fo")

    def isi(page: Page) -> None:
        page.get_by_label("KPM (penerima bantuan) sendiri").check()
        page.get_by_label("Nomor KKS").fill("6032984512345678")
        page.get_by_label("Jenis kendala").select_option("pin_terblokir")
        page.get_by_label("Uraian kendala").fill("PIN terblokir setelah salah tiga kali.")

    url = _daftar(loket, "Pengaduan BPNT", "6571014708750003", "Hasnah", isi)
    _kerjakan(browser, situs, "tarakan.analis", url, "Selesai", dtks=True)
    _kerjakan(
        browser,
        situs,
        "tarakan.koordinator",
        url,
        "Dikembalikan untuk diperbaiki",
        catatan="Solusi untuk PIN belum ditulis",
    )
    _kerjakan(browser, situs, "tarakan.analis", url, "Selesai")
    _kerjakan(browser, situs, "tarakan.koordinator", url, "Diparaf")
    _kerjakan(browser, situs, "tarakan.kabid", url, "Tanda tangani surat")
    _kerjakan(browser, situs, "tarakan.fo", url, "Selesai", catatan="Diterima oleh Hasnah")
    loket.goto(url)
    expect(loket.locator(".badge").first).to_have_text("Selesai")
    expect(loket.locator("#riwayat")).to_contain_text("Solusi untuk PIN belum ditulis")
    expect(loket.locator("#riwayat")).to_contain_text(re.compile("Dikembalikan"))
    loket.screenshot(path=ARTEFAK / "alur-tarakan-selesai.png", full_page=True)
    loket.close()
