"""Public pages, no login: a citizen follows their application with the receipt's code."""

from __future__ import annotations

import re

from django import forms
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from layanan import mesin, selectors
from layanan.batas import pesan_tunggu, tunggu_detik

POLA_KODE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}-?[0-9A-HJKMNP-TV-Z]{4}-?[0-9A-HJKMNP-TV-Z]{4}$")


class FormulirStatus(forms.Form):
    kode = forms.CharField(
        label=_("Tracking code on your receipt"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "placeholder": "XXXX-XXXX-XXXX",
            }
        ),
    )


def samarkan(nama: str) -> str:
    """ "Budi Santoso" → "B*** S*****": enough for the applicant to recognise, no more."""
    return " ".join(k[0] + "*" * (len(k) - 1) for k in nama.split() if k)


@never_cache
def status(request: HttpRequest) -> HttpResponse | FileResponse:
    form = FormulirStatus(request.POST or None)
    konteks: dict[str, object] = {"form": form}
    if request.method == "POST":
        if tunggu := tunggu_detik(request, "status"):
            konteks["pesan"] = pesan_tunggu(tunggu)
            jawab = render(request, "publik/status.html", konteks, status=429)
            jawab["Retry-After"] = str(tunggu)
            return jawab
        if form.is_valid():
            kode = form.cleaned_data["kode"].strip().upper().replace(" ", "")
            p = selectors.permohonan_dengan_kode(kode) if POLA_KODE.match(kode) else None
            if p is None:
                # Unknown and malformed codes get the same answer: nothing to probe.
                konteks["pesan"] = _(
                    "No application has this code. Check the code on your receipt."
                )
            else:
                surat = selectors.surat_sah_terakhir(p)
                if surat is not None and request.POST.get("unduh"):
                    return FileResponse(
                        surat.berkas.open("rb"),
                        as_attachment=True,
                        content_type="application/pdf",
                        filename=f"surat-{surat.urutan}-{surat.tahun}.pdf",
                    )
                konteks.update(
                    p=p,
                    nama=samarkan(p.pemohon.nama),
                    surat=surat,
                    langkah=mesin.langkah_kini(p),
                )
    return render(request, "publik/status.html", konteks)
