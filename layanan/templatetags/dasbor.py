"""Template helpers of the dashboard and the monthly report: working time in words."""

from __future__ import annotations

from django import template
from django.utils.translation import ngettext

from layanan.models.sop import MENIT_PER_HARI_KERJA

register = template.Library()


@register.filter
def waktu_kerja(menit: int | None) -> str:
    """Working minutes as the SOPs say them: 1.020 → "2 hari kerja 1 jam" (8 hours a day)."""
    if menit is None:
        return "–"
    if menit < 60:
        return ngettext("%(n)s minute", "%(n)s minutes", menit) % {"n": menit}
    hari, sisa = divmod(menit, MENIT_PER_HARI_KERJA)
    jam, mnt = divmod(sisa, 60)
    bagian = []
    if hari:
        bagian.append(ngettext("%(n)s working day", "%(n)s working days", hari) % {"n": hari})
    if jam:
        bagian.append(ngettext("%(n)s hour", "%(n)s hours", jam) % {"n": jam})
    if mnt and not hari:
        bagian.append(ngettext("%(n)s minute", "%(n)s minutes", mnt) % {"n": mnt})
    return " ".join(bagian)
