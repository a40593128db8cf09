"""Read-only admin list of applications (changes go through the loket and the step engine)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from layanan.admin.site import ScopedModelAdmin, admin_site
from layanan.models import Permohonan


@admin.register(Permohonan, site=admin_site)
class PermohonanAdmin(ScopedModelAdmin):
    list_display = [
        "nomor_registrasi",
        "pemohon",
        "layanan",
        "status",
        "langkah_nomor",
        "dibuat_pada",
    ]
    list_filter = ["status"]
    list_select_related = ["pemohon", "layanan"]
    search_fields = ["nomor_registrasi"]
    show_full_result_count = False  # a COUNT over every row per page view buys nothing here

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
