"""Loket staff of two seed offices register an application in the browser and print the receipt."""

import io
import re
import subprocess

from PIL import Image
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from layanan.demo import KATA_SANDI_DEMO
from tests.e2e.conftest import ARTEFAK


def _masuk(page: Page, situs: str, username: str) -> None:
    page.goto(f"{situs}/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(KATA_SANDI_DEMO)
    page.get_by_role("button", name="Masuk").click()


def _isi_pemohon(page: Page, nik: str, nama: str) -> None:
    page.get_by_label("NIK", exact=True).fill(nik)
    page.get_by_label("Nama lengkap").fill(nama)
    page.get_by_label("Alamat (jalan, nomor rumah)").fill("Jl. Sudirman 7")
    page.locator("select[name=kode_kelurahan]").select_option(index=1)


def _centang_semua_berkas(page: Page) -> None:
    for kotak in page.locator(".baris-berkas:visible input[name$='_ada']").all():
        kotak.check()


def _lihat_tanda_terima(page: Page, situs: str, nama_berkas: str) -> str:
    tautan = page.get_by_role("link", name="Cetak tanda terima")
    pdf = page.request.get(situs + tautan.get_attribute("href")).body()
    (ARTEFAK / f"{nama_berkas}.pdf").write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-singlefile",
            str(ARTEFAK / f"{nama_berkas}.pdf"),
            str(ARTEFAK / nama_berkas),
        ],
        check=True,
    )
    gambar = Image.open(ARTEFAK / f"{nama_berkas}.png")
    assert abs(gambar.width / gambar.height - 210 / 297) < 0.01  # A4
    assert gambar.convert("L").getextrema()[0] < 50  # there is dark text on the page
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_blitar_loket_registers_a_kip_application(page: Page, situs):
    _masuk(page, situs, "blitar.petugas")
    page.get_by_role("link", name="Loket").click()
    page.get_by_role("link", name="+ SK Pengurusan KIP").click()
    _isi_pemohon(page, "3572010501890001", "Budi Santoso")
    page.get_by_label("Nama anak").fill("Rina Santoso")
    page.get_by_label("NIK anak").fill("3572011203150002")
    page.get_by_label("Nama sekolah / perguruan tinggi").fill("SDN Kepanjenkidul 1")
    page.get_by_label("Jenjang pendidikan").select_option("SD")
    _centang_semua_berkas(page)
    page.locator(".baris-berkas input[type=file]").first.set_input_files(
        files=[
            {
                "name": "sktm.png",
                "mimeType": "image/png",
                "buffer": (ARTEFAK.parent / "static" / "img" / "favicon.svg").read_bytes(),
            }
        ]
    )
    page.get_by_role("button", name="Berkas lengkap: terima").click()
    # The SVG named .png is refused by its content; everything typed is still there.
    expect(page.locator(".invalid-feedback")).to_contain_text("apa pun nama berkasnya")
    expect(page.get_by_label("Nama lengkap")).to_have_value("Budi Santoso")
    page.locator(".baris-berkas input[type=file]").first.set_input_files(
        ARTEFAK.parent / "tests" / "e2e" / "ktp-contoh.png"
    )
    page.get_by_role("button", name="Berkas lengkap: terima").click()
    expect(page.locator(".alert-success")).to_contain_text("nomor registrasi")
    page.screenshot(path=ARTEFAK / "loket-blitar-detail.png", full_page=True)
    teks = _lihat_tanda_terima(page, situs, "tanda-terima-blitar")
    assert "TANDA TERIMA BERKAS PERMOHONAN" in teks
    assert re.search(r"\d{5}/REG/\d{4}", teks)
    assert "Budi Santoso" in teks


def test_tarakan_loket_registers_a_bpnt_complaint_for_an_heir(page: Page, situs):
    _masuk(page, situs, "tarakan.fo")
    page.get_by_role("link", name="Loket").click()
    page.get_by_role("link", name="+ Pengaduan BPNT").click()
    _isi_pemohon(page, "6571014708750003", "Hasnah")
    page.get_by_label("Jenis kelamin").select_option("P")
    page.get_by_label("Ahli waris KPM").check()
    page.get_by_label("Nomor KKS").fill("6032984512345678")
    page.get_by_label("Jenis kendala").select_option("ahli_waris")
    page.get_by_label("Uraian kendala").fill(
        "Suami (KPM) meninggal; bantuan dialihkan ke ahli waris."
    )
    expect(page.get_by_role("group", name="Fotocopy Surat Kematian")).to_be_visible()
    _centang_semua_berkas(page)
    page.screenshot(path=ARTEFAK / "loket-tarakan-form.png", full_page=True)
    page.get_by_role("button", name="Berkas lengkap: terima").click()
    expect(page.locator(".alert-success")).to_contain_text("nomor registrasi")
    teks = _lihat_tanda_terima(page, situs, "tanda-terima-tarakan")
    assert "Fotocopy Surat Kematian" in teks
    assert "DINAS SOSIAL DAN PEMBERDAYAAN MASYARAKAT" in teks
