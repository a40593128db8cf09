"""What a tagged PDF/A-3a document claims about itself, read back with pypdf (veraPDF, the
reference validator, cannot be installed here: see STACK.md): the XMP conformance, the structure
tree and its language, the title, the fonts embedded, the images' alternative text, and — for a
signed letter — annotations PDF/A accepts."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

CETAK = 4  # annotation flag "Print"; Hidden (2), NoView (32) and Invisible (1) are refused


def _struktur(simpul, temu: list[DictionaryObject]) -> None:
    simpul = simpul.get_object()
    if isinstance(simpul, ArrayObject):
        for anak in simpul:
            _struktur(anak, temu)
        return
    if not isinstance(simpul, DictionaryObject):
        return  # a marked-content id
    if "/S" in simpul:
        temu.append(simpul)
    if "/K" in simpul:
        _struktur(simpul["/K"], temu)


def _font_tertanam(font: DictionaryObject) -> bool:
    font = font.get_object()
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    deskriptor = font.get("/FontDescriptor")
    if deskriptor is None:
        return False
    deskriptor = deskriptor.get_object()
    return any(k in deskriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def masalah_arsip(isi: bytes) -> list[str]:
    """Every way the document falls short of tagged PDF/A-3a; empty when it does not."""
    r = PdfReader(io.BytesIO(isi))
    akar = r.trailer["/Root"].get_object()
    masalah = []
    xmp = akar["/Metadata"].get_object().get_data().decode() if "/Metadata" in akar else ""
    if not re.search(r'pdfaid:part(="|>)3', xmp) or not re.search(
        r'pdfaid:conformance(="|>)A', xmp
    ):
        masalah.append("XMP does not claim PDF/A-3a")
    if "/OutputIntents" not in akar:
        masalah.append("no output intent")
    if not akar.get("/MarkInfo", {}).get("/Marked"):
        masalah.append("not marked as tagged")
    if not str(akar.get("/Lang", "")).startswith("id"):
        masalah.append(f"language is {akar.get('/Lang')!r}, not id")
    if not (r.metadata and (r.metadata.title or "").strip()):
        masalah.append("no title")
    if "/StructTreeRoot" not in akar:
        return [*masalah, "no structure tree"]
    unsur: list[DictionaryObject] = []
    _struktur(akar["/StructTreeRoot"], unsur)
    jenis = {str(u["/S"]) for u in unsur}
    if not jenis & {"/H1", "/H"}:
        masalah.append("no heading in the structure tree")
    for u in unsur:
        if u["/S"] == "/Figure" and not str(u.get("/Alt", "")).strip():
            masalah.append("a figure without alternative text")
    for nomor, halaman in enumerate(r.pages, 1):
        fonts = halaman.get("/Resources", {}).get("/Font", {})
        for nama, font in fonts.items():
            if not _font_tertanam(font):
                masalah.append(f"font {nama} on page {nomor} not embedded")
        for annot in halaman.get("/Annots", []) or []:
            annot = annot.get_object()
            flag = int(annot.get("/F", 0))
            if annot.get("/Subtype") != "/Popup" and (not flag & CETAK or flag & (1 | 2 | 32)):
                masalah.append(f"annotation {annot.get('/Subtype')} flags {flag}")
    return masalah


def jenis_struktur(isi: bytes) -> set[str]:
    akar = PdfReader(io.BytesIO(isi)).trailer["/Root"].get_object()
    unsur: list[DictionaryObject] = []
    _struktur(akar["/StructTreeRoot"], unsur)
    return {str(u["/S"]) for u in unsur}
