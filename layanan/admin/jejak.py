"""The trail of a citizen's data: who saw, downloaded, printed or processed it (UU PDP 27/2022).

An administrator types the NIK (in a POST, so it never lands in a URL or a server log) and gets
every access and every step done on that person's applications in their office, and every read
of a complaint about one of those applications or turned into one (a complaint carries no NIK
of its own: its complainant may stay anonymous).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from layanan.admin.site import admin_site
from layanan.ekspor import respons_csv
from layanan.loket.validators import bersihkan_nomor
from layanan.models import (
    AksesData,
    AksesPengaduan,
    Pengaduan,
    Permohonan,
    PermohonanDaring,
    RiwayatLangkah,
)
from layanan.permintaan import pengguna


class FormulirJejak(forms.Form):
    nik = forms.CharField(label=gettext_lazy("NIK"), max_length=40)

    def clean_nik(self) -> str:
        return bersihkan_nomor(self.cleaned_data["nik"], "NIK")


@dataclass(frozen=True)
class Jejak:
    pada: datetime
    siapa: str
    apa: str
    permohonan: str


def jejak_nik(request: HttpRequest, nik: str) -> list[Jejak]:
    user = pengguna(request)
    permohonan = Permohonan.objects.filter(pemohon__nik=nik)
    # Applications from home read by the loket before its decision (layanan.daring).
    daring = PermohonanDaring.objects.filter(nik=nik)
    if not user.is_superuser:
        permohonan = permohonan.filter(kantor=user.kantor)
        daring = daring.filter(kantor=user.kantor)
    jejak = [
        Jejak(
            a.pada,
            str(a.pengguna),
            f"{a.get_jenis_display()} {a.keterangan}".strip(),
            str(a.permohonan or a.daring),
        )
        for a in AksesData.objects.filter(
            Q(permohonan__in=permohonan) | Q(daring__in=daring)
        ).select_related("pengguna", "permohonan", "daring")
    ]
    jejak += [
        Jejak(
            r.selesai_pada,
            str(r.oleh),
            _("Step %(n)s: %(aksi)s") % {"n": r.nomor, "aksi": r.get_aksi_display()},
            str(r.permohonan),
        )
        for r in RiwayatLangkah.objects.filter(permohonan__in=permohonan).select_related(
            "oleh", "permohonan"
        )
    ]
    jejak += _jejak_pengaduan(permohonan)
    return sorted(jejak, key=lambda j: j.pada, reverse=True)


def _jejak_pengaduan(permohonan: QuerySet[Permohonan]) -> list[Jejak]:
    """Reads of the complaints that concern the person's applications or became one, in the
    applications' office (a complaint and the application it names are of one office)."""
    pengaduan = Pengaduan.objects.filter(
        Q(permohonan_terkait__in=permohonan) | Q(permohonan__in=permohonan)
    )
    return [
        Jejak(
            a.pada,
            str(a.pengguna),
            f"{a.get_jenis_display()} {a.keterangan}".strip(),
            _("Complaint %(nomor)s") % {"nomor": a.pengaduan.nomor},
        )
        for a in AksesPengaduan.objects.filter(pengaduan__in=pengaduan).select_related(
            "pengguna", "pengaduan"
        )
    ]


def jejak_view(request: HttpRequest) -> HttpResponse:
    form = FormulirJejak(request.POST or None)
    jejak: list[Jejak] | None = None
    if request.method == "POST" and form.is_valid():
        jejak = jejak_nik(request, form.cleaned_data["nik"])
        if request.POST.get("format") == "csv":
            kepala = [_("When"), _("Who"), _("What"), _("Application or complaint")]
            baris = [[j.pada.isoformat(), j.siapa, j.apa, j.permohonan] for j in jejak]
            return respons_csv("jejak-akses.csv", [kepala, *baris])
    konteks = {
        **admin_site.each_context(request),
        "title": _("Personal data trail"),
        "form": form,
        "jejak": jejak,
    }
    return TemplateResponse(request, "admin/jejak_akses.html", konteks)


admin_site.tambah_halaman("jejak-akses/", jejak_view, "jejak-akses")
