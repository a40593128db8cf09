"""Blitar and Tarakan cases driven through the browser, logging in as each role in turn."""

import io
import re
import subprocess

from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

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
    for kotak in page.locator(".baris-berkas:visible input[name$='_ada']").all():
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
    page.locator("#tugas button").first.click()
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


def _teks_surat(page: Page, situs: str, nama: str) -> str:
    """The signed letter as downloaded from the application page, saved and its text read."""
    tautan = page.locator("#surat a").first.get_attribute("href")
    isi = page.request.get(situs + tautan).body()
    (ARTEFAK / f"{nama}.pdf").write_bytes(isi)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "70",
            "-singlefile",
            str(ARTEFAK / f"{nama}.pdf"),
            str(ARTEFAK / nama),
        ],
        check=True,
    )
    halaman = PdfReader(io.BytesIO(isi)).pages
    return " ".join(" ".join(h.extract_text() for h in halaman).split())


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
    teks = _teks_surat(loket, situs, "surat-blitar")
    # Parent and child registered: the "registered" letter, about them, signed by the Kadin
    # (from the SOP's signature step), initialled by the Kabid.
    assert "adalah benar terdaftar" in teks
    assert "Budi Santoso" in teks and "3572010501890001" in teks and "3572011203150002" in teks
    assert "Kepala Dinas Sosial Kota Blitar, Ditandatangani secara elektronik" in teks
    assert "Drs. Hendro Wicaksono, M.Si." in teks and "a.n." not in teks
    assert "Paraf Kabid Rina Kusumawati" in teks
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
    teks = _teks_surat(loket, situs, "surat-tarakan")
    # The Kabid signs for the Kadin (a.n.), the office's name as it wrote it, the draft the
    # Koordinator initialled after the send-back.
    assert (
        "a.n. Kepala Dinas Sosial dan Pemberdayaan Masyarakat Kota Tarakan Kepala Bidang Sosial,"
        in teks
    )
    assert "Andi Firmansyah, S.Sos." in teks and "Hasnah" in teks and "6571014708750003" in teks
    assert "Dan Pemberdayaan" not in teks
    assert "Paraf" in teks and "Koordinator/Dayasos" in teks and "Irwan Setiadi" in teks
    loket.screenshot(path=ARTEFAK / "alur-tarakan-selesai.png", full_page=True)
    loket.close()
