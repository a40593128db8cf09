"""Admin of letter templates: checked before saving, previewed on sample data."""

from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from layanan.admin.site import ScopedAdmin, admin_site
from layanan.models import TemplatSurat
from layanan.surat.konsep import konteks_contoh, periksa_templat, pratinjau


class TemplatSuratForm(forms.ModelForm):
    class Meta:
        model = TemplatSurat
        fields = ["layanan", "varian", "hasil", "judul", "isi", "tembusan"]
        widgets = {"isi": forms.Textarea(attrs={"rows": 18, "cols": 100, "spellcheck": "false"})}

    def clean(self) -> dict[str, Any] | None:
        cd = super().clean()
        if cd and cd.get("layanan") and cd.get("isi"):
            kesalahan = periksa_templat(cd["isi"], konteks_contoh(cd["layanan"]))
            if kesalahan:
                raise ValidationError({"isi": kesalahan})
        return cd


@admin.register(TemplatSurat, site=admin_site)
class TemplatSuratAdmin(ScopedAdmin):
    form = TemplatSuratForm
    kantor_lookup = "layanan__kantor"
    list_display = ["layanan", "varian", "hasil", "judul", "tautan_pratinjau"]
    list_select_related = ["layanan", "hasil"]

    @admin.display(description=_("preview"))
    def tautan_pratinjau(self, obj: TemplatSurat) -> str:
        url = reverse("admin:layanan_templatsurat_pratinjau", args=[obj.pk])
        return format_html('<a href="{}" target="_blank">{}</a>', url, _("PDF on sample data"))

    def get_urls(self) -> list[Any]:
        return [
            path(
                "<path:object_id>/pratinjau.pdf",
                self.admin_site.admin_view(partial(pratinjau_view, self)),
                name="layanan_templatsurat_pratinjau",
            ),
            *super().get_urls(),
        ]


def pratinjau_view(
    model_admin: TemplatSuratAdmin, request: HttpRequest, object_id: str
) -> HttpResponse:
    templat = model_admin.get_object(request, object_id)
    if templat is None:
        raise Http404
    return HttpResponse(pratinjau(templat), content_type="application/pdf")
