"""The service catalogue in the admin: every administrator reads it; the national superuser
publishes services into it (an action on the services' list) and edits or removes models; an
office administrator copies a model into the office, mapping its roles in one form."""

from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from layanan.admin.site import RiwayatAdmin, admin_site, boleh_mengatur
from layanan.katalog.salin import model_salin, model_terbitkan, usul_peta_peran
from layanan.katalog.sop_yaml import SopImportError
from layanan.models import Kantor, Layanan, ModelLayanan, Peran
from layanan.models.kantor import kode_validator
from layanan.permintaan import pengguna

PESAN_KODE_DIPAKAI = _("The office already has a service with this code: choose another.")


class SalinModelForm(forms.Form):
    """The new service's code, and for each role of the model the office's role that acts."""

    kode = forms.SlugField(
        label=_("Code of the new service"),
        max_length=40,
        validators=[kode_validator],
        help_text=_("Lowercase letters, digits, '-' or '_'. The copy is a draft of your office."),
    )

    def __init__(self, *args: Any, model: ModelLayanan, kantor: Kantor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kantor = kantor
        usul = usul_peta_peran(model, kantor)
        if not Layanan.objects.filter(kantor=kantor, kode=model.kode).exists():
            self.fields["kode"].initial = model.kode
        self.kode_peran = list(model.peran)
        for kode, nama in model.peran.items():
            self.fields[f"peran_{kode}"] = forms.ModelChoiceField(
                label=_("%(nama)s (%(kode)s)") % {"nama": nama, "kode": kode},
                queryset=Peran.objects.filter(kantor=kantor).order_by("urutan", "nama"),
                initial=usul[kode],
                empty_label=_("— choose a role of your office —"),
                error_messages={
                    "required": _("Choose the role of your office that acts as %(nama)s.")
                    % {"nama": nama}
                },
            )

    def clean_kode(self) -> str:
        kode = self.cleaned_data["kode"]
        if Layanan.objects.filter(kantor=self.kantor, kode=kode).exists():
            raise forms.ValidationError(PESAN_KODE_DIPAKAI)
        return kode

    def bidang_peran(self) -> list[forms.BoundField]:
        return [self[f"peran_{k}"] for k in self.kode_peran]

    def peta_peran(self) -> dict[str, Peran]:
        return {k: self.cleaned_data[f"peran_{k}"] for k in self.kode_peran}


@admin.register(ModelLayanan, site=admin_site)
class ModelLayananAdmin(RiwayatAdmin):
    """National: every administrator reads the catalogue; only the superuser changes it."""

    list_display = ["nama", "asal", "jumlah_langkah", "diterbitkan_pada", "salin"]
    search_fields = ["nama", "asal", "keterangan"]
    fields = ["nama", "keterangan", "asal", "jumlah_langkah", "diterbitkan_pada", "daftar_peran"]
    readonly_fields = ["asal", "jumlah_langkah", "diterbitkan_pada", "daftar_peran"]

    class Media:
        css = {"all": ["css/admin.css"]}

    @admin.display(description=_("roles used"))
    def daftar_peran(self, obj: ModelLayanan) -> str:
        return format_html_join(", ", "{} ({})", sorted(obj.peran.items()))

    @admin.display(description=_("copy"))
    def salin(self, obj: ModelLayanan) -> str:
        url = reverse("admin:layanan_modellayanan_salin", args=[obj.pk])
        teks = _("Copy into my office")
        return format_html(
            '<a href="{}">{}<span class="visually-hidden"> {}</span></a>', url, teks, obj.nama
        )

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> Any:
        judul = {"title": _("Service catalogue"), "subtitle": None}
        return super().changelist_view(request, {**judul, **(extra_context or {})})

    def get_list_display(self, request: HttpRequest) -> Any:
        if pengguna(request).kantor_id is None:  # the superuser has no office to copy into
            return [f for f in self.list_display if f != "salin"]
        return self.list_display

    def get_urls(self) -> list[Any]:
        return [
            path(
                "<path:object_id>/salin/",
                self.admin_site.admin_view(partial(salin_view, self)),
                name="layanan_modellayanan_salin",
            ),
            *super().get_urls(),
        ]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return boleh_mengatur(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return boleh_mengatur(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # published from a service: the action on the services' list

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser


def salin_view(
    model_admin: ModelLayananAdmin, request: HttpRequest, object_id: str
) -> HttpResponse:
    model = model_admin.get_object(request, object_id)
    kantor = pengguna(request).kantor
    if model is None or kantor is None:
        raise Http404
    form = SalinModelForm(request.POST or None, model=model, kantor=kantor)
    kesalahan: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            layanan = model_salin(
                model=model,
                kantor=kantor,
                kode=form.cleaned_data["kode"],
                peta_peran=form.peta_peran(),
            )
        except SopImportError as exc:
            kesalahan = [k.alasan for k in exc.kesalahan]
        else:
            messages.success(
                request,
                _(
                    "“%(nama)s” was copied into your office as a draft. Adapt it — names, letter "
                    "texts, time standards — then activate it."
                )
                % {"nama": model.nama},
            )
            return HttpResponseRedirect(reverse("admin:layanan_layanan_change", args=[layanan.pk]))
    konteks = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Copy “%(nama)s” into your office") % {"nama": model.nama},
        "model": model,
        "form": form,
        "kesalahan": kesalahan,
    }
    return TemplateResponse(request, "admin/layanan/modellayanan/salin.html", konteks)


@admin.action(description=_("Publish to the service catalogue"))
def terbitkan_ke_katalog(
    model_admin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Layanan]
) -> None:
    """The superuser's action on the services' list: a model per service, published again when
    it already is (the catalogue then shows the service as it stands now)."""
    if not request.user.is_superuser:
        raise Http404
    for layanan in queryset.select_related("kantor"):
        model_terbitkan(layanan=layanan)
    n = queryset.count()
    messages.success(
        request,
        ngettext(
            "%(n)s service published to the catalogue.",
            "%(n)s services published to the catalogue.",
            n,
        )
        % {"n": n},
    )
