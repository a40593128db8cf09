"""Small real files for upload tests: valid scans and the bad inputs the issue lists."""

from __future__ import annotations

import io
import struct
import zlib

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


# ---------------------------------------------------------------------------
# Hand-written PDFs, byte by byte, for what pypdf's writer would not produce
# ---------------------------------------------------------------------------
KATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
HALAMAN = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"


def objek_dasar(
    katalog: bytes = KATALOG, halaman: bytes = HALAMAN, **lain: bytes
) -> dict[int, bytes]:
    """Catalog 1, pages 2, page 3, and any further objects given as o4=..., o5=..."""
    objek = {1: katalog, 2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", 3: halaman}
    objek.update({int(k[1:]): v for k, v in lain.items()})
    return objek


def pdf_mentah(*revisi: dict[int, bytes], objstm: str = "", sisipan: bytes = b"") -> bytes:
    """A PDF from object bodies by number, root 1. Each revision after the first is an
    incremental update (objects appended, a new cross-reference section with /Prev).
    objstm ("flate" or "hex"): the first revision's objects sit in an object stream with that
    filter, listed by a cross-reference stream (PDF 1.5). sisipan: bytes put before the first revision's
    cross-reference, listed nowhere (an orphan object)."""
    keluar = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    ukuran = max(max(o) for o in revisi) + 1
    sebelumnya: int | None = None
    for i, objek in enumerate(revisi):
        if i == 0 and objstm:
            sebelumnya = _revisi_objstm(keluar, objek, ukuran, sisipan, objstm)
            ukuran += 2
            continue
        letak = {}
        for nomor, isi in objek.items():
            letak[nomor] = len(keluar)
            keluar += b"%d 0 obj\n%s\nendobj\n" % (nomor, isi)
        if i == 0:
            keluar += sisipan
        xref = len(keluar)
        keluar += b"xref\n"
        if i == 0:
            keluar += b"0 1\n0000000000 65535 f \n"
        for nomor, posisi in sorted(letak.items()):
            keluar += b"%d 1\n%010d 00000 n \n" % (nomor, posisi)
        prev = b"" if sebelumnya is None else b" /Prev %d" % sebelumnya
        keluar += b"trailer\n<< /Size %d /Root 1 0 R%s >>\n" % (ukuran, prev)
        keluar += b"startxref\n%d\n%%%%EOF\n" % xref
        sebelumnya = xref
    return bytes(keluar)


def _revisi_objstm(
    keluar: bytearray, objek: dict[int, bytes], ukuran: int, sisipan: bytes, filter_: str
) -> int:
    nomor_stm, nomor_xref = ukuran, ukuran + 1
    kepala, badan = b"", b""
    for nomor, isi in objek.items():
        kepala += b"%d %d " % (nomor, len(badan))
        badan += isi + b"\n"
    if filter_ == "hex":
        data, nama_filter = (kepala + badan).hex().encode() + b">", b"/ASCIIHexDecode"
    else:
        data, nama_filter = zlib.compress(kepala + badan), b"/FlateDecode"
    posisi_stm = len(keluar)
    keluar += b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter %s /Length %d >>\n" % (
        nomor_stm,
        len(objek),
        len(kepala),
        nama_filter,
        len(data),
    )
    keluar += b"stream\n" + data + b"\nendstream\nendobj\n" + sisipan
    posisi_xref = len(keluar)
    baris = [b"\x00\x00\x00\x00\x00\xff\xff"]
    letak = {n: i for i, n in enumerate(objek)}
    for nomor in range(1, nomor_xref + 1):
        if nomor in letak:
            baris.append(b"\x02" + nomor_stm.to_bytes(4, "big") + letak[nomor].to_bytes(2, "big"))
        elif nomor == nomor_stm:
            baris.append(b"\x01" + posisi_stm.to_bytes(4, "big") + b"\x00\x00")
        elif nomor == nomor_xref:
            baris.append(b"\x01" + posisi_xref.to_bytes(4, "big") + b"\x00\x00")
        else:
            baris.append(b"\x00" * 7)
    tabel = b"".join(baris)
    keluar += (
        b"%d 0 obj\n<< /Type /XRef /Size %d /Root 1 0 R /W [1 4 2] /Length %d >>\nstream\n"
        % (nomor_xref, nomor_xref + 1, len(tabel))
    )
    keluar += tabel + b"\nendstream\nendobj\n"
    keluar += b"startxref\n%d\n%%%%EOF\n" % posisi_xref
    return posisi_xref


def png_bom(lebar: int = 10_950, tinggi: int = 10_950, sisipan: bytes = b"") -> bytes:
    """A decompression bomb: a 1-bit PNG of all-zero rows, written chunk by chunk with zlib, a
    few KB that unpack to lebar x tinggi pixels (Pillow would decode it to a byte per pixel).
    sisipan: extra chunks before the image data."""
    baris = b"\x00" * ((lebar + 7) // 8 + 1)  # filter byte, then the packed bits
    z = zlib.compressobj(9)
    data = b"".join(z.compress(baris) for _i in range(tinggi)) + z.flush()
    kepala = struct.pack(">IIBBBBB", lebar, tinggi, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + potongan_png(b"IHDR", kepala)
        + sisipan
        + potongan_png(b"IDAT", data)
        + potongan_png(b"IEND", b"")
    )


def potongan_png(jenis: bytes, isi: bytes) -> bytes:
    return struct.pack(">I", len(isi)) + jenis + isi + struct.pack(">I", zlib.crc32(jenis + isi))


def jpeg_raksasa() -> bytes:
    """A small JPEG whose frame header claims 60,000 x 60,000 pixels."""
    keluar = io.BytesIO()
    Image.new("RGB", (16, 16), (90, 90, 90)).save(keluar, "JPEG")
    isi = bytearray(keluar.getvalue())
    sof = isi.index(b"\xff\xc0")  # baseline frame: length, precision, height, width
    isi[sof + 5 : sof + 9] = struct.pack(">HH", 60_000, 60_000)
    return bytes(isi)
