"""The rows of the work inbox ("Tugas saya"), rendered here rather than in a template loop.

The inbox is the page staff open most. Rendered by the template engine, its page of 25 rows
(about 20 nodes each: variables, filters, a URL, a CSRF field, an include) cost more than the
rest of the request together (profiled on PostgreSQL with the production settings; bench/load.py
`inbox.ratio`); one format string per row costs a few per cent of that. The markup is the
card list's (css/daftar.css): a row of columns on a desktop, a card on a phone, each fact named
for a screen reader.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from html import escape  # Django's escape() is this one, behind a lazy-string wrapper
from typing import Any

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from layanan.hari_kerja import StatusWaktu, waktu_langkah
from layanan.models import Kantor

# The time badge, as tugas/_status_waktu.html shows it elsewhere.
KELAS_LENCANA = {
    StatusWaktu.TERLAMBAT: "text-bg-danger",
    StatusWaktu.HAMPIR: "text-bg-warning",
    StatusWaktu.TEPAT: "text-bg-light border",
}

BARIS = """<li class="kartu">
  <span class="kartu-pilih">
    <input type="checkbox" class="form-check-input" name="pilih" value="{pk}" form="form-batch" aria-label="{pilih}">
  </span>
  <span class="kartu-utama">{lencana}</span>
  <span>
    <form method="post" action="{url}">
      <input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">
      <button type="submit" class="btn btn-link p-0 align-baseline text-start">{nomor}</button>
    </form>
  </span>
  <span>
    <span class="label-kartu">{t_pemohon}:</span> {pemohon}
    <span class="d-block small">{layanan}</span>
  </span>
  <span>
    <span class="label-kartu">{t_langkah}</span> {langkah}
    · <span class="label-kartu">{t_untuk}</span> {peran}
  </span>
  <span class="small">
    <span class="label-kartu">{t_sejak}:</span>
    <span class="text-nowrap">{sejak}</span>
  </span>
</li>"""

LENCANA = '<span class="badge {}">{}</span>\n  <span class="small">{}</span>'


def lencana(kantor: Kantor, d: dict[str, Any], teks: dict[str, str]) -> str:
    """The step's working minutes left or over, as a badge ("" without a time standard)."""
    sisa, status = waktu_langkah(kantor, d["langkah_siap_pada"], d["langkah_standar_menit"])
    if not status:
        return ""
    menit = int(Decimal(sisa).quantize(Decimal(1), ROUND_HALF_UP))  # as |floatformat:0
    if status == StatusWaktu.TERLAMBAT:
        isi = teks["lewat"] % {"m": abs(menit)}
    else:
        isi = teks["sisa"] % {"m": menit}
    return LENCANA.format(KELAS_LENCANA[status], teks[status], escape(isi))


def baris_kotak(
    request: HttpRequest, kantor: Kantor, daftar: list[dict[str, Any]]
) -> list[SafeString]:
    """One <li> per application of the page (selectors.KotakTugas.sebagai_data's rows), in
    its order. Every text that is not this module's own is escaped here (str.format, not
    format_html; the labels, the messages and the token translated and escaped once per page,
    not once per row; the rest once each, by the standard library's escape, which Django's
    wraps)."""
    label = {
        "csrf": escape(get_token(request)),
        "t_pemohon": escape(_("Applicant")),
        "t_langkah": escape(_("Step")),
        "t_untuk": escape(_("For")),
        "t_sejak": escape(_("Waiting since")),
    }
    teks: dict[str, str] = {
        "lewat": _("%(m)s working min over"),
        "sisa": _("%(m)s working min left"),
        **{s: escape(str(s.label)) for s in StatusWaktu},
    }
    pilih = _("Choose %(n)s")
    # "/permohonan/0/mulai/" → "/permohonan/{}/mulai/": one reverse() per page, not per row.
    url = reverse("layanan:mulai-langkah", args=[0]).replace("/0/", "/{}/")
    bulan = {m: str(MONTHS_3[m]).title() for m in MONTHS_3}  # as |date:"M"
    hasil = []
    for d in daftar:
        siap = timezone.localtime(d["langkah_siap_pada"]) if d["langkah_siap_pada"] else None
        html = BARIS.format(
            pk=int(d["pk"]),
            pilih=escape(pilih % {"n": d["nomor_registrasi"]}),
            lencana=lencana(kantor, d, teks),
            url=url.format(int(d["pk"])),
            nomor=escape(d["nomor_registrasi"]),
            pemohon=escape(d["pemohon__nama"]),
            layanan=escape(d["layanan__nama_singkat"]),
            langkah="" if d["langkah_nomor"] is None else int(d["langkah_nomor"]),
            peran=escape(d["peran_saat_ini__nama"] or ""),
            # As |date:"j M Y H:i" prints it, in the office's time zone (the active one).
            sejak=f"{siap.day} {bulan[siap.month]} {siap.year} {siap:%H:%M}" if siap else "",
            **label,
        )
        hasil.append(mark_safe(html))  # every value above is escaped, or an int
    return hasil
