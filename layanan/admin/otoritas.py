"""The trusted certificate authorities: the national superuser's page alone. Upload a CA
certificate, see what was signed under it, withdraw (or restore) its trust; never delete it."""

from __future__ import annotations

from functools import partial
from typing import Any

from cryptography import x509
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from layanan.admin.site import RiwayatAdmin, admin_site
from layanan.models import OtoritasSertifikat
from layanan.permintaan import pengguna
from layanan.surat.tanda_tangan.otoritas import (
    BATAS_BERKAS,
    OtoritasDitolak,
    baca_sertifikat_ca,
    info_ca,
    otoritas_pulihkan,
    otoritas_tambah,
    otoritas_tarik,
    sudah_ada,
    yang_ditandatangani,
)


class OtoritasTambahForm(forms.ModelForm):
    """A CA certificate as a file (PEM or DER) or as pasted PEM text; checked, never trusted
    blindly: one certificate, a CA's, in force, not recorded already."""

    berkas = forms.FileField(
        label=gettext_lazy("Certificate file"),
        required=False,
        help_text=gettext_lazy(
            "The authority's own certificate (.crt, .cer, .pem or .der), as published by BSrE "
            "or your province's CA. Not an official's .p12 file."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".crt,.cer,.pem,.der"}),
    )
    teks_pem = forms.CharField(
        label=gettext_lazy("…or its PEM text"),
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 70, "spellcheck": "false"}),
        help_text=gettext_lazy("From -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----."),
    )

    class Meta:
        model = OtoritasSertifikat
        fields = ["nama"]

    def clean(self) -> dict[str, Any] | None:
        cd = super().clean()
        if cd is None:
            return cd
        berkas, teks = cd.get("berkas"), cd.get("teks_pem") or ""
        if berkas and teks:
            self.add_error("teks_pem", _("Give the file or the PEM text, not both."))
            return cd
        if berkas is not None and berkas.size > BATAS_BERKAS:
            isi = b"x" * (BATAS_BERKAS + 1)  # read no more of it: refused for its size
        else:
            isi = berkas.read() if berkas else teks.encode("utf-8", "replace")
        try:
            sertifikat = baca_sertifikat_ca(isi)
        except OtoritasDitolak as exc:
            self.add_error("berkas" if berkas else "teks_pem", str(exc))
            return cd
        lama = sudah_ada(sertifikat)
        if lama is not None:
            self.add_error(
                "berkas" if berkas else "teks_pem",
                _("This certificate is already recorded, as %(nama)s.") % {"nama": lama.nama}
                + ("" if lama.dipercaya else " " + _("Restore its trust on its page instead.")),
            )
        self.sertifikat: x509.Certificate = sertifikat
        return cd


class OtoritasUbahForm(forms.ModelForm):
    """Once recorded, only the name changes: a different certificate is another authority."""

    class Meta:
        model = OtoritasSertifikat
        fields = ["nama"]


@admin.register(OtoritasSertifikat, site=admin_site)
class OtoritasSertifikatAdmin(RiwayatAdmin):
    """What makes a letter believable in every office: the national superuser's alone."""

    list_display = [
        "nama",
        "berlaku_sampai",
        "status_kepercayaan",
        "jumlah_pejabat",
        "jumlah_surat",
    ]
    change_form_template = "admin/layanan/otoritassertifikat/change_form.html"
    actions = None

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # its trust is withdrawn instead: what it signed keeps its record

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_pejabat=Count("pejabat", distinct=True), n_surat=Count("surat", distinct=True)
            )
        )

    @admin.display(description=gettext_lazy("valid until"))
    def berlaku_sampai(self, obj: OtoritasSertifikat) -> Any:
        info = info_ca(obj)
        return info.berlaku_sampai.date() if info else "–"

    @admin.display(description=gettext_lazy("trust"))
    def status_kepercayaan(self, obj: OtoritasSertifikat) -> str:
        if obj.ditarik_pada is None:
            return _("Trusted")
        return _("Withdrawn on %(tanggal)s") % {"tanggal": obj.ditarik_pada.date().isoformat()}

    @admin.display(description=gettext_lazy("officials"), ordering="n_pejabat")
    def jumlah_pejabat(self, obj: Any) -> int:
        return int(obj.n_pejabat)

    @admin.display(description=gettext_lazy("letters"), ordering="n_surat")
    def jumlah_surat(self, obj: Any) -> int:
        return int(obj.n_surat)

    def get_form(self, request: HttpRequest, obj: Model | None = None, **kwargs: Any) -> Any:
        kwargs["form"] = OtoritasUbahForm if obj is not None else OtoritasTambahForm
        return super().get_form(request, obj, **kwargs)

    def save_form(self, request: HttpRequest, form: Any, change: bool) -> Any:
        if change:
            return super().save_form(request, form, change)
        try:
            return otoritas_tambah(
                nama=form.cleaned_data["nama"], sertifikat=form.sertifikat, oleh=pengguna(request)
            )
        except OtoritasDitolak as exc:  # recorded by someone else in the meantime
            raise PermissionDenied(str(exc)) from exc

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:  # an addition was saved whole by otoritas_tambah
            super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        if change:  # nothing related to an addition
            super().save_related(request, form, formsets, change)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        obj = self.get_object(request, object_id)
        if obj is not None and request.user.is_superuser:
            extra_context = {
                **(extra_context or {}),
                "info_ca": info_ca(obj),
                "ditandatangani": yang_ditandatangani(obj),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self) -> list[Any]:
        return [
            path(
                "<path:object_id>/tarik/",
                self.admin_site.admin_view(require_POST(partial(_ubah_kepercayaan, self, True))),
                name="layanan_otoritassertifikat_tarik",
            ),
            path(
                "<path:object_id>/pulihkan/",
                self.admin_site.admin_view(require_POST(partial(_ubah_kepercayaan, self, False))),
                name="layanan_otoritassertifikat_pulihkan",
            ),
            *super().get_urls(),
        ]


def _ubah_kepercayaan(
    model_admin: OtoritasSertifikatAdmin, tarik: bool, request: HttpRequest, object_id: str
) -> HttpResponse:
    if not request.user.is_superuser:
        raise PermissionDenied
    otoritas = model_admin.get_object(request, object_id)
    if otoritas is None:
        raise Http404
    try:
        if tarik:
            otoritas_tarik(
                otoritas=otoritas, oleh=pengguna(request), alasan=request.POST.get("alasan", "")
            )
            messages.success(
                request, _("The trust in %(nama)s was withdrawn.") % {"nama": otoritas.nama}
            )
        else:
            otoritas_pulihkan(otoritas=otoritas, oleh=pengguna(request))
            messages.success(request, _("%(nama)s is trusted again.") % {"nama": otoritas.nama})
    except OtoritasDitolak as exc:
        messages.error(request, str(exc))
    return HttpResponseRedirect(
        reverse("admin:layanan_otoritassertifikat_change", args=[otoritas.pk])
    )
