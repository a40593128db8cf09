"""Admin of an office's complaint handling: its settings (the SOP that walks complaints, who
handles appeals, who sees complaints about officers, the forwarding letter), kinds and the
two-level categories with their limits and handling roles. Complaints themselves are not here:
they are read by their handling roles only (layanan.pengaduan.selectors), never by whoever
administers the office."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from layanan.admin.site import ScopedAdmin, admin_site
from layanan.models import (
    JenisPengaduan,
    Kantor,
    KategoriPengaduan,
    PengaturanPengaduan,
)
from layanan.pengaduan.bawaan import pengaduan_isi_bawaan
from layanan.pengaduan.surat import periksa_isi
from layanan.permintaan import pengguna

PESAN_KODE_ADA = _("This office already has one with this code.")


class _KantorMixin(ScopedAdmin):
    """The office of a new row is the administrator's own (the superuser chooses)."""

    def get_exclude(self, request: HttpRequest, obj: Model | None = None) -> Any:
        return [] if request.user.is_superuser else ["kantor"]

    def get_list_display(self, request: HttpRequest) -> Any:
        tampil = super().get_list_display(request)
        return [*tampil, "kantor"] if request.user.is_superuser else tampil

    def get_form(self, request: HttpRequest, obj: Model | None = None, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, **kwargs)
        form.kantor_admin = None if request.user.is_superuser else pengguna(request).kantor
        return form

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not request.user.is_superuser:
            obj.kantor = pengguna(request).kantor
        super().save_model(request, obj, form, change)


class _FormKantor(forms.ModelForm):
    """Checks what the database would refuse (one code per office) before it refuses it."""

    kantor_admin: Kantor | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.kantor_admin is not None and not self.instance.kantor_id:
            self.instance.kantor = self.kantor_admin

    def kantor(self) -> Kantor | None:
        cd = self.cleaned_data or {}
        return cd.get("kantor") or self.kantor_admin or getattr(self.instance, "kantor", None)

    def clean(self) -> dict[str, Any] | None:
        cd = super().clean()
        kode, kantor = (cd or {}).get("kode"), self.kantor()
        if kode and kantor is not None:
            sama = self._meta.model.objects.filter(kantor=kantor, kode=kode)  # type: ignore[union-attr]
            if sama.exclude(pk=self.instance.pk).exists():
                self.add_error("kode", PESAN_KODE_ADA)
        return cd


class JenisPengaduanForm(_FormKantor):
    class Meta:
        model = JenisPengaduan
        fields = ["kantor", "kode", "nama", "urutan", "aktif"]


@admin.register(JenisPengaduan, site=admin_site)
class JenisPengaduanAdmin(_KantorMixin):
    form = JenisPengaduanForm
    list_display = ["nama", "kode", "urutan", "aktif"]
    list_editable = ["urutan", "aktif"]


class KategoriPengaduanForm(_FormKantor):
    class Meta:
        model = KategoriPengaduan
        fields = [
            "kantor",
            "induk",
            "kode",
            "nama",
            "urutan",
            "batas_hari_kerja",
            "peran",
            "tentang_petugas",
            "aktif",
        ]


@admin.register(KategoriPengaduan, site=admin_site)
class KategoriPengaduanAdmin(_KantorMixin):
    form = KategoriPengaduanForm
    list_display = ["__str__", "kode", "batas_hari_kerja", "peran", "tentang_petugas", "aktif"]
    list_filter = ["tentang_petugas", "aktif"]
    list_select_related = ["induk", "peran"]
    search_fields = ["nama", "kode"]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "induk" and field is not None:
            kantor = self.kantor_untuk(request, None)
            qs = field.queryset.filter(induk__isnull=True)  # two levels at most
            field.queryset = qs.filter(kantor=kantor) if kantor is not None else qs
        return field


class PengaturanPengaduanForm(_FormKantor):
    class Meta:
        model = PengaturanPengaduan
        fields = [
            "kantor",
            "layanan",
            "peran_penangan",
            "peran_pimpinan",
            "peran_pengawas",
            "peran_banding",
            "maks_perpanjangan_hari",
            "judul_penerusan",
            "format_nomor_penerusan",
            "isi_penerusan",
        ]
        widgets = {
            "isi_penerusan": forms.Textarea(attrs={"rows": 14, "cols": 100, "spellcheck": "false"})
        }

    def clean(self) -> dict[str, Any] | None:
        cd = super().clean()
        kantor = self.kantor()
        if cd and cd.get("isi_penerusan") and kantor is not None:
            kesalahan = periksa_isi(cd["isi_penerusan"], kantor)
            if kesalahan:
                raise ValidationError({"isi_penerusan": kesalahan})
        return cd


@admin.register(PengaturanPengaduan, site=admin_site)
class PengaturanPengaduanAdmin(_KantorMixin):
    form = PengaturanPengaduanForm
    list_display = ["__str__", "layanan", "peran_pimpinan"]
    list_select_related = ["kantor", "layanan", "peran_pimpinan"]
    filter_horizontal = ["peran_pengawas"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change:  # an office begins to receive complaints: its kinds and categories
            pengaduan_isi_bawaan(kantor=obj.kantor)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        # One per office: an administrator whose office has its settings edits them.
        if not request.user.is_superuser:
            kantor = pengguna(request).kantor
            if kantor is not None and hasattr(kantor, "pengaturan_pengaduan"):
                return False
        return super().has_add_permission(request, *args)
