"""Turns a template and its context into PDF bytes with WeasyPrint, fetching only our own files.

Templates refer to files as `dinsos:/static/<path>` (the project's static files) or
`dinsos:/media/logo/<name>` (office logos). Every other URL, `file:` and `http:` included, is
refused, so a value placed into a letter cannot make WeasyPrint read the disk or the network.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

SKEMA = "dinsos:/"
# Every document the product issues is tagged PDF/A-3a: an archival file (fonts embedded, colour
# defined, XMP metadata) whose structure tree gives headings, reading order, table cells, the
# language (`<html lang="id">`) and the images' alternative text to a screen reader. A letter's
# PAdES signature is an incremental update on top, so the signed bytes stay conformant.
VARIAN_PDF = "pdf/a-3a"


class PengambilTerbatas(URLFetcher):
    def __init__(self) -> None:
        super().__init__(allowed_protocols=["dinsos", "data"], fail_on_errors=False)

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        isi = _isi_lokal(url)
        if isi is None:
            raise ValueError(f"URL not allowed in a PDF: {url[:80]}")
        jenis = mimetypes.guess_type(url)[0] or "application/octet-stream"
        return URLFetcherResponse(url, isi, {"Content-Type": jenis})


def _isi_lokal(url: str) -> bytes | None:
    if not url.startswith(SKEMA):
        return None
    relatif = url.removeprefix(SKEMA)
    if ".." in Path(relatif).parts:
        return None
    if relatif.startswith("static/"):
        ditemukan = finders.find(relatif.removeprefix("static/"))
        return Path(ditemukan).read_bytes() if isinstance(ditemukan, str) else None
    if relatif.startswith("media/logo/"):
        # Through the storage API: the server's disk or the bucket every server shares.
        try:
            with default_storage.open(relatif.removeprefix("media/"), "rb") as f:
                return bytes(f.read())
        except (OSError, SuspiciousFileOperation):
            return None
    return None


_FONT_CONFIG: FontConfiguration | None = None


def font_config() -> FontConfiguration:
    """One font configuration per process: a new one per document leaks Pango font maps
    (about a quarter of a megabyte per letter, measured in bench/letters.py)."""
    global _FONT_CONFIG
    if _FONT_CONFIG is None:
        _FONT_CONFIG = FontConfiguration()
    return _FONT_CONFIG


def html_dokumen(template: str, konteks: dict[str, Any]) -> str:
    """Documents for citizens are Indonesian whatever language the staff member reads."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(template, konteks)


def pdf_dari_html(html: str) -> bytes:
    return HTML(string=html, base_url=SKEMA, url_fetcher=PengambilTerbatas()).write_pdf(
        font_config=font_config(), pdf_variant=VARIAN_PDF
    )


def render_pdf(template: str, konteks: dict[str, Any]) -> bytes:
    return pdf_dari_html(html_dokumen(template, konteks))
