"""Scans are judged by their content: cleaned when good, refused with a reason when not."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from layanan.unggahan import periksa_unggahan
from tests import berkas_uji


def _unggah(nama: str, isi: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, isi)


def test_png_is_accepted_and_reencoded():
    hasil = periksa_unggahan(_unggah("ktp.png", berkas_uji.png()))
    assert hasil.jenis_konten == "image/png"
    assert Image.open(io.BytesIO(hasil.isi)).size == (60, 40)


def test_phone_photo_loses_gps_and_appended_data():
    asli = berkas_uji.jpeg_dengan_gps()
    assert Image.open(io.BytesIO(asli)).getexif().get(0x8825)
    hasil = periksa_unggahan(_unggah("foto.jpg", asli))
    assert hasil.jenis_konten == "image/jpeg"
    assert b"<?php" not in hasil.isi
    assert not Image.open(io.BytesIO(hasil.isi)).getexif().get(0x8825)


def test_plain_pdf_is_accepted_unchanged():
    isi = berkas_uji.pdf()
    hasil = periksa_unggahan(_unggah("sktm.pdf", isi))
    assert (hasil.jenis_konten, hasil.isi) == ("application/pdf", isi)


@pytest.mark.parametrize(
    ("nama", "isi", "kode"),
    [
        ("sktm.pdf", berkas_uji.HTML_BERNAMA_PDF, "jenis"),
        ("logo.svg", berkas_uji.SVG, "jenis"),
        ("kosong.pdf", b"", "kosong"),
        ("besar.pdf", b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024), "terlalu_besar"),
        ("potong.jpg", berkas_uji.jpeg_dengan_gps()[:300], "rusak"),
        ("js.pdf", berkas_uji.pdf("javascript"), "pdf_aktif"),
        ("launch.pdf", berkas_uji.pdf("launch"), "pdf_aktif"),
        ("lampiran.pdf", berkas_uji.pdf("embedded"), "pdf_aktif"),
        ("rusak.pdf", b"%PDF-1.4\nsampah tanpa struktur", "rusak"),
        ("png-palsu.jpg", b"\xff\xd8\xff" + b"bukan gambar", "rusak"),
    ],
)
def test_bad_files_are_refused_with_a_reason(nama, isi, kode):
    with pytest.raises(ValidationError) as info:
        periksa_unggahan(_unggah(nama, isi))
    assert info.value.code == kode
    assert info.value.messages[0]  # an Indonesian sentence, checked in the view tests
