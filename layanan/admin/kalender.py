"""Admin of the working calendar: a national year is filled from the holidays package and
confirmed by a superuser; an office administrator adds the office's own regional days."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from layanan.admin.site import ScopedAdmin, admin_site
from layanan.hari_kerja import isi_tahun, libur_berubah
from layanan.models import HariLibur
from layanan.permintaan import pengguna


@admin.register(HariLibur, site=admin_site)
class HariLiburAdmin(ScopedAdmin):
    list_display = ["tanggal", "nama", "jenis", "kantor", "dikonfirmasi"]
    list_filter = ["jenis", "dikonfirmasi"]
    date_hierarchy = "tanggal"
    actions = ["konfirmasi", "isi_tahun_depan"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        qs: QuerySet = admin.ModelAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return qs
        return qs.filter(Q(kantor=None) | Q(kantor=pengguna(request).kantor))

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        # National days are the superuser's; an office edits only its own regional days.
        if obj is not None and obj.kantor_id is None:  # type: ignore[attr-defined]
            return request.user.is_superuser
        return super().has_change_permission(request, obj)

    has_delete_permission = has_change_permission

    def get_exclude(self, request: HttpRequest, obj: Model | None = None) -> Any:
        return [] if request.user.is_superuser else ["kantor", "dikonfirmasi"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not request.user.is_superuser:
            obj.kantor = pengguna(request).kantor
            obj.dikonfirmasi = True
        super().save_model(request, obj, form, change)
        libur_berubah()

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        super().delete_model(request, obj)
        libur_berubah()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        super().delete_queryset(request, queryset)
        libur_berubah()

    @admin.action(description=_("Confirm the selected days"))
    def konfirmasi(self, request: HttpRequest, queryset: QuerySet) -> None:
        if not request.user.is_superuser:
            queryset = queryset.exclude(kantor=None)
        queryset.update(dikonfirmasi=True)
        libur_berubah()

    @admin.action(description=_("Fill next year's national days from the holidays package"))
    def isi_tahun_depan(self, request: HttpRequest, queryset: QuerySet) -> None:
        from django.utils import timezone

        tahun = timezone.localdate().year + 1
        n = isi_tahun(tahun)
        messages.info(
            request, _("%(n)s days of %(t)s added, to be confirmed.") % {"n": n, "t": tahun}
        )
