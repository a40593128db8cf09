"""Admin pages to share an SOP as YAML: download one service, or import a file (all or nothing)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from layanan.katalog.sop_yaml import BATAS_UKURAN, SopImportError, ekspor_sop, impor_sop
from layanan.models import Kantor
from layanan.permintaan import pengguna


class ImporSopForm(forms.Form):
    berkas = forms.FileField(
        label=_("YAML file"),
        required=False,
        help_text=_("A file written by 'Export YAML' or 'manage.py sop export'."),
    )
    teks = forms.CharField(
        label=_("or paste the YAML here"),
        required=False,
        max_length=BATAS_UKURAN,
        widget=forms.Textarea(
            attrs={"rows": 18, "cols": 100, "spellcheck": "false", "wrap": "off"}
        ),
    )
    kode = forms.SlugField(
        label=_("import under service code"),
        required=False,
        help_text=_("Leave empty to use the code in the file. An existing service is replaced."),
    )
    kantor = forms.ModelChoiceField(label=_("office"), queryset=Kantor.objects.all())

    def __init__(self, *args: Any, superuser: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if not superuser:
            del self.fields["kantor"]

    def clean_berkas(self) -> str | None:
        berkas = self.cleaned_data.get("berkas")
        if not berkas:
            return None
        if berkas.size > BATAS_UKURAN:
            raise forms.ValidationError(_("The file is larger than 1 MB; an SOP file is not."))
        try:
            return berkas.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("The file is not UTF-8 text. Save it as UTF-8 YAML and try again.")
            ) from None

    def clean(self) -> dict[str, Any] | None:
        cd = super().clean()
        if cd is not None and not cd.get("berkas") and not (cd.get("teks") or "").strip():
            raise forms.ValidationError(_("Choose a YAML file or paste its content."))
        return cd


@dataclass(frozen=True)
class BarisSalah:
    baris: int
    alasan: str
    isi: str


def ekspor_view(model_admin: ModelAdmin, request: HttpRequest, object_id: str) -> HttpResponse:
    layanan = model_admin.get_object(request, object_id)
    if layanan is None:
        raise Http404
    response = HttpResponse(ekspor_sop(layanan), content_type="application/yaml; charset=utf-8")
    nama = f"{layanan.kantor.kode}-{layanan.kode}.yaml"
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return response


def impor_view(model_admin: ModelAdmin, request: HttpRequest) -> HttpResponse:
    if not model_admin.has_add_permission(request):
        raise Http404
    superuser = request.user.is_superuser
    terkirim = request.method == "POST"
    form = ImporSopForm(
        request.POST if terkirim else None, request.FILES if terkirim else None, superuser=superuser
    )
    kesalahan: list[BarisSalah] = []
    if terkirim and form.is_valid():
        teks = form.cleaned_data["berkas"] or form.cleaned_data["teks"]
        kantor = form.cleaned_data["kantor"] if superuser else pengguna(request).kantor
        assert kantor is not None  # office administrators always have one (model constraint)
        try:
            layanan = impor_sop(teks, kantor=kantor, kode=form.cleaned_data["kode"] or None)
        except SopImportError as exc:
            isi = teks.splitlines()
            kesalahan = [
                BarisSalah(k.baris, k.alasan, isi[k.baris - 1] if 0 < k.baris <= len(isi) else "")
                for k in exc.kesalahan
            ]
            # Keep what was sent: an uploaded file comes back as editable text.
            form = ImporSopForm({**request.POST.dict(), "teks": teks}, superuser=superuser)
            form.is_valid()
        else:
            messages.success(request, _("The SOP '%(nama)s' was imported.") % {"nama": layanan})
            return HttpResponseRedirect(reverse("admin:layanan_layanan_change", args=[layanan.pk]))
    konteks = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Import an SOP from YAML"),
        "form": form,
        "kesalahan": kesalahan,
    }
    return TemplateResponse(request, "admin/layanan/layanan/impor_yaml.html", konteks)
