"""The admin site and the office scoping every model admin shares."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Field, Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from layanan.forms.masuk import FormulirMasukAdmin
from layanan.forms.widgets import TanggalField, TanggalInput
from layanan.models import Kantor
from layanan.permintaan import angka, pengguna


def boleh_mengatur(request: HttpRequest) -> bool:
    """A national superuser, or an administrator of an office."""
    return bool(getattr(request.user, "boleh_mengatur", False))


class AdminSite(admin.AdminSite):
    site_header = _("Layanan Dinsos — SOP configuration")
    site_title = _("Layanan Dinsos")
    index_title = _("Office configuration")
    enable_nav_sidebar = False  # SOP tables need the whole width of a 1366px screen
    login_form = FormulirMasukAdmin

    def has_permission(self, request: HttpRequest) -> bool:
        return boleh_mengatur(request)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Pages of our own (the data trail): added by their modules, which import this one.
        self.halaman_tambahan: list[Any] = []

    def tambah_halaman(self, rute: str, view: Any, name: str) -> None:
        self.halaman_tambahan.append((rute, view, name))

    def get_urls(self) -> list[Any]:
        from django.urls import path

        # Django's own "view on site" shortcut looks any object up unscoped and lets a
        # malformed id (a UUID key's) escape as a 500: ours replaces it.
        bawaan = [p for p in super().get_urls() if getattr(p, "name", None) != "view_on_site"]
        return [
            *(path(r, self.admin_view(v), name=n) for r, v, n in self.halaman_tambahan),
            path(
                "r/<str:content_type_id>/<path:object_id>/",
                self.admin_view(self.lihat_di_situs),
                name="view_on_site",
            ),
            *bawaan,
        ]

    def lihat_di_situs(
        self, request: HttpRequest, content_type_id: str, object_id: str
    ) -> HttpResponse:
        """Django's "view on site", scoped: an object this admin shows the user, else a 404."""
        model_admin = self._admin_untuk(angka(content_type_id))
        obj = model_admin.get_object(request, unquote(object_id)) if model_admin else None
        if obj is None or not hasattr(obj, "get_absolute_url"):
            raise Http404
        if not model_admin.has_view_permission(request, obj):  # type: ignore[union-attr]
            raise Http404
        return HttpResponseRedirect(obj.get_absolute_url())

    def _admin_untuk(self, content_type_id: int | None) -> admin.ModelAdmin | None:
        if content_type_id is None:
            return None
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except ContentType.DoesNotExist:
            return None
        return self._registry.get(model) if model else None


admin_site = AdminSite(name="admin")


class KantorScopedMixin:
    """Rows of the user's own office only; foreign keys offer only that office's rows.

    `kantor_lookup` is the path from the model to its office. The permission methods replace
    Django's per-model permissions: an office administrator may configure everything of their
    own office, and nothing of another's (which is a 404, as if it did not exist).
    """

    kantor_lookup = "kantor"
    # Dates typed and shown day-first with our own calendar, as on the loket, instead of the
    # admin's widget (its format and calendar follow the active language's formats).
    formfield_overrides: ClassVar[Mapping[type[Field], Mapping[str, Any]]] = {
        models.DateField: {"form_class": TanggalField, "widget": TanggalInput}
    }

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        qs = super().get_queryset(request)  # type: ignore[misc]
        if request.user.is_superuser:
            return qs
        return qs.filter(**{self.kantor_lookup: pengguna(request).kantor_id})

    def _pastikan_terlihat(self, request: HttpRequest, object_id: str) -> None:
        # simple-history falls back to the history table for objects the queryset does not
        # hold (to show deleted ones), which would show another office's rows: refuse first.
        # get_object reads the id with the key's own field, so a malformed one is a 404 too.
        if self.get_object(request, unquote(object_id)) is None:  # type: ignore[attr-defined]
            raise Http404

    def history_view(self, request: HttpRequest, object_id: str, *args: Any, **kw: Any) -> Any:
        self._pastikan_terlihat(request, object_id)
        return super().history_view(request, object_id, *args, **kw)  # type: ignore[misc]

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, *args: Any, **kw: Any
    ) -> HttpResponse:
        self._pastikan_terlihat(request, object_id)
        opts = self.model._meta  # type: ignore[attr-defined]
        riwayat = getattr(self.model, opts.simple_history_manager_attribute).model  # type: ignore[attr-defined]
        _kunci_atau_404(riwayat._meta.pk, version_id)
        return super().history_form_view(request, object_id, version_id, *args, **kw)  # type: ignore[misc]

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
        kwargs.setdefault("form_class", PilihanBanyak)
        field = super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]
        _batasi(field, db_field.related_model, self.kantor_untuk(request, None), request)
        return field


class PilihanBanyak(forms.ModelMultipleChoiceField):
    """Rows chosen by id; a value that is no id of a row is refused as such before the database
    is asked (SQLite cannot even hold 99999999999999999999: an OverflowError, a 500)."""

    def _check_values(self, value: Any) -> Any:
        for pk in value:
            if not str(pk).isdigit() or int(pk) >= 2**63:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)  # type: ignore[misc]


def _kunci_atau_404(field: Field, nilai: str) -> None:
    """A key typed into a URL that its field cannot read is a missing object, not a 500."""
    try:
        field.to_python(nilai)
    except (ValidationError, ValueError):
        raise Http404 from None


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
    "SumberDtks": "kantor",  # the remote sources offered to the office
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


class RiwayatAdmin(SimpleHistoryAdmin):
    """For the superuser's models with history, not scoped to an office (trusted CAs...).

    simple-history reads the ids in its URLs unchecked: a malformed one would be a 500.
    """

    def history_view(self, request: HttpRequest, object_id: str, *args: Any, **kw: Any) -> Any:
        _kunci_atau_404(self.model._meta.pk, unquote(object_id))  # type: ignore[arg-type]
        return super().history_view(request, object_id, *args, **kw)

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, *args: Any, **kw: Any
    ) -> HttpResponse:
        opts = self.model._meta
        riwayat = getattr(self.model, opts.simple_history_manager_attribute).model  # type: ignore[attr-defined]
        _kunci_atau_404(opts.pk, unquote(object_id))  # type: ignore[arg-type]
        _kunci_atau_404(riwayat._meta.pk, version_id)
        return super().history_form_view(request, object_id, version_id, *args, **kw)


class ScopedModelAdmin(KantorScopedMixin, admin.ModelAdmin):  # type: ignore[misc]
    """For models without history (bulk import records)."""


class ScopedInline(KantorScopedMixin, admin.TabularInline):
    kantor_lookup = "layanan__kantor"
    extra = 0

    def get_formset(self, request: HttpRequest, obj: Model | None = None, **kwargs: Any) -> Any:
        request._kantor_induk = _kantor_dari(obj)  # type: ignore[attr-defined]
        request._layanan_induk = obj  # type: ignore[attr-defined]
        return super().get_formset(request, obj, **kwargs)
