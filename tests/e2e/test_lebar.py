"""On a 320- and a 390-px phone no page of the app scrolls sideways (issue "Accessible", item 6):
every staff page and every public page (complaints' too), in the states they are met in. A wide table scrolls
inside its own region; the page itself never does. (The administration, Django's admin, is not
one of these pages.)"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from playwright.sync_api import Page, expect

from layanan.models import Surat
from tests.e2e.conftest import ARTEFAK
from tests.e2e.test_loket import _masuk
from tests.factories import daftar, jalan, sampai_selesai
from tests.test_pengaduan import aduan

LEBAR_SISI = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"


def _kasus() -> dict[str, object]:
    """Applications in the states the pages show, made where pyHanko may sign (not in the thread
    of Playwright's event loop)."""
    diterima = daftar("blitar")
    tidak = daftar("blitar", lengkap=False)
    koreksi = daftar("blitar")
    while koreksi.langkah_nomor != 5:
        koreksi = jalan(koreksi)
    koreksi = jalan(koreksi, aksi="kembali", catatan="Nama sekolah salah")
    tanda_tangan = daftar("solok")
    while tanda_tangan.langkah_nomor != 4:
        tanda_tangan = jalan(tanda_tangan)
    selesai = daftar("solok")
    sampai_selesai(selesai)
    tarakan = daftar("tarakan")
    surat = Surat.objects.get(permohonan=selesai)
    keluhan = aduan()  # Metro's, waiting for the petugas
    kasus = {
        "diterima": diterima.pk,
        "tidak": tidak.pk,
        "koreksi": koreksi.pk,
        "tanda_tangan": tanda_tangan.pk,
        "selesai": selesai.pk,
        "tarakan": tarakan.pk,
        "kode": diterima.kode_lacak,
        "token": surat.token,
        "aduan": keluhan.pk,
        "kode_aduan": keluhan.kode_lacak,
    }
    connection.close()  # this thread's own
    return kasus


def _halaman(k: dict[str, object]) -> dict[str | None, list[str]]:
    """Per user (None: nobody logged in), the pages to see."""
    sop = [
        "/kantor/blitar/layanan/kip/sop/",
        "/kantor/bima/layanan/pip/sop/",
        "/kantor/metro/layanan/kip/sop/",  # a service standard, not an SOP
        "/kantor/solok/layanan/sk-dtks/sop/",
        "/kantor/tarakan/layanan/pengaduan-bpnt/sop/",
    ]
    return {
        "blitar.petugas": [
            "/",
            *sop,
            "/loket/",
            "/loket/?semua=1",
            "/loket/baru/kip/",
            f"/permohonan/{k['diterima']}/",
            f"/permohonan/{k['tidak']}/",
            f"/permohonan/{k['koreksi']}/",
            f"/permohonan/{k['koreksi']}/koreksi/",
            "/surat/",
            "/tanda-terima/",
            "/dtks/usulan/",
            "/tugas/",
        ],
        "blitar.peksos": [
            "/tugas/",
            f"/permohonan/{k['diterima']}/",
            f"/permohonan/{k['diterima']}/dtks/manual/",
        ],
        "solok.kadin": [
            "/tugas/",
            f"/permohonan/{k['tanda_tangan']}/",
            f"/permohonan/{k['selesai']}/",
            "/surat/",
        ],
        "tarakan.fo": ["/loket/baru/pengaduan-bpnt/", f"/permohonan/{k['tarakan']}/"],
        "bima.operator": ["/loket/baru/pip/"],
        "metro.petugas": [
            "/loket/baru/kip/",
            "/pengaduan/tugas/",
            "/pengaduan/semua/",
            "/pengaduan/catat/",
            "/pengaduan/angka/",
            f"/pengaduan/{k['aduan']}/",
        ],
        None: [
            "/masuk/",
            "/status/",
            f"/v/{k['token']}/",
            "/pengaduan/",
            "/pengaduan/kirim/metro/",
            "/tidak-ada/",
        ],
    }


def _lebar(page: Page) -> tuple[int, int]:
    gulir, layar = page.evaluate(LEBAR_SISI)
    return gulir, layar


# At 320 px; the page checker (tests/e2e/conftest.py) sees every page at 390 and 1366 px too.
@pytest.mark.parametrize("lebar", [320])
def test_no_page_scrolls_sideways_on_a_phone(page: Page, situs, lebar):
    with ThreadPoolExecutor(1) as pekerja:
        k = pekerja.submit(_kasus).result()
    page.set_viewport_size({"width": lebar, "height": 740})
    lebar_halaman: dict[str, tuple[int, int]] = {}
    for pengguna, daftar_alamat in _halaman(k).items():
        page.context.clear_cookies()
        if pengguna:
            _masuk(page, situs, pengguna)
        for alamat in daftar_alamat:
            page.goto(situs + alamat)
            lebar_halaman[f"{pengguna} {alamat}"] = _lebar(page)
    # Pages met after a form is sent: errors, answers.
    page.context.clear_cookies()
    page.goto(situs + "/masuk/")
    page.get_by_role("button", name="Masuk").click()
    lebar_halaman["login with errors"] = _lebar(page)
    page.goto(situs + "/status/")
    page.get_by_label("Kode lacak").fill(str(k["kode"]))
    page.get_by_role("button", name="Tampilkan status").click()
    expect(page.locator("#hasil-status")).to_be_visible()
    lebar_halaman["status answer"] = _lebar(page)
    page.get_by_label("Kode lacak").fill(str(k["kode_aduan"]))
    page.get_by_role("button", name="Tampilkan status").click()
    expect(page.locator("#hasil-status")).to_contain_text("/ADU/")
    lebar_halaman["status answer, a complaint"] = _lebar(page)
    page.goto(f"{situs}/v/{k['token']}/")
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "lain.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}]
    )
    page.get_by_role("button", name="Periksa berkas").click()
    expect(page.locator("#hasil-berkas")).to_be_visible()
    lebar_halaman["verification answer"] = _lebar(page)
    _masuk(page, situs, "blitar.petugas")
    page.goto(situs + "/loket/baru/kip/")
    page.locator(".bilah-aksi button[value=lengkap]").click()
    expect(page.locator(".ringkasan-kesalahan")).to_be_visible()
    lebar_halaman["intake with errors"] = _lebar(page)
    page.screenshot(path=ARTEFAK / f"lebar-formulir-salah-{lebar}.png", full_page=True)
    melebar = {nama: ukuran for nama, ukuran in lebar_halaman.items() if ukuran[0] > ukuran[1]}
    assert melebar == {}
    assert len(lebar_halaman) > 30
