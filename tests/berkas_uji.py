"""Small real files for upload tests: valid scans and the bad inputs the issue lists."""

from __future__ import annotations

import io

from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject


def png(ukuran: tuple[int, int] = (60, 40)) -> bytes:
    keluar = io.BytesIO()
    Image.new("RGB", ukuran, (200, 220, 240)).save(keluar, "PNG")
    return keluar.getvalue()


def jpeg_dengan_gps() -> bytes:
    """A phone photo: EXIF with a GPS block, and junk appended after the image."""
    gambar = Image.new("RGB", (80, 60), (120, 160, 90))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "S", 2: (7.0, 15.0, 0.0), 3: "E", 4: (112.0, 10.0, 0.0)}
    keluar = io.BytesIO()
    gambar.save(keluar, "JPEG", exif=exif)
    return keluar.getvalue() + b"<?php system($_GET['c']); ?>"


def pdf(aksi: str | None = None) -> bytes:
    penulis = PdfWriter()
    penulis.add_blank_page(width=200, height=200)
    if aksi == "javascript":
        penulis._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert('hai');"),
            }
        )
    elif aksi == "launch":
        penulis._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {
                NameObject("/S"): NameObject("/Launch"),
                NameObject("/F"): TextStringObject("calc.exe"),
            }
        )
    elif aksi == "embedded":
        penulis.add_attachment("rahasia.txt", b"isi")
    keluar = io.BytesIO()
    penulis.write(keluar)
    return keluar.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML_BERNAMA_PDF = b"<!DOCTYPE html><html><body>bukan pdf</body></html>"
