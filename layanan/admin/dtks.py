"""Admin of each office's DTKS source and of its registry imports (queued, with progress)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Model
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from layanan.admin.site import (
    RiwayatAdmin,
    ScopedAdmin,
    ScopedModelAdmin,
    admin_site,
    boleh_mengatur,
)
from layanan.dtks.services import (
    ImporTidakDapatDiulang,
    dtks_antrekan_impor,
    dtks_tandai_impor_terhenti,
    dtks_ulangi_impor,
)
from layanan.ekspor import respons_berkas_csv
from layanan.forms.dtks import FormulirImporDtks
from layanan.models import ImporDtks, PengaturanDtks, StatusImpor, SumberDtks
from layanan.permintaan import pengguna


@admin.register(PengaturanDtks, site=admin_site)
class PengaturanDtksAdmin(ScopedAdmin):
    """The office administrator's choices: the registry's name, where answers come from (by
    hand, the office's own imported export, or a remote source offered to the office) and the
    eligibility rule. The remote sources themselves are the national superuser's."""

    list_display = ["__str__", "adapter", "sumber", "aturan", "impor_aktif"]
    list_select_related = ["kantor", "sumber", "impor_aktif"]
    fields = ["kantor", "nama_registri", "adapter", "sumber", "aturan", "desil_maks", "impor_aktif"]

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> Any:
        tetap = ["impor_aktif"]
        return tetap if request.user.is_superuser else [*tetap, "kantor"]

    def get_form(self, request: HttpRequest, obj: Model | None = None, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, **kwargs)
        kantor = None if request.user.is_superuser else pengguna(request).kantor

        class FormKantor(form):  # type: ignore[valid-type,misc]
            def __init__(self, *args: Any, **kw: Any) -> None:
                super().__init__(*args, **kw)
                if kantor is not None and self.instance.kantor_id is None:
                    self.instance.kantor = kantor  # checked against the office's sources

        return FormKantor

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        if request.user.is_superuser:
            return True
        # One settings row per office: its administrator adds it once, then changes it.
        kantor = pengguna(request).kantor
        return (
            boleh_mengatur(request)
            and kantor is not None
            and not PengaturanDtks.objects.filter(kantor=kantor).exists()
        )

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class SumberDtksForm(forms.ModelForm):
    url = forms.URLField(label=_("service URL"), max_length=200, assume_scheme="https")
    token = forms.CharField(
        label=_("service token"),
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_("Left empty when changing a source, the stored token stays."),
    )

    class Meta:
        model = SumberDtks
        fields = ["nama", "url", "token", "timeout", "kantor"]
        widgets = {"kantor": forms.CheckboxSelectMultiple}

    def clean_token(self) -> str:
        token = self.cleaned_data["token"]
        return token or (self.instance.token if self.instance.pk else "")


@admin.register(SumberDtks, site=admin_site)
class SumberDtksAdmin(RiwayatAdmin):
    """Remote DTKS services: trust that crosses offices, so the national superuser's alone."""

    form = SumberDtksForm
    list_display = ["nama", "url", "timeout", "daftar_kantor"]

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).prefetch_related("kantor")

    @admin.display(description=_("offered to"))
    def daftar_kantor(self, obj: SumberDtks) -> str:
        return ", ".join(str(k) for k in obj.kantor.all()) or "–"

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


@admin.register(ImporDtks, site=admin_site)
class ImporDtksAdmin(ScopedModelAdmin):
    list_display = [
        "periode",
        "nama_berkas",
        "status",
        "baris_diterima",
        "baris_ditolak",
        "dibuat_pada",
        "selesai_pada",
    ]
    list_filter = ["status"]
    # Status and counts are shown live above the form (htmx polls the progress partial).
    readonly_fields = fields = ("kantor", "periode", "nama_berkas", "dibuat_oleh", "dibuat_pada")
    change_list_template = "admin/layanan/impordtks/change_list.html"
    change_form_template = "admin/layanan/impordtks/change_form.html"

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False  # uploads go through the import page, which queues the work

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def get_urls(self) -> list[Any]:
        return [
            path(
                "unggah/",
                self.admin_site.admin_view(partial(unggah_view, self)),
                name="layanan_impordtks_unggah",
            ),
            path(
                "<path:object_id>/kemajuan/",
                self.admin_site.admin_view(partial(kemajuan_view, self)),
                name="layanan_impordtks_kemajuan",
            ),
            path(
                "<path:object_id>/ulangi/",
                self.admin_site.admin_view(require_POST(partial(ulangi_view, self))),
                name="layanan_impordtks_ulangi",
            ),
            path(
                "<path:object_id>/ditolak.csv",
                self.admin_site.admin_view(partial(ditolak_view, self)),
                name="layanan_impordtks_ditolak",
            ),
            *super().get_urls(),
        ]

    # An import whose worker was killed is failed before anyone looks at the imports.
    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        dtks_tandai_impor_terhenti()
        return super().changelist_view(request, extra_context)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        dtks_tandai_impor_terhenti()
        return super().change_view(request, object_id, form_url, extra_context)


def unggah_view(model_admin: ImporDtksAdmin, request: HttpRequest) -> HttpResponse:
    user = pengguna(request)
    if user.kantor is None:
        raise Http404  # a national superuser imports through `manage.py impor_dtks`
    form = FormulirImporDtks(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        berkas = form.cleaned_data["berkas"]
        impor = dtks_antrekan_impor(
            kantor=user.kantor,
            oleh=user,
            periode=form.cleaned_data["periode"],
            berkas=berkas,
            nama_berkas=berkas.name or "dtks.csv",
        )
        messages.info(request, _("The file was received; the import runs in the background."))
        return HttpResponseRedirect(reverse("admin:layanan_impordtks_change", args=[impor.pk]))
    konteks = {
        **model_admin.admin_site.each_context(request),
        "opts": ImporDtks._meta,
        "title": _("Import a DTKS export"),
        "form": form,
    }
    return TemplateResponse(request, "admin/layanan/impordtks/unggah.html", konteks)


def kemajuan_view(
    model_admin: ImporDtksAdmin, request: HttpRequest, object_id: str
) -> HttpResponse:
    dtks_tandai_impor_terhenti()
    impor = model_admin.get_object(request, object_id)
    if impor is None:
        raise Http404
    return TemplateResponse(
        request,
        "admin/layanan/impordtks/_kemajuan.html",
        {
            "impor": impor,
            "selesai": impor.status
            in (StatusImpor.SELESAI, StatusImpor.GAGAL, StatusImpor.DIGANTI),
        },
    )


def ulangi_view(model_admin: ImporDtksAdmin, request: HttpRequest, object_id: str) -> HttpResponse:
    impor = model_admin.get_object(request, object_id)  # another office's import: 404
    if impor is None:
        raise Http404
    try:
        baru = dtks_ulangi_impor(impor=impor, oleh=pengguna(request))
    except ImporTidakDapatDiulang as exc:
        messages.error(request, str(exc))
        return HttpResponseRedirect(reverse("admin:layanan_impordtks_change", args=[impor.pk]))
    messages.info(request, _("The import was queued again; it runs in the background."))
    return HttpResponseRedirect(reverse("admin:layanan_impordtks_change", args=[baru.pk]))


def ditolak_view(model_admin: ImporDtksAdmin, request: HttpRequest, object_id: str) -> FileResponse:
    impor = model_admin.get_object(request, object_id)
    if impor is None or not impor.laporan_penolakan:
        raise Http404
    return respons_berkas_csv(
        f"dtks-{impor.periode}-ditolak.csv", impor.laporan_penolakan.open("rb")
    )
