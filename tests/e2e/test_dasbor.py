"""The Kadin's dashboard in a browser: Blitar's Kadin opens it, follows a late step's figure to
the applications behind it, exports that list to XLSX and downloads the monthly PDF; axe-core on
the dashboard and the list at an office screen's width and a phone's."""

from __future__ import annotations

import io
from pathlib import Path

from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from layanan.models import Pemohon, RiwayatLangkah
from tests.e2e.conftest import ARTEFAK
from tests.e2e.test_aksesibilitas import _pelanggaran
from tests.e2e.test_loket import _masuk
from tests.factories import daftar, jalan


def _satu_terlambat():
    """An application whose verification (step 3, standard 105 working minutes) took 300, and one
    on time."""
    telat = daftar("blitar")
    Pemohon.objects.filter(pk=telat.pemohon_id).update(nama="Budi Terlambat")
    jalan(telat)
    # The step's working minutes as if it had waited since the morning before.
    RiwayatLangkah.objects.filter(permohonan=telat, nomor=3).update(menit_kerja=300)
    tepat = daftar("blitar", terdaftar=False)  # another applicant (another NIK)
    Pemohon.objects.filter(pk=tepat.pemohon_id).update(nama="Sari Tepat")
    jalan(tepat)
    return telat


def _bulan_ini(page: Page) -> None:
    hari = timezone.localdate()
    awal = hari.replace(day=1)
    akhir = (awal.replace(day=28) + timezone.timedelta(days=4)).replace(day=1) - timezone.timedelta(
        days=1
    )
    page.get_by_role("textbox", name="Dari").fill(awal.strftime("%d/%m/%Y"))
    page.get_by_role("textbox", name="Sampai").fill(akhir.strftime("%d/%m/%Y"))
    page.get_by_role("textbox", name="Sampai").press("Enter")


def test_the_kadin_follows_a_late_step_to_its_list_and_downloads_the_report(page: Page, situs):
    telat = _satu_terlambat()
    _masuk(page, situs, "blitar.kadin")
    page.get_by_role("navigation").get_by_role("link", name="Dasbor").click()
    expect(page.get_by_role("heading", name="Dasbor", exact=True)).to_be_visible()
    _bulan_ini(page)
    expect(page.locator("#angka-masuk")).to_contain_text("2")
    baris = page.locator("#tabel-langkah tr.table-danger")
    expect(baris).to_contain_text("membuat permohonan terlambat")
    page.screenshot(path=ARTEFAK / "dasbor-1366.png", full_page=True)

    # The late step's figure opens the application behind it, and only that one.
    page.locator(f"#telat-{telat.layanan_id}-3").click()
    expect(page.get_by_role("heading", name="Terlambat pada satu langkah")).to_be_visible()
    expect(page.locator("#daftar-dasbor tbody tr")).to_have_count(1)
    expect(page.locator("#daftar-dasbor")).to_contain_text("Budi Terlambat")
    expect(page.locator("#daftar-dasbor")).not_to_contain_text("Sari Tepat")
    page.screenshot(path=ARTEFAK / "dasbor-daftar-1366.png", full_page=True)

    with page.expect_download() as unduhan:
        page.get_by_role("link", name="Ekspor ke XLSX").click()
    lembar = load_workbook(io.BytesIO(Path(unduhan.value.path()).read_bytes())).active
    isi = [[sel.value for sel in b] for b in lembar.iter_rows()]
    kolom = isi[0].index("NIK")
    assert [b[3] for b in isi[1:]] == ["Budi Terlambat"]
    assert lembar.cell(row=2, column=kolom + 1).data_type == "s"  # NIK as text

    page.get_by_role("link", name="Kembali ke dasbor").click()
    with page.expect_download() as unduhan:
        page.get_by_role("link", name="Laporan bulanan (PDF)").click()
    pdf = Path(unduhan.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    (ARTEFAK / "laporan-bulanan.pdf").write_bytes(pdf)


def test_dashboard_and_list_pass_axe_at_both_widths(page: Page, situs):
    telat = _satu_terlambat()
    _masuk(page, situs, "blitar.kadin")
    ditemukan = {}
    for lebar in (1366, 390):
        page.set_viewport_size({"width": lebar, "height": 768})
        for alamat, nama in (
            ("/dasbor/", "dasbor"),
            (f"/dasbor/daftar/?jenis=langkah&layanan={telat.layanan_id}&nomor=3", "daftar"),
            ("/dasbor/?dari=31/02/2026", "dasbor-ditolak"),
            ("/dasbor/wilayah/", "dasbor-wilayah"),
        ):
            page.goto(situs + alamat)
            if pelanggaran := _pelanggaran(page):
                ditemukan[f"{alamat} {lebar}"] = pelanggaran
            page.screenshot(path=ARTEFAK / f"{nama}-{lebar}.png", full_page=True)
            lebar_halaman = page.evaluate("document.documentElement.scrollWidth")
            assert lebar_halaman <= lebar, (alamat, lebar_halaman)
    assert ditemukan == {}
