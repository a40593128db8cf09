"""Local PAdES signing: a signed letter validates, a one-byte change does not, the passphrase
is checked and never stored."""

import subprocess

import pytest
from weasyprint import HTML

from layanan.demo import FRASA_TTD_DEMO
from layanan.models import Pejabat
from layanan.tanda_tangan import TandaTanganGagal
from layanan.tanda_tangan.lokal import PenandaLokal

pytestmark = pytest.mark.django_db


@pytest.fixture
def pdf() -> bytes:
    return HTML(string="<h1>SURAT KETERANGAN</h1><p>Nomor 460/1/410.105/2026</p>").write_pdf()


@pytest.fixture
def kadin() -> Pejabat:
    return Pejabat.objects.get(kantor__kode="blitar", peran__kode="kadin")


def test_signed_pdf_validates_and_names_the_signer(pdf, kadin):
    penanda = PenandaLokal()
    ditandatangani = penanda.tandatangani(pdf, pejabat=kadin, frasa_sandi=FRASA_TTD_DEMO)
    hasil = penanda.periksa(ditandatangani)
    assert hasil.ada_tanda_tangan and hasil.utuh and hasil.sah
    assert kadin.nama in hasil.penandatangan


def test_a_one_byte_change_breaks_it(pdf, kadin, tmp_path):
    penanda = PenandaLokal()
    ditandatangani = bytearray(penanda.tandatangani(pdf, pejabat=kadin, frasa_sandi=FRASA_TTD_DEMO))
    i = len(pdf) // 2  # inside the original document, which the signature covers
    ditandatangani[i] ^= 0x01
    hasil = penanda.periksa(bytes(ditandatangani))
    assert not hasil.utuh and not hasil.sah


def test_a_standard_reader_agrees(pdf, kadin, tmp_path):
    path = tmp_path / "surat.pdf"
    path.write_bytes(PenandaLokal().tandatangani(pdf, pejabat=kadin, frasa_sandi=FRASA_TTD_DEMO))
    keluar = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    assert "Signature Validation: Signature is Valid." in keluar


def test_wrong_passphrase_and_missing_certificate_are_refused(pdf, kadin):
    with pytest.raises(TandaTanganGagal, match="salah"):
        PenandaLokal().tandatangani(pdf, pejabat=kadin, frasa_sandi="tebakan")
    kadin.sertifikat = ""
    with pytest.raises(TandaTanganGagal, match="belum memiliki sertifikat"):
        PenandaLokal().tandatangani(pdf, pejabat=kadin, frasa_sandi=FRASA_TTD_DEMO)


def test_unsigned_or_unreadable_files_are_not_letters(pdf):
    assert not PenandaLokal().periksa(pdf).ada_tanda_tangan
    assert not PenandaLokal().periksa(b"bukan pdf").ada_tanda_tangan
