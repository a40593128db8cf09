"""Reading an office's DTKS export (CSV or XLSX): which column is which, the rows as they
stream past, and each row cleaned and checked (Excel's damage to numbers, impossible NIKs)."""

from __future__ import annotations

import csv
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from layanan.loket.validators import POLA_NOTASI_ILMIAH, urai_nik

# Header names as offices' exports spell them, as _kunci reads them: lowercase, punctuation and a
# note in brackets dropped, and a leading "No."/"Nomor" too ("No. NIK", "Nomor NIK" are "nik").
SINONIM = {
    "nik": {
        "nik",
        "nonik",  # "NoNIK", no space to split at
        "nomornik",
        "nikart",
        "ktp",
        "noktp",
        "induk",
        "nomorinduk",
        "indukkependudukan",
        "nomorindukkependudukan",
        "niknomorindukkependudukan",
    },
    "nomor_kk": {
        "kk",
        "nokk",
        "nomorkk",
        "nikk",
        "nikkk",  # "NIK KK", "NIK_KK", "No. NIK KK": the family card's number
        "kartukeluarga",
        "nomorkartukeluarga",
    },
    "id_dtks": {"iddtks", "idart", "idbdt", "iddtsen", "idkeluarga"},
    "nama": {"nama", "namaart", "namalengkap", "namapenerima"},
    "alamat": {"alamat", "alamatlengkap"},
    "kelurahan": {
        "kelurahan",
        "desa",
        "desakelurahan",
        "kelurahandesa",
        "namakelurahan",
        "namadesa",
    },
    "desil": {"desil", "desilkesejahteraan", "peringkatdesil", "peringkat"},
    "program": {"program", "bansos", "bantuan", "programbansos"},
}
_AWALAN_NOMOR = {"no", "nomor", "nomer", "nmr", "nr", "num", "number"}
PROGRAM_KOLOM = {
    "pkh": "PKH",
    "bpnt": "BPNT",
    "sembako": "BPNT",
    "pbi": "PBI-JK",
    "pbijk": "PBI-JK",
    "pip": "PIP",
    "kip": "PIP",
    "blt": "BLT",
    "rutilahu": "RUTILAHU",
}
YA = {"1", "ya", "y", "true", "x", "v", "yes"}


class ImporGagal(Exception):
    """The whole file is refused; the message says why, in Indonesian."""


def _kunci(header: Any) -> str:
    """A header as compared: "No. NIK", "NOMOR NIK", "Nik (16 digit)" and "NIK" are one."""
    teks = unicodedata.normalize("NFKC", str(header or "")).lower()
    teks = re.sub(r"\(.*?\)|\[.*?\]", " ", teks)
    kata = re.findall(r"[a-z0-9]+", teks)
    if len(kata) > 1 and kata[0] in _AWALAN_NOMOR:
        kata = kata[1:]
    return "".join(kata)


def petakan_header(header: list[Any]) -> dict[str, int]:
    """Column positions by our field names; "program" also gathers yes/no programme columns."""
    peta: dict[str, int] = {}
    for i, h in enumerate(header):
        kunci = _kunci(h)
        for field, nama in SINONIM.items():
            if kunci in nama and field not in peta:
                peta[field] = i
    if "nik" not in peta:
        raise ImporGagal(
            _(
                "The file has no NIK column (looked for a header such as NIK, No. NIK, NIK_ART "
                "or No KTP). Its first row: %(header)s"
            )
            % {"header": ", ".join(str(h) for h in header if h not in (None, ""))[:300]}
        )
    return peta


def kolom_program(header: list[Any]) -> list[tuple[int, str]]:
    return [
        (i, PROGRAM_KOLOM[_kunci(h)]) for i, h in enumerate(header) if _kunci(h) in PROGRAM_KOLOM
    ]


# ---------------------------------------------------------------------------
# Reading CSV or XLSX as (line number, cells) rows
# ---------------------------------------------------------------------------
def baca_baris(path: Path) -> Iterator[tuple[int, list[Any]]]:
    with path.open("rb") as f:
        awal = f.read(65536)
    if not awal.strip():
        raise ImporGagal(_("The file is empty."))
    if awal.startswith(b"PK\x03\x04"):
        yield from _baca_xlsx(path)
    elif b"\x00" in awal:
        raise ImporGagal(_("The file is neither CSV nor XLSX."))
    else:
        yield from _baca_csv(path, awal)


def _baca_xlsx(path: Path) -> Iterator[tuple[int, list[Any]]]:
    from openpyxl import load_workbook

    try:
        buku = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ImporGagal(_("The XLSX file is damaged or cut off; export it again.")) from None
    try:
        for nomor, baris in enumerate(buku.active.iter_rows(values_only=True), start=1):
            yield nomor, list(baris)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise ImporGagal(_("The XLSX file is damaged or cut off; export it again.")) from None
    finally:
        buku.close()


def _baca_csv(path: Path, awal: bytes) -> Iterator[tuple[int, list[Any]]]:
    try:
        awal.decode("utf-8-sig")
        encoding = "utf-8-sig"
    except UnicodeDecodeError:
        encoding = "cp1252"  # Excel on Indonesian Windows saves CSV this way
    baris_pertama = awal.split(b"\n", 1)[0].decode(encoding, errors="replace")
    pemisah = max(",;\t|", key=baris_pertama.count)
    with path.open(encoding=encoding, newline="", errors="replace") as f:
        pembaca = csv.reader(f, delimiter=pemisah)
        try:
            for baris in pembaca:
                yield pembaca.line_num, baris
        except csv.Error as exc:
            raise ImporGagal(
                _("The CSV cannot be read near line %(n)s: %(e)s")
                % {"n": pembaca.line_num, "e": exc}
            ) from None
    with path.open("rb") as f:
        f.seek(-1, 2)
        tanpa_akhir_baris = f.read(1) not in (b"\n", b"\r")
    if tanpa_akhir_baris:
        # An export ends its last line; one that does not may have been cut off. The caller checks
        # the last row's width to tell a cut from a file merely saved without a final newline.
        yield -1, []


# ---------------------------------------------------------------------------
# Cleaning one row
# ---------------------------------------------------------------------------
def bersihkan_nik_excel(nilai: Any, nama: str = "NIK") -> str:
    """Undo what Excel does to ID numbers, or raise ValidationError with the damage named."""
    if type(nilai) is str and len(nilai) == 16 and nilai.isascii() and nilai.isdigit():
        return nilai  # the common case, a million times over: nothing to undo
    if isinstance(nilai, int | float) and not isinstance(nilai, bool):
        # A number cell holds 16 digits exactly only below 2**53; above that (the Papua
        # provinces' 9x codes), or with a fraction, digits were lost on the way in.
        if (isinstance(nilai, float) and not nilai.is_integer()) or abs(nilai) >= 2**53:
            raise ValidationError(
                _("%(nama)s damaged by Excel (stored as a number, digits lost)") % {"nama": nama}
            )
        nilai = int(nilai)
    teks = str(nilai if nilai is not None else "").strip().lstrip("'").strip()
    if POLA_NOTASI_ILMIAH.match(teks):
        raise ValidationError(
            _("%(nama)s damaged by Excel (scientific notation %(v)s)") % {"nama": nama, "v": teks}
        )
    teks = re.sub(r"[\s.\u00a0]", "", teks)
    if teks.isdigit() and len(teks) == 15:
        raise ValidationError(
            _("%(nama)s has 15 digits: one was lost (Excel, or a typo)") % {"nama": nama}
        )
    return teks


@cache
def _tanggal_nik_sah(ddmmyy: str) -> bool:
    """The birth-date digits of a NIK exist (cached: a registry repeats the same few thousand)."""
    try:
        urai_nik(f"110101{ddmmyy}0001")
    except ValidationError:
        return False
    return True


def nik_registri(nilai: Any) -> str:
    """A registry NIK: quick when it is plainly valid, urai_nik's exact reason when it is not."""
    teks = nilai if type(nilai) is str else bersihkan_nik_excel(nilai)
    if not (len(teks) == 16 and teks.isascii() and teks.isdigit()):
        teks = bersihkan_nik_excel(teks)
    if (
        len(teks) == 16
        and teks.isascii()
        and teks.isdigit()
        and teks[:2] != "00"
        and teks[:6] != "000000"
        and teks[12:] != "0000"
        and _tanggal_nik_sah(teks[6:12])
    ):
        return teks
    return urai_nik(teks).nik


class PembersihBaris:
    """Turns a row of cells into the registry's values; built once per file from its header.

    It runs a million times per import, so it is written for speed: one pass, no helpers for
    the common case (clean strings), the careful paths only when a cell needs them.
    """

    def __init__(self, header: list[Any]):
        peta = petakan_header(header)
        self.i_nik = peta["nik"]
        self.i_lain = [
            peta.get(f)
            for f in ("nomor_kk", "id_dtks", "nama", "alamat", "kelurahan", "desil", "program")
        ]
        self.program_kolom = kolom_program(header)

    def __call__(self, sel: list[Any]) -> tuple[tuple[Any, ...], int]:
        """(values in KOLOM_TABEL order without impor_id, the NIK as an int for duplicates)."""
        n = len(sel)
        kk, id_dtks, nama, alamat, kelurahan, desil, program = [
            ""
            if i is None or i >= n or sel[i] is None
            else (sel[i] if type(sel[i]) is str else str(sel[i])).strip()
            for i in self.i_lain
        ]
        nik = nik_registri(sel[self.i_nik])
        if kk:
            kk = bersihkan_nik_excel(kk, "KK")
            if not (len(kk) == 16 and kk.isdigit()):
                raise ValidationError(_("KK must have 16 digits"))
        if program or self.program_kolom:
            program = self._program(sel, program)
        nilai = (
            nik,
            kk,
            id_dtks[:40],
            nama[:150],
            alamat[:255],
            kelurahan[:100],
            _desil(desil) if desil else None,
            program,
        )
        return nilai, int(nik)

    def _program(self, sel: list[Any], teks: str) -> str:
        if ";" in teks or "/" in teks:
            teks = teks.replace(";", ",").replace("/", ",")
        program = [p.strip().upper() for p in teks.split(",") if p.strip()] if teks else []
        for i, nama in self.program_kolom:
            if i < len(sel) and str(sel[i] or "").strip().lower() in YA and nama not in program:
                program.append(nama)
        return ",".join(program)[:255]


def _teks(nilai: Any, panjang: int) -> str:
    return "" if nilai is None else str(nilai).strip()[:panjang]


def _desil(nilai: Any) -> int | None:
    teks = _teks(nilai, 5)
    if not teks:
        return None
    try:
        desil = int(float(teks))
    except ValueError:
        desil = 0
    if not 1 <= desil <= 10:
        raise ValidationError(_("desil '%(v)s' is not a number 1–10") % {"v": teks})
    return desil
