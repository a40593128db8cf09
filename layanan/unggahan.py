"""Checks an uploaded scan by its content and cleans it: PDF, JPEG or PNG, nothing else."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

# Names whose presence anywhere in a PDF means it can run code, open programs or carry files.
NAMA_PDF_TERLARANG = {
    "/JavaScript": "JavaScript",
    "/JS": "JavaScript",
    "/Launch": "launch",
    "/EmbeddedFile": "embedded",
    "/EmbeddedFiles": "embedded",
    "/RichMedia": "embedded",
}
Image.MAX_IMAGE_PIXELS = 60_000_000  # a 300-dpi A3 scan is ~17 Mpx; beyond this is a bomb


@dataclass(frozen=True)
class BerkasBersih:
    isi: bytes
    jenis_konten: str
    ekstensi: str
    sha256: str


def batas_ukuran() -> int:
    return settings.DINSOS_MAKS_UNGGAHAN_MB * 1024 * 1024


def periksa_unggahan(berkas: UploadedFile) -> BerkasBersih:
    """The file, re-encoded if an image, or a ValidationError in Indonesian saying why not."""
    if berkas.size == 0:
        raise ValidationError(_("The file is empty."), code="kosong")
    if berkas.size is None or berkas.size > batas_ukuran():
        raise ValidationError(
            _("The file is larger than %(mb)s MB. Scan at a lower resolution and try again.")
            % {"mb": settings.DINSOS_MAKS_UNGGAHAN_MB},
            code="terlalu_besar",
        )
    isi = berkas.read()
    if isi.startswith(b"%PDF-"):
        return _pdf(isi)
    if isi.startswith(b"\xff\xd8\xff"):
        return _gambar(isi, "JPEG", "image/jpeg", ".jpg")
    if isi.startswith(b"\x89PNG\r\n\x1a\n"):
        return _gambar(isi, "PNG", "image/png", ".png")
    raise ValidationError(
        _(
            "Only PDF, JPEG and PNG scans are accepted; this file is none of these, whatever its "
            "name says."
        ),
        code="jenis",
    )


def _gambar(isi: bytes, format_: str, jenis: str, ekstensi: str) -> BerkasBersih:
    try:
        with Image.open(io.BytesIO(isi)) as gambar:
            if gambar.format != format_:
                raise ValidationError(
                    _("The image is damaged or not what it claims to be."), code="rusak"
                )
            gambar.load()  # a truncated file fails here
            # Re-encoding keeps only the pixels: EXIF (GPS of phone photos) and anything appended
            # after the image are gone. Orientation is applied first so nothing looks rotated.
            bersih = ImageOps.exif_transpose(gambar)
            if format_ == "JPEG" and bersih.mode not in ("RGB", "L"):
                bersih = bersih.convert("RGB")
            keluar = io.BytesIO()
            simpan = {"quality": 90, "optimize": True} if format_ == "JPEG" else {"optimize": True}
            bersih.save(keluar, format=format_, **simpan)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError(
            _("The image is damaged or incomplete (perhaps cut off during upload). Scan it again."),
            code="rusak",
        ) from None
    data = keluar.getvalue()
    return BerkasBersih(data, jenis, ekstensi, hashlib.sha256(data).hexdigest())


def _pdf(isi: bytes) -> BerkasBersih:
    try:
        pdf = PdfReader(io.BytesIO(isi), strict=False)
        if pdf.is_encrypted:
            raise ValidationError(_("Password-protected PDFs cannot be accepted."), code="sandi")
        terlarang = _cari_nama_terlarang(pdf)
        len(pdf.pages)
    except (PdfReadError, ValueError, KeyError, TypeError, RecursionError):
        raise ValidationError(
            _("The PDF is damaged or incomplete. Save or scan it again."), code="rusak"
        ) from None
    if terlarang:
        raise ValidationError(
            _(
                "The PDF contains JavaScript, a launch action or embedded files, which are not "
                "accepted. Print it to a new PDF or scan the paper instead."
            ),
            code="pdf_aktif",
        )
    return BerkasBersih(isi, "application/pdf", ".pdf", hashlib.sha256(isi).hexdigest())


def _cari_nama_terlarang(pdf: PdfReader) -> bool:
    """Walk every object reachable from the trailer, looking for active content."""
    dilihat: set[tuple[int, int]] = set()
    antrean: list[object] = [pdf.trailer]
    while antrean:
        obj = antrean.pop()
        if isinstance(obj, IndirectObject):
            kunci = (obj.idnum, obj.generation)
            if kunci in dilihat:
                continue
            dilihat.add(kunci)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            for nama, nilai in obj.items():
                if nama in NAMA_PDF_TERLARANG:
                    return True
                if nama == "/S" and isinstance(nilai, NameObject) and nilai in NAMA_PDF_TERLARANG:
                    return True
                antrean.append(nilai)
        elif isinstance(obj, ArrayObject):
            antrean.extend(obj)
    return False
