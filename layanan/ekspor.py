"""Spreadsheet exports: the one CSV and the one XLSX writer downloads go through, every cell safe
to open.

A cell starting with =, +, -, @, a tab or a carriage return is a formula to Excel and LibreOffice
(`=HYPERLINK(...)` sends data away when clicked, DDE starts programs). OWASP's advice, followed
here: such a cell gets a leading single quote, which the spreadsheet shows as text. Every cell is
written as text, so a negative number comes out as '-5 too; the exports hold none. In an XLSX
sheet a text cell is also typed as text (never a formula), and only whole numbers and dates keep
their own type, so a register can be sorted by date.
tests/test_ekspor.py scans the code so that no export writes CSV or XLSX any other way.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import IO, Any, Protocol, TypeVar, cast

from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

PEMICU_RUMUS = ("=", "+", "-", "@", "\t", "\r")

_Respons = TypeVar("_Respons", bound=HttpResponseBase)


class _BisaDitulis(Protocol):
    def write(self, teks: str, /) -> Any: ...


def sel_aman(nilai: object) -> str:
    """The cell as text, with a leading ' if a spreadsheet would read it as a formula."""
    teks = "" if nilai is None else str(nilai)
    return "'" + teks if teks.startswith(PEMICU_RUMUS) else teks


class PenulisCsv:
    """`csv.writer` whose every cell goes through `sel_aman`."""

    def __init__(self, berkas: _BisaDitulis) -> None:
        self._csv = csv.writer(berkas)

    def writerow(self, baris: Iterable[object]) -> None:
        self._csv.writerow([sel_aman(nilai) for nilai in baris])

    def writerows(self, daftar: Iterable[Iterable[object]]) -> None:
        for baris in daftar:
            self.writerow(baris)


def respons_csv(nama_berkas: str, baris: Iterable[Iterable[object]]) -> HttpResponse:
    """A CSV download: UTF-8 with a BOM (Excel reads UTF-8 only with one), an attachment, never
    kept by a browser or a proxy.

    Written whole before it is sent: a streamed export that fails halfway would reach the user as
    a complete-looking file missing its last rows.
    """
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")
    PenulisCsv(response).writerows(baris)
    return _unduhan(response, nama_berkas)


def respons_berkas_csv(nama_berkas: str, berkas: IO[bytes]) -> FileResponse:
    """A CSV written earlier with `PenulisCsv` and stored (an import's rejected rows)."""
    response = FileResponse(berkas, content_type="text/csv; charset=utf-8")
    return _unduhan(response, nama_berkas)


JENIS_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LEBAR_KOLOM_XLSX = 22


def respons_xlsx(
    nama_berkas: str, judul: str, kepala: Sequence[object], baris: Iterable[Iterable[object]]
) -> HttpResponse:
    """An XLSX download of one sheet: a bold header row that stays in view, then the rows.

    Written in openpyxl's write-only mode (a year of an office's register fits in little
    memory) and whole before it is sent, as the CSV is.
    """
    buku = Workbook(write_only=True)
    lembar = buku.create_sheet(title=judul[:31])  # Excel's limit for a sheet's name
    for i in range(1, len(kepala) + 1):
        lembar.column_dimensions[get_column_letter(i)].width = LEBAR_KOLOM_XLSX
    lembar.freeze_panes = "A2"
    tebal = Font(bold=True)
    lembar.append([_sel_xlsx(lembar, nilai, font=tebal) for nilai in kepala])
    for b in baris:
        lembar.append([_sel_xlsx(lembar, nilai) for nilai in b])
    isi = io.BytesIO()
    buku.save(isi)
    return _unduhan(HttpResponse(isi.getvalue(), content_type=JENIS_XLSX), nama_berkas)


FORMAT_TABEL = ("csv", "xlsx")


def respons_tabel(
    format: str,
    nama_dasar: str,
    judul: str,
    kepala: Sequence[object],
    baris: Iterable[Iterable[object]],
) -> HttpResponse:
    """One table as the download asked for: `csv` or `xlsx` (anything else is a caller's bug)."""
    if format == "csv":
        return respons_csv(f"{nama_dasar}.csv", [kepala, *baris])
    if format == "xlsx":
        return respons_xlsx(f"{nama_dasar}.xlsx", judul, kepala, baris)
    raise ValueError(format)


def _sel_xlsx(lembar: WriteOnlyWorksheet, nilai: object, font: Font | None = None) -> WriteOnlyCell:
    if isinstance(nilai, dt.datetime):
        # A spreadsheet has no time zones: the office's local time, as the page shows it.
        lokal = timezone.localtime(nilai) if timezone.is_aware(nilai) else nilai
        sel = WriteOnlyCell(lembar, value=lokal.replace(tzinfo=None))
        sel.number_format = "dd/mm/yyyy hh:mm"
    elif isinstance(nilai, dt.date):
        sel = WriteOnlyCell(lembar, value=nilai)
        sel.number_format = "dd/mm/yyyy"
    elif isinstance(nilai, int) and not isinstance(nilai, bool):
        sel = WriteOnlyCell(lembar, value=nilai)
    else:
        # Control characters are removed first (openpyxl refuses them, and one in front of a
        # "=" would hide the formula from sel_aman), then the text is neutralised and typed as
        # text, so no spreadsheet reads it as a formula.
        teks = ILLEGAL_CHARACTERS_RE.sub("", "" if nilai is None else str(nilai))
        sel = WriteOnlyCell(lembar, value=sel_aman(teks))
        sel.data_type = "s"
    if font is not None:
        sel.font = font
    return sel


def _unduhan(response: _Respons, nama_berkas: str) -> _Respons:
    # Never None for an attachment; escapes a name that is not plain ASCII.
    response["Content-Disposition"] = cast(str, content_disposition_header(True, nama_berkas))
    patch_cache_control(response, no_store=True, private=True)
    return response
