"""A person's data (UU PDP): everything the office holds about one NIK as a ZIP, or erased where
no law requires keeping it. The NIK travels in a POST only, never in a URL or a server log."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from layanan.admin.jejak import FormulirJejak, jejak_nik
from layanan.admin.site import admin_site
from layanan.data_pribadi.nik import HasilHapus, nik_ekspor, nik_hapus

PESAN_KONFIRMASI = gettext_lazy("Tick the box to confirm the erasure.")


class FormulirDataPribadi(FormulirJejak):
    yakin = forms.BooleanField(
        label=gettext_lazy(
            "I confirm: the person asked for erasure, and their scans, complaint attachments "
            "and contact details are to be deleted for good"
        ),
        required=False,
    )


def _baris_jejak(request: HttpRequest, nik: str) -> list[list[str]]:
    kepala = [_("When"), _("Who"), _("What"), _("Application or complaint")]
    isi = [[j.pada.isoformat(), j.siapa, j.apa, j.permohonan] for j in jejak_nik(request, nik)]
    return [kepala, *isi]


def data_pribadi_view(request: HttpRequest) -> HttpResponse:
    form = FormulirDataPribadi(request.POST or None)
    hasil: HasilHapus | None = None
    if request.method == "POST" and form.is_valid():
        nik = form.cleaned_data["nik"]
        if request.POST.get("aksi") == "zip":
            isi = nik_ekspor(request=request, nik=nik, jejak=_baris_jejak(request, nik))
            jawab = HttpResponse(isi, content_type="application/zip")
            jawab["Content-Disposition"] = 'attachment; filename="data-pribadi.zip"'
            return jawab
        if request.POST.get("aksi") == "hapus":
            if form.cleaned_data["yakin"]:
                hasil = nik_hapus(request=request, nik=nik)
            else:
                form.add_error("yakin", PESAN_KONFIRMASI)
    konteks = {
        **admin_site.each_context(request),
        "title": _("A person's data: produce or erase"),
        "form": form,
        "hasil": hasil,
    }
    return TemplateResponse(request, "admin/data_pribadi.html", konteks)


admin_site.tambah_halaman("data-pribadi/", data_pribadi_view, "data-pribadi")
