"""The security log in the admin (read-only, the office's own rows), and resetting a colleague's
two-step login."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from layanan.admin.site import KantorScopedMixin, admin_site
from layanan.masuk.dua_langkah import dua_langkah_reset
from layanan.models import CatatanKeamanan
from layanan.permintaan import pengguna


@admin.register(CatatanKeamanan, site=admin_site)
class CatatanKeamananAdmin(KantorScopedMixin, admin.ModelAdmin):  # type: ignore[misc]
    list_display = ["pada", "jenis", "oleh", "sasaran", "keterangan", "alamat_ip"]
    list_filter = ["jenis"]
    date_hierarchy = "pada"
    list_select_related = ["oleh", "sasaran"]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.action(description=_("Reset two-step login (lost phone)"))
def reset_dua_langkah(modeladmin: Any, request: HttpRequest, queryset: QuerySet) -> None:
    """The queryset is the admin's own office's accounts only (KantorScopedMixin)."""
    oleh = pengguna(request)
    jumlah = 0
    for user in queryset:
        dua_langkah_reset(user=user, oleh=oleh, request=request)
        jumlah += 1
    modeladmin.message_user(
        request,
        ngettext(
            "Two-step login reset for %(n)s account: it sets up a new app at its next login.",
            "Two-step login reset for %(n)s accounts: each sets up a new app at its next login.",
            jumlah,
        )
        % {"n": jumlah},
        messages.SUCCESS,
    )
