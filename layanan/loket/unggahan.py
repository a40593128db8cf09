"""Checks an uploaded scan by its content and cleans it: PDF, JPEG or PNG, nothing else."""

from __future__ import annotations

import hashlib
import io
import re
import warnings
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
)

# ---------------------------------------------------------------------------
# Active PDF content
#
# A scan (or a letter saved from Word) is pages, images, fonts and at most a link the reader
# clicks. It has no reason to run a script, act by itself when opened, start a program, reach
# another file or a network share, send form data or play media, so all of that is refused:
# - a name of NAMA_PDF_TERLARANG anywhere, as a dictionary key or as an action type (/S);
# - any action in an action position (/OpenAction, /A, /Next) whose type is not a harmless
#   jump (AKSI_PDF_BOLEH); /AA (actions run on open, close, focus, page view...) is refused whole;
# - the only exception: a /URI action as the /A of a /Link annotation, pointing to a web or mail
#   address (SKEMA_TAUTAN_BOLEH). The reader clicks it, and an office letter exported from Word
#   carries its e-mail and website that way. file:, UNC paths (\\host\share leaks the Windows
#   password hash) and anything else are refused, and so is /URI on open, in /AA or in /Next.
# pypdf decodes escaped names (/J#61vaScript is /JavaScript) when it parses. It sees the last
# revision only, so every earlier revision (each %%EOF of an incrementally updated file) is
# parsed and walked too, and every object the cross-reference tables list, referenced or not,
# object streams included. Finally the raw bytes are read as PDF tokens (strings, comments and
# stream data skipped, object streams inflated), names decoded, for what a damaged or hand-made
# file might hide from the parser.
# ---------------------------------------------------------------------------
SKRIP = "skrip"
LAMPIRAN = "lampiran"
OTOMATIS = "otomatis"
TINDAKAN = "tindakan"

NAMA_PDF_TERLARANG = {
    "/JavaScript": SKRIP,
    "/JS": SKRIP,
    "/XFA": SKRIP,  # an XFA form is XML with its own <script>; a scan has none
    "/EmbeddedFile": LAMPIRAN,
    "/EmbeddedFiles": LAMPIRAN,
    "/RichMedia": LAMPIRAN,
    "/RichMediaExecute": LAMPIRAN,
    "/AA": OTOMATIS,
    "/Launch": TINDAKAN,
    "/SubmitForm": TINDAKAN,
    "/ResetForm": TINDAKAN,
    "/ImportData": TINDAKAN,
    "/GoToR": TINDAKAN,
    "/GoToE": TINDAKAN,
    "/GoTo3DView": TINDAKAN,
    "/Rendition": TINDAKAN,
    "/Sound": TINDAKAN,
    "/Movie": TINDAKAN,
    "/Hide": TINDAKAN,
    "/SetOCGState": TINDAKAN,
}
AKSI_PDF_BOLEH = {"/GoTo", "/Trans", "/Thread"}  # a jump inside the file, a page transition
SKEMA_TAUTAN_BOLEH = {"http", "https", "mailto"}
MAKS_REVISI_PDF = 20  # a scan has one; a letter signed by three officials with LTV, about six
# Objects read over all revisions: a 100-page scan has a few hundred, a long tagged document a
# few thousand. pypdf reads about 15,000 a second, so this bounds the check to a few seconds.
MAKS_OBJEK_PDF = 50_000

PESAN_PDF_AKTIF = {
    SKRIP: gettext_lazy(
        "The PDF contains a script (JavaScript or an XFA form), which is not accepted. "
        "Print it to a new PDF or scan the paper instead."
    ),
    OTOMATIS: gettext_lazy(
        "The PDF runs an action by itself when it is opened or viewed (opening a web address, "
        "another file or a network folder, sending data...), which is not accepted. "
        "Print it to a new PDF or scan the paper instead."
    ),
    TINDAKAN: gettext_lazy(
        "The PDF contains a link or button that starts a program, opens another file or a "
        "network folder, sends data or plays media, which is not accepted. "
        "Print it to a new PDF or scan the paper instead."
    ),
    LAMPIRAN: gettext_lazy(
        "The PDF carries embedded files or media, which are not accepted. "
        "Print it to a new PDF or scan the paper instead."
    ),
}
# What pypdf raises on a file it cannot read (its limits on huge objects included).
_GALAT_PDF = (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError)


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
        with _pillow_ketat(), Image.open(io.BytesIO(isi)) as gambar:
            if gambar.format != format_:
                raise ValidationError(
                    _("The image is damaged or not what it claims to be."), code="rusak"
                )
            _periksa_piksel(gambar.size)  # open() read the header only; nothing is decoded yet
            gambar.load()  # a truncated file fails here
            # Re-encoding keeps only the pixels: EXIF (GPS of phone photos) and anything appended
            # after the image are gone. Orientation is applied first so nothing looks rotated.
            bersih = ImageOps.exif_transpose(gambar)
            if format_ == "JPEG" and bersih.mode not in ("RGB", "L"):
                bersih = bersih.convert("RGB")
            keluar = io.BytesIO()
            simpan = {"quality": 90, "optimize": True} if format_ == "JPEG" else {"optimize": True}
            bersih.save(keluar, format=format_, **simpan)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise _terlalu_besar() from None
    # ValueError: a compressed text chunk larger than Pillow allows.
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("The image is damaged or incomplete (perhaps cut off during upload). Scan it again."),
            code="rusak",
        ) from None
    data = keluar.getvalue()
    return BerkasBersih(data, jenis, ekstensi, hashlib.sha256(data).hexdigest())


@contextmanager
def _pillow_ketat() -> Iterator[None]:
    """Pillow as strict as a check must be: a cut-off file and a bomb warning are errors.

    Pillow only warns about an image above Image.MAX_IMAGE_PIXELS (89 Mpx; it refuses at twice
    that). WeasyPrint, once imported, lets Pillow fill a cut-off image with grey for the whole
    process (ImageFile.LOAD_TRUNCATED_IMAGES); a scan cut off during upload must fail instead.
    Both switches are process-wide and restored on the way out; a web worker runs one request
    at a time.
    """
    sebelumnya = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = sebelumnya


def _periksa_piksel(ukuran: tuple[int, int]) -> None:
    """A small file can unpack to gigabytes: 10,950 x 10,950 pixels take ~0.9 GB from 455 KB."""
    lebar, tinggi = ukuran
    if lebar * tinggi > settings.DINSOS_MAKS_PIKSEL_GAMBAR:
        raise _terlalu_besar()


def _terlalu_besar() -> ValidationError:
    return ValidationError(
        _(
            "The image is too large: more than %(piksel)s pixels (width × height). Scan it at a "
            "lower resolution (300 dpi is plenty) and try again."
        )
        % {"piksel": number_format(settings.DINSOS_MAKS_PIKSEL_GAMBAR, force_grouping=True)},
        code="piksel",
    )


def _pdf(isi: bytes) -> BerkasBersih:
    alasan_mentah, akhir_revisi = _alasan_pdf_mentah(isi)
    try:
        pdf = PdfReader(io.BytesIO(isi), strict=False)
        if pdf.is_encrypted:
            raise ValidationError(_("Password-protected PDFs cannot be accepted."), code="sandi")
        len(pdf.pages)
        # Every revision is walked whole: bound the work before starting it.
        revisi = max(len(akhir_revisi), 1)
        if revisi > MAKS_REVISI_PDF or revisi * _jumlah_objek(pdf) > MAKS_OBJEK_PDF:
            raise ValidationError(
                _(
                    "The PDF has too many parts or revisions to be checked. Print it to a new "
                    "PDF or scan the paper instead."
                ),
                code="pdf_rumit",
            )
        alasan = (
            _alasan_pdf_terstruktur(pdf) or alasan_mentah or _alasan_revisi_lama(isi, akhir_revisi)
        )
    except _GALAT_PDF:
        raise ValidationError(
            _("The PDF is damaged or incomplete. Save or scan it again."), code="rusak"
        ) from None
    if alasan is not None:
        raise ValidationError(PESAN_PDF_AKTIF[alasan], code="pdf_aktif", params={"alasan": alasan})
    return BerkasBersih(isi, "application/pdf", ".pdf", hashlib.sha256(isi).hexdigest())


def _jumlah_objek(pdf: PdfReader) -> int:
    return sum(len(nomor) for nomor in pdf.xref.values()) + len(pdf.xref_objStm)


def _alasan_revisi_lama(isi: bytes, akhir_revisi: list[int]) -> str | None:
    """Each earlier revision, as a reader showing "the signed version" would open it."""
    for akhir in akhir_revisi:
        if not isi[akhir:].strip():
            continue  # the last revision, already walked
        try:
            alasan = _alasan_pdf_terstruktur(PdfReader(io.BytesIO(isi[:akhir]), strict=False))
        except _GALAT_PDF:
            # Not a revision pypdf can open (the first-page section of a linearised file is
            # one); the raw scan has read its bytes.
            continue
        if alasan is not None:
            return alasan
    return None


def _alasan_pdf_terstruktur(pdf: PdfReader) -> str | None:
    """Walk every object reachable from the trailer or listed in the cross-reference tables.

    Each object is paired with the context it was reached in ("buka" for /OpenAction, "aksi" for
    /A and /Next, "tautan" for a link's /A, "" otherwise), because one action object may be
    referenced from several places and each must be judged.
    """
    # The trailer last, so it is walked first (the list is a stack) and an action reached from
    # /OpenAction is named as such.
    antrean: list[tuple[object, str]] = [(ref, "") for ref in _objek_terdaftar(pdf)]
    antrean.append((pdf.trailer, ""))
    dilihat: set[tuple[int, int, str]] = set()
    while antrean:
        obj, konteks = antrean.pop()
        if isinstance(obj, IndirectObject):
            kunci = (obj.idnum, obj.generation, konteks)
            if kunci in dilihat:
                continue
            dilihat.add(kunci)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            alasan = _alasan_kamus(obj, konteks)
            if alasan is not None:
                return alasan
            tautan = obj.get("/Subtype") == "/Link"
            antrean.extend((nilai, _konteks(nama, konteks, tautan)) for nama, nilai in obj.items())
        elif isinstance(obj, ArrayObject):
            # An array keeps its context: /Next may list several actions.
            antrean.extend((nilai, konteks) for nilai in obj)
    return None


def _objek_terdaftar(pdf: PdfReader) -> Iterator[IndirectObject]:
    """Every object the cross-reference tables list and pypdf can read, referenced or not."""
    nomor = [(idnum, gen) for gen, isi in pdf.xref.items() for idnum in isi]
    nomor += [(idnum, 0) for idnum in pdf.xref_objStm]
    for idnum, gen in nomor:
        ref = IndirectObject(idnum, gen, pdf)
        try:
            ref.get_object()
        except _GALAT_PDF:
            continue  # an unreadable leftover nobody references; the raw scan reads its bytes
        yield ref


def _konteks(nama: str, konteks_induk: str, tautan: bool) -> str:
    if nama == "/OpenAction":
        return "buka"
    if nama == "/A":
        return "tautan" if tautan else "aksi"
    if nama == "/Next":
        return "buka" if konteks_induk == "buka" else "aksi"
    return ""


def _alasan_kamus(obj: DictionaryObject, konteks: str) -> str | None:
    for nama in obj:
        if nama in NAMA_PDF_TERLARANG:
            return NAMA_PDF_TERLARANG[nama]
    jenis = obj.get("/S")
    if not isinstance(jenis, NameObject):
        return None  # not an action (a page in a destination array, say)
    terlarang = NAMA_PDF_TERLARANG.get(jenis)
    if terlarang in (SKRIP, LAMPIRAN):
        return terlarang
    if konteks == "buka" and jenis not in AKSI_PDF_BOLEH:
        return OTOMATIS
    if terlarang is not None:
        return terlarang
    if not konteks or jenis in AKSI_PDF_BOLEH:
        return None  # outside an action position /S is a style, a role, a transition...
    if jenis == "/URI" and konteks == "tautan" and _uri_web(obj.get("/URI")):
        return None
    return TINDAKAN


def _uri_web(uri: object) -> bool:
    """A web or mail address; readers ignore leading blanks and control characters."""
    if isinstance(uri, ByteStringObject):
        uri = bytes(uri).decode("latin-1")
    if not isinstance(uri, str):
        return False
    skema = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", uri.lstrip("\x00\t\n\x0c\r "))
    return skema is not None and skema.group(1).lower() in SKEMA_TAUTAN_BOLEH


# Raw tokens: comments (%%EOF among them), dictionary brackets, hex strings, names, the start of
# a literal string, the word obj and the start of stream data.
_TOKEN = re.compile(
    rb"(?P<komentar>%[^\r\n]*)"
    rb"|<<|>>"
    rb"|<[0-9A-Fa-f\s]*>"
    rb"|(?P<nama>/[^\x00\t\n\x0c\r ()<>\[\]{}/%]*)"
    rb"|(?P<string>\()"
    rb"|(?P<obj>\bobj\b)"
    rb"|(?P<stream>\bstream(?:\r\n|\n|\r))"
)
_DALAM_STRING = re.compile(rb"\\.|[()]", re.S)
_ESCAPE_NAMA = re.compile(rb"#([0-9A-Fa-f]{2})")
_TERLARANG_MENTAH = {nama.encode("latin-1"): alasan for nama, alasan in NAMA_PDF_TERLARANG.items()}
_MAKS_OBJSTM = 64 * 1024 * 1024  # inflated bytes of object streams read in the raw scan


def _alasan_pdf_mentah(isi: bytes, *, dalam_objstm: bool = False) -> tuple[str | None, list[int]]:
    """A forbidden name in the raw bytes, and where each %%EOF ends (one per revision)."""
    akhir_revisi: list[int] = []
    nama_objek: set[bytes] = set()  # names since the last "obj": the dictionary before a stream
    i = 0
    while (m := _TOKEN.search(isi, i)) is not None:
        i, jenis = m.end(), m.lastgroup
        if jenis == "nama":
            nama = m.group()
            if b"#" in nama:
                nama = _ESCAPE_NAMA.sub(lambda e: bytes([int(e.group(1), 16)]), nama)
            if nama in _TERLARANG_MENTAH:
                return _TERLARANG_MENTAH[nama], akhir_revisi
            nama_objek.add(nama)
        elif jenis == "string":
            i = _akhir_string(isi, i)
        elif jenis == "komentar" and m.group().startswith(b"%%EOF"):
            akhir_revisi.append(i)
        elif jenis == "obj":
            nama_objek = set()
        elif jenis == "stream":
            akhir = isi.find(b"endstream", i)
            akhir = len(isi) if akhir < 0 else akhir
            if not dalam_objstm and {b"/ObjStm", b"/FlateDecode"} <= nama_objek:
                alasan, _eof = _alasan_pdf_mentah(_inflate(isi[i:akhir]), dalam_objstm=True)
                if alasan is not None:
                    return alasan, akhir_revisi
            i = akhir + len(b"endstream")
    return None, akhir_revisi


def _akhir_string(isi: bytes, i: int) -> int:
    """Where a literal string opened just before i ends: parentheses nest, backslash escapes."""
    kedalaman = 1
    for m in _DALAM_STRING.finditer(isi, i):
        if m.group() == b"(":
            kedalaman += 1
        elif m.group() == b")":
            kedalaman -= 1
            if kedalaman == 0:
                return m.end()
    return len(isi)


def _inflate(data: bytes) -> bytes:
    try:
        return zlib.decompressobj().decompress(data, _MAKS_OBJSTM)
    except zlib.error:
        return b""
