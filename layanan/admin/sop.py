"""Admin of services and their SOP: header, documents, fields, outcomes and steps."""

from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from layanan.admin import berbagi
from layanan.admin.site import ScopedAdmin, ScopedInline, admin_site
from layanan.katalog.alur import Cabang, LangkahAlur, periksa_alur
from layanan.katalog.lembar import periksa_waktu
from layanan.models import (
    HasilAkhir,
    KategoriPemohon,
    KolomIsian,
    Langkah,
    Layanan,
    ParafLangkah,
    PersyaratanBerkas,
)
from layanan.permintaan import pengguna


def alur_dari_form(cd: dict[str, Any]) -> LangkahAlur:
    def cabang(nomor: int | None, hasil: HasilAkhir | None) -> Cabang:
        return Cabang(nomor=nomor, hasil=hasil.kode if hasil else None)

    return LangkahAlur(
        nomor=cd["nomor"],
        jenis=cd["jenis"],
        lanjut=cabang(cd.get("lanjut_nomor"), cd.get("lanjut_hasil")),
        tidak=cabang(cd.get("tidak_nomor"), cd.get("tidak_hasil")),
    )


def alur_dari_model(langkah: Langkah) -> LangkahAlur:
    return alur_dari_form(
        {
            "nomor": langkah.nomor,
            "jenis": langkah.jenis,
            "lanjut_nomor": langkah.lanjut_nomor,
            "lanjut_hasil": langkah.lanjut_hasil,
            "tidak_nomor": langkah.tidak_nomor,
            "tidak_hasil": langkah.tidak_hasil,
        }
    )


def _kode_hasil(layanan: Layanan) -> list[str]:
    return list(layanan.hasil.values_list("kode", flat=True))


def _peringatkan_waktu(request: HttpRequest, layanan: Layanan) -> None:
    """Saved all the same: the SOP is the office's document as it stands."""
    peringatan = periksa_waktu(layanan)
    if peringatan is not None:
        messages.warning(request, peringatan.pesan)


class LangkahFormSet(BaseInlineFormSet):
    """Refuses a set of steps whose branches lead nowhere or from which no end is reachable."""

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        hidup = [
            form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        kesalahan = periksa_alur(
            [alur_dari_form(form.cleaned_data) for form in hidup], _kode_hasil(self.instance)
        )
        if not kesalahan:
            return
        # Each message also beside the row of the step it names, so a long table need not be
        # searched; the list at the top stays for messages about no step in particular.
        per_nomor: dict[int, list[forms.BaseForm]] = {}
        for form in hidup:
            per_nomor.setdefault(form.cleaned_data["nomor"], []).append(form)
        for masalah in kesalahan:
            if masalah.nomor is None:
                continue
            for form in per_nomor.get(masalah.nomor, []):
                form.add_error(None, str(masalah))
        raise ValidationError([str(k) for k in kesalahan])


class LayananChildInline(ScopedInline):
    """An inline whose choices come from the parent service only (its outcomes, categories)."""

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.related_model in (HasilAkhir, KategoriPemohon) and field is not None:
            layanan = getattr(request, "_layanan_induk", None)
            field.queryset = field.queryset.filter(layanan=layanan)
        return field


class KategoriInline(LayananChildInline):
    model = KategoriPemohon
    fields = ["urutan", "kode", "nama"]


class BerkasInline(LayananChildInline):
    model = PersyaratanBerkas
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


class LangkahInline(LayananChildInline):
    """The step table at a glance; a step's other columns and its paraf chain on its own page."""

    model = Langkah
    formset = LangkahFormSet
    show_change_link = True
    fields = [
        "nomor",
        "kegiatan",
        "peran",
        "jenis",
        "fungsi",
        "waktu_nilai",
        "waktu_satuan",
        "output",
        "lanjut_nomor",
        "lanjut_hasil",
        "tidak_nomor",
        "tidak_hasil",
    ]

    class Media:
        css = {"all": ["css/langkah_admin.css"]}

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name in ("kegiatan", "output"):
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 24})
        if db_field.name in ("nomor", "waktu_nilai", "lanjut_nomor", "tidak_nomor"):
            kwargs["widget"] = forms.NumberInput(attrs={"class": "vSmallIntegerField"})
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        # The pencil/plus/cross icons beside every select crowd a table row; roles and outcomes
        # are edited in their own sections.
        widget = getattr(field, "widget", None)
        for flag in (
            "can_add_related",
            "can_change_related",
            "can_delete_related",
            "can_view_related",
        ):
            if hasattr(widget, flag):
                setattr(widget, flag, False)
        return field


@admin.register(Layanan, site=admin_site)
class LayananAdmin(ScopedAdmin):
    list_display = ["nama_singkat", "kode", "nomor_sop", "jenis_dokumen", "aktif", "lembar_sop"]
    list_filter = ["aktif", "jenis_dokumen"]
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
                    "aktif",
                    "jenis_dokumen",
                    "unit_kerja",
                    ("penentu_dtks", "penentu_dtks_isian"),
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
        (_("Letter"), {"fields": ["judul_surat", "format_nomor_surat"]}),
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

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).select_related("kantor")

    def get_inlines(self, request: HttpRequest, obj: Model | None) -> Any:
        # Steps point at the office's roles and the service's outcomes: save the service first.
        return self.inlines if obj is not None else []

    def get_fieldsets(self, request: HttpRequest, obj: Model | None = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        utama = [f for f in fieldsets[0][1]["fields"] if f != "kantor"]
        return [(None, {"fields": utama}), *fieldsets[1:]]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not request.user.is_superuser:
            obj.kantor = pengguna(request).kantor
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if change:  # a new service has no steps yet (they are added once it is saved)
            _peringatkan_waktu(request, form.instance)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        # A service is retired (aktif off), never deleted: its applications refer to it.
        return request.user.is_superuser


class ParafInline(ScopedInline):
    model = ParafLangkah
    kantor_lookup = "langkah__layanan__kantor"
    fields = ["urutan", "peran"]


class LangkahForm(forms.ModelForm):
    class Meta:
        model = Langkah
        fields = [
            "nomor",
            "kegiatan",
            "peran",
            "jenis",
            "fungsi",
            "kelengkapan",
            "waktu_nilai",
            "waktu_satuan",
            "output",
            "keterangan",
            "lanjut_nomor",
            "lanjut_hasil",
            "tidak_nomor",
            "tidak_hasil",
        ]

    def clean(self) -> dict[str, Any] | None:
        cd = super().clean()
        if cd is None or self.errors or not self.instance.layanan_id:
            return cd
        lain = self.instance.layanan.langkah.exclude(pk=self.instance.pk).select_related(
            "lanjut_hasil", "tidak_hasil"
        )
        alur = [alur_dari_model(s) for s in lain] + [alur_dari_form(cd)]
        kesalahan = periksa_alur(alur, _kode_hasil(self.instance.layanan))
        if kesalahan:
            raise ValidationError([str(k) for k in kesalahan])
        return cd


@admin.register(Langkah, site=admin_site)
class LangkahAdmin(ScopedAdmin):
    """One step on its own page, for its paraf chain; steps are added in the service's page."""

    form = LangkahForm
    kantor_lookup = "layanan__kantor"
    list_display = ["__str__", "layanan", "peran", "jenis", "waktu_teks"]
    list_filter = ["jenis"]
    list_select_related = ["layanan", "peran"]
    inlines = [ParafInline]

    class Media:
        css = {"all": ["css/admin.css"]}

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.related_model is HasilAkhir and field is not None:
            langkah = getattr(request, "_langkah", None)
            field.queryset = field.queryset.filter(
                layanan_id=langkah.layanan_id if langkah else None
            )
        return field

    def get_form(self, request: HttpRequest, obj: Model | None = None, **kwargs: Any) -> Any:
        request._langkah = obj  # type: ignore[attr-defined]
        return super().get_form(request, obj, **kwargs)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        _peringatkan_waktu(request, form.instance.layanan)
