"""A seed office switched to BSrE (the fake service on loopback) signs a letter on its page and
two more in a batch; the letter verifies on the public page, and one altered byte fails it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from layanan import mesin
from layanan.demo import FRASA_TTD_DEMO
from layanan.models import AksiLangkah, Pejabat, PengaturanBsre, Surat
from layanan.surat.tanda_tangan.otoritas import otoritas_tambah
from tests.bsre_palsu import BsrePalsu
from tests.e2e.conftest import ARTEFAK
from tests.e2e.test_aksesibilitas import _pelanggaran
from tests.e2e.test_alur import _sebagai
from tests.factories import daftar, jalan

NIK = "3572010101700001"


@pytest.fixture
def bsre(settings, monkeypatch):
    palsu = BsrePalsu().mulai()
    settings.DINSOS_BSRE_ALAMAT = [palsu.url]
    monkeypatch.setenv("DINSOS_BSRE_PENGGUNA", palsu.pengguna_api)
    monkeypatch.setenv("DINSOS_BSRE_SANDI", palsu.sandi_api)
    yield palsu
    palsu.berhenti()


def _siapkan(palsu: BsrePalsu) -> None:
    otoritas_tambah(nama="Root BSrE Uji", sertifikat=palsu.otoritas.sertifikat, oleh=None)
    kadin = Pejabat.objects.get(kantor__kode="blitar", peran__kode="kadin")
    Pejabat.objects.filter(pk=kadin.pk).update(nik=NIK)
    palsu.daftar(NIK, FRASA_TTD_DEMO, nama=kadin.nama)
    PengaturanBsre.objects.create(
        kantor=kadin.kantor, aktif=True, versi="v2", alamat=palsu.url, batas_waktu=60
    )


def _di_ttd():
    p = daftar("blitar")
    while AksiLangkah.TANDA_TANGAN not in mesin.pilihan_langkah(p):
        p = jalan(p)
    return p


def test_an_office_on_bsre_signs_single_and_in_a_batch(browser: Browser, situs, bsre, tmp_path):
    _siapkan(bsre)
    satu = _di_ttd()
    page = _sebagai(browser, situs, "blitar.kadin")
    page.goto(f"{situs}/permohonan/{satu.pk}/")
    page.get_by_label("Frasa sandi sertifikat tanda tangan Anda").fill(FRASA_TTD_DEMO)
    page.locator("#langkah-saat-ini").get_by_role(
        "button", name="Tanda tangani surat", exact=True
    ).click()
    page.wait_for_load_state("networkidle")
    surat = Surat.objects.get(permohonan=satu)
    page.screenshot(path=ARTEFAK / "bsre-satu.png", full_page=True)

    dua = [_di_ttd(), _di_ttd()]
    page.goto(f"{situs}/tugas/")
    page.get_by_role("button", name="Semua yang menunggu paraf atau tanda tangan saya").click()
    for i in range(len(dua)):
        expect(page.get_by_role("heading", level=1)).to_contain_text(f"Konsep {i + 1} dari")
        page.keyboard.press("Enter")
    page.get_by_label(
        "Frasa sandi sertifikat tanda tangan Anda (sekali untuk seluruh kumpulan)"
    ).fill(FRASA_TTD_DEMO)
    page.get_by_role("button", name=f"Proses {len(dua)} konsep").click()
    expect(page.locator("#hasil-batch .list-group-item-success")).to_have_count(len(dua))
    assert Surat.objects.filter(permohonan__in=dua).count() == 2
    assert len([r for r in bsre.permintaan if "sign" in r["jalur"]]) == 3

    # The public page: the file we issued is valid; one altered byte is not.
    with surat.berkas.open("rb") as f:
        isi = f.read()
    asli, ubah = tmp_path / "surat.pdf", tmp_path / "ubah.pdf"
    asli.write_bytes(isi)
    rusak = bytearray(isi)
    rusak[len(isi) // 3] ^= 0x01
    ubah.write_bytes(bytes(rusak))
    for berkas, kelas in ((asli, "alert-success"), (ubah, "alert-danger")):
        page.context.clear_cookies()
        page.goto(f"{situs}/v/{surat.token}/")
        page.locator('input[type="file"]').set_input_files(str(berkas))
        page.get_by_role("button", name="Periksa berkas").click()
        expect(page.locator("#hasil-berkas")).to_have_class(f"alert {kelas} mt-3")
        assert _pelanggaran(page) == []
    page.screenshot(path=ARTEFAK / "bsre-verifikasi-ubah.png", full_page=True)
    page.close()
