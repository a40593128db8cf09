"""Admin of an office's satisfaction survey: its settings (who runs it, partial answers, who
signs the report), the elements it adds to the regulation's nine, and its kiosks — created
with a token shown once (only its hash is kept) and revoked, never deleted. The answers
themselves are not here: nobody edits them, and nobody reads one by one what citizens said."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from layanan.admin.pengaduan import _FormKantor, _KantorMixin
from layanan.admin.site import admin_site
from layanan.ikm import services
from layanan.models import KiosIkm, PengaturanIkm, UnsurTambahanIkm
from layanan.permintaan import pengguna, url_publik


class PengaturanIkmForm(_FormKantor):
    class Meta:
        model = PengaturanIkm
        fields = ["kantor", "peran_pengelola", "izinkan_sebagian", "penandatangan"]


@admin.register(PengaturanIkm, site=admin_site)
class PengaturanIkmAdmin(_KantorMixin):
    form = PengaturanIkmForm
    list_display = ["__str__", "izinkan_sebagian", "penandatangan"]
    list_select_related = ["kantor", "penandatangan"]
    filter_horizontal = ["peran_pengelola"]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        # One per office: an administrator whose office has its settings edits them.
        if not request.user.is_superuser:
            kantor = pengguna(request).kantor
            if kantor is not None and PengaturanIkm.objects.filter(kantor=kantor).exists():
                return False
        return super().has_add_permission(request, *args)


class UnsurTambahanIkmForm(_FormKantor):
    class Meta:
        model = UnsurTambahanIkm
        fields = [
            "kantor",
            "kode",
            "urutan",
            "nama",
            "pertanyaan",
            "jawaban_1",
            "jawaban_2",
            "jawaban_3",
            "jawaban_4",
            "aktif",
        ]


@admin.register(UnsurTambahanIkm, site=admin_site)
class UnsurTambahanIkmAdmin(_KantorMixin):
    form = UnsurTambahanIkmForm
    list_display = ["nama", "kode", "urutan", "aktif"]
    list_editable = ["urutan", "aktif"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Answers name an element by its code: once it exists the code stays.
        return ["kode"] if obj is not None else []

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # past answers still count: an element is switched off instead


class KiosIkmForm(_FormKantor):
    class Meta:
        model = KiosIkm
        fields = ["kantor", "nama"]


@admin.register(KiosIkm, site=admin_site)
class KiosIkmAdmin(_KantorMixin):
    form = KiosIkmForm
    list_display = ["nama", "dibuat_pada", "dibuat_oleh", "dicabut_pada", "dicabut_oleh"]
    list_select_related = ["dibuat_oleh", "dicabut_oleh", "kantor"]
    readonly_fields = ["dibuat_oleh", "dibuat_pada", "dicabut_pada", "dicabut_oleh"]
    actions = ["cabut"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            token = services.token_kios_baru()
            obj.sidik = services.sidik_token(token)
            obj.dibuat_oleh = pengguna(request)
            request._token_kios = token  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)

    def response_add(self, request: HttpRequest, obj: Any, post_url_continue: Any = None) -> Any:
        token = getattr(request, "_token_kios", "")
        if token:
            messages.warning(
                request,
                _(
                    "Kiosk token of “%(nama)s”, shown only this once: %(token)s — on the "
                    "tablet, open %(url)s and paste it."
                )
                % {
                    "nama": obj.nama,
                    "token": token,
                    "url": url_publik(request, reverse("layanan:ikm-kios-pasang")),
                },
            )
        return super().response_add(request, obj, post_url_continue)

    @admin.action(description=_("Revoke the selected kiosks"))
    def cabut(self, request: HttpRequest, queryset: QuerySet[KiosIkm]) -> HttpResponse | None:
        for kios in queryset:
            services.kios_cabut(kios=kios, oleh=pengguna(request))
        self.message_user(request, _("Revoked: they no longer take answers."), messages.SUCCESS)
        return None

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # answers name the kiosk they came from: revoke instead
