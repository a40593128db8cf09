"""Spreadsheet exports: the one CSV writer downloads go through, every cell safe to open.

A cell starting with =, +, -, @, a tab or a carriage return is a formula to Excel and LibreOffice
(`=HYPERLINK(...)` sends data away when clicked, DDE starts programs). OWASP's advice, followed
here: such a cell gets a leading single quote, which the spreadsheet shows as text. Every cell is
written as text, so a negative number comes out as '-5 too; the exports hold none.
tests/test_ekspor.py scans the code so that no export writes CSV any other way.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any, Protocol, TypeVar, cast

from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

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


def _unduhan(response: _Respons, nama_berkas: str) -> _Respons:
    # Never None for an attachment; escapes a name that is not plain ASCII.
    response["Content-Disposition"] = cast(str, content_disposition_header(True, nama_berkas))
    patch_cache_control(response, no_store=True, private=True)
    return response
