"""Admin of letter templates: checked before saving, previewed on sample data."""

from __future__ import annotations

from functools import partial
from typing import Any

from cryptography import x509
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from layanan.admin.site import RiwayatAdmin, ScopedAdmin, admin_site
from layanan.models import OtoritasSertifikat, TemplatSurat
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


class OtoritasSertifikatForm(forms.ModelForm):
    class Meta:
        model = OtoritasSertifikat
        fields = ["nama", "sertifikat_pem"]
        widgets = {"sertifikat_pem": forms.Textarea(attrs={"rows": 12, "cols": 70})}

    def clean_sertifikat_pem(self) -> str:
        pem = self.cleaned_data["sertifikat_pem"].strip()
        try:
            sertifikat = x509.load_pem_x509_certificate(pem.encode())
            dasar = sertifikat.extensions.get_extension_for_class(x509.BasicConstraints).value
        except (ValueError, x509.ExtensionNotFound) as exc:
            raise ValidationError(
                _("This is not a certificate authority's PEM certificate.")
            ) from exc
        if not dasar.ca:
            raise ValidationError(_("This is not a certificate authority's PEM certificate."))
        return pem


@admin.register(OtoritasSertifikat, site=admin_site)
class OtoritasSertifikatAdmin(RiwayatAdmin):
    """The roots every signature is checked against: what makes a letter believable in every
    office, so only the national superuser sees and changes them."""

    form = OtoritasSertifikatForm
    list_display = ["nama"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser
