"""The admin site and the office scoping every model admin shares."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from layanan.models import Kantor
from layanan.permintaan import pengguna


def boleh_mengatur(request: HttpRequest) -> bool:
    """A national superuser, or an administrator of an office."""
    user = pengguna(request)
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return bool(getattr(user, "adalah_admin_kantor", False) and user.kantor_id)


class AdminSite(admin.AdminSite):
    site_header = _("Layanan Dinsos — SOP configuration")
    site_title = _("Layanan Dinsos")
    index_title = _("Office configuration")
    enable_nav_sidebar = False  # SOP tables need the whole width of a 1366px screen

    def has_permission(self, request: HttpRequest) -> bool:
        return boleh_mengatur(request)

    def get_urls(self) -> list[Any]:
        from django.urls import path

        from layanan.admin.jejak import jejak_view

        return [
            path("jejak-akses/", self.admin_view(jejak_view), name="jejak-akses"),
            *super().get_urls(),
        ]


admin_site = AdminSite(name="admin")


class KantorScopedMixin:
    """Rows of the user's own office only; foreign keys offer only that office's rows.

    `kantor_lookup` is the path from the model to its office. The permission methods replace
    Django's per-model permissions: an office administrator may configure everything of their
    own office, and nothing of another's (which is a 404, as if it did not exist).
    """

    kantor_lookup = "kantor"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        qs = super().get_queryset(request)  # type: ignore[misc]
        if request.user.is_superuser:
            return qs
        return qs.filter(**{self.kantor_lookup: pengguna(request).kantor_id})

    def _pastikan_terlihat(self, request: HttpRequest, object_id: str) -> None:
        # simple-history falls back to the history table for objects the queryset does not
        # hold (to show deleted ones), which would show another office's rows: refuse first.
        if not self.get_queryset(request).filter(pk=unquote(object_id)).exists():
            raise Http404

    def history_view(self, request: HttpRequest, object_id: str, *args: Any, **kw: Any) -> Any:
        self._pastikan_terlihat(request, object_id)
        return super().history_view(request, object_id, *args, **kw)  # type: ignore[misc]

    def history_form_view(
        self, request: HttpRequest, object_id: str, *args: Any, **kw: Any
    ) -> HttpResponse:
        self._pastikan_terlihat(request, object_id)
        return super().history_form_view(request, object_id, *args, **kw)  # type: ignore[misc]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return boleh_mengatur(request)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return boleh_mengatur(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return boleh_mengatur(request)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return boleh_mengatur(request)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return boleh_mengatur(request)

    def kantor_untuk(self, request: HttpRequest, obj: Model | None) -> Kantor | None:
        """The office whose rows a form on this page may point at."""
        if not request.user.is_superuser:
            return pengguna(request).kantor
        return getattr(request, "_kantor_induk", None)

    def get_form(  # type: ignore[override]
        self, request: HttpRequest, obj: Model | None = None, **kwargs: Any
    ) -> Any:
        request._kantor_induk = _kantor_dari(obj)  # type: ignore[attr-defined]
        return super().get_form(request, obj, **kwargs)  # type: ignore[misc]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]
        _batasi(field, db_field.related_model, self.kantor_untuk(request, None), request)
        return field

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]
        _batasi(field, db_field.related_model, self.kantor_untuk(request, None), request)
        return field


def _kantor_dari(obj: Model | None) -> Kantor | None:
    if obj is None:
        return None
    if isinstance(obj, Kantor):
        return obj
    kantor = getattr(obj, "kantor", None)
    if kantor is None and getattr(obj, "layanan_id", None):
        kantor = obj.layanan.kantor  # type: ignore[attr-defined]
    return kantor


# How each configurable model reaches its office, for limiting choices in forms.
JALAN_KANTOR = {
    "Kantor": "pk",
    "Peran": "kantor",
    "Pejabat": "kantor",
    "Pengguna": "kantor",
    "Layanan": "kantor",
    "HasilAkhir": "layanan__kantor",
    "KategoriPemohon": "layanan__kantor",
}


def _batasi(field: Any, model: type[Model], kantor: Kantor | None, request: HttpRequest) -> None:
    jalan = JALAN_KANTOR.get(model.__name__)
    if field is None or jalan is None or not hasattr(field, "queryset"):
        return
    if kantor is None and request.user.is_superuser:
        return
    field.queryset = field.queryset.filter(**{jalan: kantor.pk if kantor else None})


class ScopedAdmin(KantorScopedMixin, SimpleHistoryAdmin):
    """For models with history: office-scoped, with simple-history's history pages."""


class ScopedModelAdmin(KantorScopedMixin, admin.ModelAdmin):  # type: ignore[misc]
    """For models without history (bulk import records)."""


class ScopedInline(KantorScopedMixin, admin.TabularInline):
    kantor_lookup = "layanan__kantor"
    extra = 0

    def get_formset(self, request: HttpRequest, obj: Model | None = None, **kwargs: Any) -> Any:
        request._kantor_induk = _kantor_dari(obj)  # type: ignore[attr-defined]
        request._layanan_induk = obj  # type: ignore[attr-defined]
        return super().get_formset(request, obj, **kwargs)
