"""Login lockouts in the admin: an office administrator unlocks their own office's accounts."""

from __future__ import annotations

from axes.admin import AccessAttemptAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessLog
from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from layanan.admin.site import admin_site, boleh_mengatur
from layanan.models import Pengguna
from layanan.permintaan import pengguna


@admin.register(AccessAttempt, site=admin_site)
class PercobaanMasukAdmin(AccessAttemptAdmin):
    """Failed logins per username and address; deleting the row unlocks that pair.

    A username that is no account of the office (a typo, a guess) is the superuser's to see:
    an office administrator sees only their own staff's attempts.
    """

    actions: list[str] = []  # axes' "clean up expired" would reach every office; delete stays

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        qs = super().get_queryset(request)
        user = pengguna(request)
        if user.is_superuser:
            return qs
        if user.kantor_id is None:
            return qs.none()
        staf = Pengguna.objects.filter(kantor_id=user.kantor_id).values("username")
        return qs.filter(username__in=staf)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return boleh_mengatur(request)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return boleh_mengatur(request)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return boleh_mengatur(request)


@admin.register(AccessLog, site=admin_site)
class LogMasukAdmin(AccessLogAdmin):
    """Successful logins of every office: the national superuser's to read."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return pengguna(request).is_superuser

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return pengguna(request).is_superuser

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
