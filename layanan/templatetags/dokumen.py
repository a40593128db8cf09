"""Template helpers for PDFs and pages: our-own-file URLs, Indonesian dates."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import formats, timezone

from layanan.pdf import SKEMA

register = template.Library()


@register.simple_tag
def pdf_static(path: str) -> str:
    return f"{SKEMA}static/{path}"


@register.filter
def tanggal_indonesia(nilai: dt.date | dt.datetime | None) -> str:
    """9 Januari 2024, whatever language the page is in: letters are Indonesian documents."""
    if nilai is None:
        return ""
    if isinstance(nilai, dt.datetime):
        nilai = timezone.localtime(nilai)
    bulan = [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ]
    return f"{nilai.day} {bulan[nilai.month - 1]} {nilai.year}"


@register.filter
def ukuran_berkas(nilai: int) -> str:
    if nilai < 1024:
        return f"{nilai} B"
    if nilai < 1024 * 1024:
        return f"{formats.number_format(nilai / 1024, 0)} kB"
    return f"{formats.number_format(nilai / 1024 / 1024, 1)} MB"
