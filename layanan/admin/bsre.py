"""Admin of an office's BSrE signing: its administrator turns it on and picks one of the addresses
the server's operator allows; the credentials stay in the environment, named here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from layanan.admin.site import ScopedAdmin, admin_site, boleh_mengatur
from layanan.models import PengaturanBsre
from layanan.permintaan import pengguna


class PengaturanBsreForm(forms.ModelForm):
    # A choice among the operator's addresses, not a free URL: nothing else is ever called.
    alamat = forms.ChoiceField(
        label=_("service address"),
        choices=(),
        help_text=_("One of the addresses the server's operator allows (DINSOS_BSRE_ALAMAT)."),
    )

    class Meta:
        model = PengaturanBsre
        fields = ["kantor", "aktif", "versi", "alamat", "env_pengguna", "env_sandi", "batas_waktu"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "alamat" in self.fields:
            self.fields["alamat"].choices = [("", "---------")] + [  # type: ignore[attr-defined]
                (a, a) for a in settings.DINSOS_BSRE_ALAMAT
            ]


@admin.register(PengaturanBsre, site=admin_site)
class PengaturanBsreAdmin(ScopedAdmin):
    """The office administrator's choices. The roots that make a BSrE signature trusted are the
    national superuser's (Otoritas sertifikat), and the addresses and secrets the operator's."""

    form = PengaturanBsreForm
    list_display = ["__str__", "aktif", "versi", "alamat"]
    list_select_related = ["kantor"]
    fields = ["kantor", "aktif", "versi", "alamat", "env_pengguna", "env_sandi", "batas_waktu"]

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> Any:
        return [] if request.user.is_superuser else ["kantor"]

    def get_form(self, request: HttpRequest, obj: Model | None = None, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, **kwargs)
        kantor = None if request.user.is_superuser else pengguna(request).kantor

        class FormKantor(form):  # type: ignore[valid-type,misc]
            def __init__(self, *args: Any, **kw: Any) -> None:
                super().__init__(*args, **kw)
                if kantor is not None and self.instance.kantor_id is None:
                    self.instance.kantor = kantor

        return FormKantor

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        if request.user.is_superuser:
            return True
        kantor = pengguna(request).kantor  # one row per office: added once, then changed
        return (
            boleh_mengatur(request)
            and kantor is not None
            and not PengaturanBsre.objects.filter(kantor=kantor).exists()
        )

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
