"""Admin of services and their SOP: header, documents, fields, outcomes and steps."""

from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from layanan.admin import berbagi
from layanan.admin.katalog import terbitkan_ke_katalog
from layanan.admin.langkah import LangkahFormSet, LangkahInline
from layanan.admin.saudara import SaudaraFormSet
from layanan.admin.site import ScopedAdmin, ScopedInline, admin_site
from layanan.katalog import status
from layanan.katalog.lembar import periksa_waktu
from layanan.models import (
    HasilAkhir,
    KategoriPemohon,
    KolomIsian,
    Layanan,
    PersyaratanBerkas,
    StatusLayanan,
)
from layanan.permintaan import pengguna

# The buttons beside "Save": each saves the form, then changes the service's status.
AKSI_STATUS = {
    "_aktifkan": (status.layanan_aktifkan, status.PESAN_DIAKTIFKAN),
    "_tarik": (status.layanan_tarik, status.PESAN_DITARIK),
    "_draf": (status.layanan_jadikan_draf, status.PESAN_DRAF),
}


def _peringatkan_waktu(request: HttpRequest, layanan: Layanan) -> None:
    """Saved all the same: the SOP is the office's document as it stands."""
    peringatan = periksa_waktu(layanan)
    if peringatan is not None:
        messages.warning(request, peringatan.pesan)


class LayananChildInline(ScopedInline):
    """An inline whose choices come from the parent service only (its outcomes, categories),
    each field labelled with its column and row for a screen reader."""

    template = "admin/layanan/edit_inline/tabular.html"

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.related_model in (HasilAkhir, KategoriPemohon) and field is not None:
            layanan = getattr(request, "_layanan_induk", None)
            field.queryset = field.queryset.filter(layanan=layanan)
        return field


class KategoriInline(LayananChildInline):
    model = KategoriPemohon
    fields = ["urutan", "kode", "nama"]


class BerkasFormSet(SaudaraFormSet):
    """A document's applicant category is one of the categories' section, typed in the same
    submission or saved."""

    medan_kode = ("kategori",)

    def model_sumber_relasi(self) -> Any:
        return self.instance.kategori.all() if self.instance.pk else []


class BerkasInline(LayananChildInline):
    model = PersyaratanBerkas
    formset = BerkasFormSet
    fields = ["urutan", "nama", "sifat", "kategori", "keterangan"]


class IsianInline(LayananChildInline):
    model = KolomIsian
    fields = ["urutan", "kode", "label", "tipe", "wajib", "pilihan", "bantuan"]
    formfield_overrides = {
        KolomIsian._meta.get_field("pilihan").__class__: {
            "widget": forms.Textarea(attrs={"rows": 2, "cols": 20})
        }
    }


class HasilInline(LayananChildInline):
    model = HasilAkhir
    fields = ["kode", "nama", "jenis"]


@admin.register(Layanan, site=admin_site)
class LayananAdmin(ScopedAdmin):
    list_display = [
        "nama_singkat",
        "kode",
        "nomor_sop",
        "jenis_dokumen",
        "status",
        "kesiapan",
        "lembar_sop",
    ]
    list_filter = ["status", "jenis_dokumen"]
    actions = [terbitkan_ke_katalog]
    search_fields = ["nama", "nama_singkat", "nomor_sop"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "kantor",
                    "kode",
                    "nama",
                    "nama_singkat",
                    "nama_publik",
                    "jenis_dokumen",
                    "unit_kerja",
                    ("penentu_dtks", "penentu_dtks_isian"),
                    ("terima_daring", "surat_diunduh"),
                ]
            },
        ),
        (
            _("SOP header"),
            {
                "fields": [
                    "nomor_sop",
                    ("tanggal_pembuatan", "tanggal_revisi"),
                    ("tanggal_efektif", "tanggal_pengesahan"),
                    "disahkan_oleh",
                    "dasar_hukum",
                    "kualifikasi_pelaksana",
                    "keterkaitan",
                    "peralatan",
                    "peringatan",
                    "pencatatan",
                    "catatan",
                ]
            },
        ),
        (
            _("Service standard"),
            {
                "classes": ["collapse"],
                "fields": [
                    "penetapan",
                    "produk_pelayanan",
                    "batas_waktu_hari_kerja",
                    "waktu_penyelesaian",
                    "biaya",
                    "sarana_pengaduan",
                    "tindak_lanjut_pengaduan",
                    "sarana_prasarana",
                    "jumlah_pelaksana",
                    "pengawasan_internal",
                    "jaminan_pelayanan",
                    "jaminan_keamanan",
                    "evaluasi_kinerja",
                ],
            },
        ),
        (_("Letter"), {"fields": ["judul_surat", "format_nomor_surat", "tanpa_surat"]}),
    ]
    inlines = [KategoriInline, BerkasInline, IsianInline, HasilInline, LangkahInline]
    change_form_template = "admin/layanan/layanan/change_form.html"
    change_list_template = "admin/layanan/layanan/change_list.html"

    def get_urls(self) -> list[Any]:
        urls = [
            path(
                "impor-yaml/",
                self.admin_site.admin_view(partial(berbagi.impor_view, self)),
                name="layanan_layanan_impor_yaml",
            ),
            path(
                "<path:object_id>/ekspor-yaml/",
                self.admin_site.admin_view(partial(berbagi.ekspor_view, self)),
                name="layanan_layanan_ekspor_yaml",
            ),
        ]
        return urls + super().get_urls()

    class Media:
        css = {"all": ["css/admin.css"]}

    @admin.display(description=_("SOP sheet"))
    def lembar_sop(self, obj: Layanan) -> str:
        url = reverse("layanan:sop-lembar", args=[obj.kantor.kode, obj.kode])
        return format_html('<a href="{}">{}</a>', url, _("view"))

    @admin.display(description=_("check"))
    def kesiapan(self, obj: Layanan) -> str:
        jumlah = len(status.periksa_layanan(obj).masalah)
        if not jumlah:
            return str(_("ready"))
        return str(_("%(n)s to fix") % {"n": jumlah})

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).select_related("kantor")

    def get_list_display(self, request: HttpRequest) -> Any:
        if request.user.is_superuser:  # every office's services in one list: say whose
            return [*self.list_display[:1], "kantor", *self.list_display[1:]]
        return self.list_display

    def get_actions(self, request: HttpRequest) -> Any:
        aksi = super().get_actions(request)
        if not request.user.is_superuser:  # the catalogue is national: its publisher too
            aksi.pop("terbitkan_ke_katalog", None)
        return aksi

    def get_inlines(self, request: HttpRequest, obj: Model | None) -> Any:
        # A new service is built whole on one page when its office is known (an office
        # administrator's); the superuser picks the office and saves first.
        return self.inlines if obj is not None or not request.user.is_superuser else []

    def get_fieldsets(self, request: HttpRequest, obj: Model | None = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        utama = [f for f in fieldsets[0][1]["fields"] if f != "kantor"]
        return [(None, {"fields": utama}), *fieldsets[1:]]

    def _create_formsets(self, request: HttpRequest, obj: Any, change: bool) -> Any:
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        # A step may end with an outcome typed in the same submission, a document be of a
        # category just typed: they read the earlier section as sent (saved first).
        sumber = {fs.model: fs for fs in formsets}
        for fs in formsets:
            if isinstance(fs, LangkahFormSet):
                fs.sumber = sumber.get(HasilAkhir)
            if isinstance(fs, BerkasFormSet):
                fs.sumber = sumber.get(KategoriPemohon)
        return formsets, inline_instances

    def render_change_form(
        self, request: HttpRequest, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> Any:
        obj = kwargs.get("obj")
        if obj is not None and obj.pk:
            pemeriksaan = status.periksa_layanan(obj)
            context["pemeriksaan"] = pemeriksaan
            context["jumlah_berjalan"] = status.jumlah_berjalan(obj)
            context["jumlah_templat"] = obj.templat_surat.count()
            for inline in context.get("inline_admin_formsets", []):
                for form in (
                    inline.formset.forms if inline.formset.model.__name__ == "Langkah" else []
                ):
                    if not form.is_bound and form.instance.pk:
                        form.masalah_alur = pemeriksaan.untuk_langkah(form.instance.nomor)
        context["status_layanan"] = StatusLayanan
        return super().render_change_form(request, context, *args, **kwargs)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not request.user.is_superuser:
            obj.kantor = pengguna(request).kantor
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if form.instance.langkah.exists():
            _peringatkan_waktu(request, form.instance)

    def response_add(self, request: HttpRequest, obj: Any, *args: Any) -> HttpResponse:
        if self._aksi_status(request) is None:
            return super().response_add(request, obj, *args)
        self._ubah_status(request, obj)
        return HttpResponseRedirect(reverse("admin:layanan_layanan_change", args=[obj.pk]))

    def response_change(self, request: HttpRequest, obj: Any) -> HttpResponse:
        if self._aksi_status(request) is None:
            return super().response_change(request, obj)
        self._ubah_status(request, obj)
        return HttpResponseRedirect(request.path)

    def _aksi_status(self, request: HttpRequest) -> str | None:
        return next((aksi for aksi in AKSI_STATUS if aksi in request.POST), None)

    def _ubah_status(self, request: HttpRequest, obj: Layanan) -> None:
        """After the form was saved: the status asked for, or why not (the draft is kept)."""
        ubah, pesan = AKSI_STATUS[self._aksi_status(request) or ""]
        try:
            ubah(layanan=obj)
        except status.StatusDitolak as exc:
            if len(exc.masalah) == 1:
                alasan = str(exc.masalah[0])
            else:
                alasan = _("%(n)s problems to fix, listed under “Check”.") % {"n": len(exc.masalah)}
            messages.error(
                request, _("Saved, but the status was not changed: %(alasan)s") % {"alasan": alasan}
            )
        else:
            messages.success(request, str(pesan))

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        # A service is withdrawn, never deleted: its applications refer to it.
        return request.user.is_superuser
