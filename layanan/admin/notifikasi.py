"""Admin of an office's notifications: the channels it sends by, in order; which events it tells
and with which text (checked in the sandbox before it is saved); and its outbox, read-only."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from layanan.admin.site import ScopedAdmin, ScopedModelAdmin, admin_site
from layanan.models import AturanNotifikasi, JenisSaluran, Kantor, Pesan, SaluranKantor
from layanan.notifikasi.rahasia import sandikan
from layanan.notifikasi.teks import periksa_teks
from layanan.notifikasi.webhook import TANPA_TANDA, kunci_kantor
from layanan.permintaan import pengguna

PESAN_ATURAN_ADA = _("This office already has a rule for this event and service.")
PESAN_SALURAN_ADA = _("This office already has this channel.")


class _KantorSendiri(ScopedAdmin):
    """The office of a new row is the administrator's own (the superuser chooses)."""

    def get_exclude(self, request: HttpRequest, obj: Model | None = None) -> Any:
        return [] if request.user.is_superuser else ["kantor"]

    def get_form(self, request: HttpRequest, obj: Model | None = None, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, **kwargs)
        form.kantor_admin = None if request.user.is_superuser else pengguna(request).kantor
        return form

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not request.user.is_superuser:
            obj.kantor = pengguna(request).kantor
        super().save_model(request, obj, form, change)


class _FormKantor(forms.ModelForm):
    kantor_admin: Kantor | None = None

    def kantor(self) -> Kantor | None:
        cd = self.cleaned_data or {}
        return cd.get("kantor") or self.kantor_admin or getattr(self.instance, "kantor", None)

    def _sudah_ada(self, **saring: Any) -> bool:
        kantor = self.kantor()
        if kantor is None:
            return False
        sama = self._meta.model.objects.filter(kantor=kantor, **saring)  # type: ignore[union-attr]
        return bool(sama.exclude(pk=self.instance.pk).exists())


KOLOM_KEPERCAYAAN = ["alamat_api", "pengirim", "rahasia_env", "token_baru"]


class SaluranKantorForm(_FormKantor):
    alamat_api = forms.URLField(
        label=_("provider's address"),
        required=False,
        assume_scheme="https",
        help_text=_("Empty: the provider's usual address."),
    )
    token_baru = forms.CharField(
        label=_("New token"),
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_("Stored encrypted and never shown. Empty: the token stays as it is."),
    )

    class Meta:
        model = SaluranKantor
        fields = ["kantor", "jenis", "urutan", "aktif", "alamat_api", "pengirim", "rahasia_env"]

    def clean(self) -> dict[str, Any] | None:
        cd = super().clean()
        if cd and cd.get("jenis") and self._sudah_ada(jenis=cd["jenis"]):
            self.add_error("jenis", PESAN_SALURAN_ADA)
        return cd


@admin.register(SaluranKantor, site=admin_site)
class SaluranKantorAdmin(_KantorSendiri):
    """An office orders and switches its channels; where they send and with which credentials
    is the superuser's to set (trust comes from the top), and a token is never shown back."""

    form = SaluranKantorForm
    list_display = ["__str__", "urutan", "aktif", "ada_token"]
    list_editable = ["urutan", "aktif"]
    readonly_fields = ["alamat_laporan"]

    @admin.display(description=_("delivery report address"))
    def alamat_laporan(self, obj: SaluranKantor) -> str:
        """Where the provider posts its delivery reports (set in its dashboard)."""
        if obj.pk is None or obj.jenis not in (*TANPA_TANDA, JenisSaluran.WHATSAPP_CLOUD):
            return "–"
        if obj.jenis == JenisSaluran.WHATSAPP_CLOUD:
            return settings.DINSOS_URL_PUBLIK + reverse("layanan:webhook-whatsapp")
        kunci = kunci_kantor(obj.jenis, obj.kantor.kode)
        if not kunci:
            return str(_("Set DINSOS_WEBHOOK_KUNCI first."))
        alamat = reverse("layanan:webhook-antar", args=[obj.jenis, obj.kantor.kode, kunci])
        return settings.DINSOS_URL_PUBLIK + alamat

    @admin.display(description=_("token set"), boolean=True)
    def ada_token(self, obj: SaluranKantor) -> bool:
        return bool(obj.rahasia or obj.rahasia_env)

    def get_fields(self, request: HttpRequest, obj: Model | None = None) -> Any:
        kolom = ["kantor", "jenis", "urutan", "aktif"]
        if request.user.is_superuser:
            return [*kolom, *KOLOM_KEPERCAYAAN, "alamat_laporan"]
        return kolom[1:]

    def get_exclude(self, request: HttpRequest, obj: Model | None = None) -> Any:
        if request.user.is_superuser:
            return []
        return ["kantor", *KOLOM_KEPERCAYAAN[:-1]]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        token = form.cleaned_data.get("token_baru")
        if token and request.user.is_superuser:  # a forged field from anyone else is ignored
            obj.rahasia = sandikan(token)
        super().save_model(request, obj, form, change)


class AturanNotifikasiForm(_FormKantor):
    class Meta:
        model = AturanNotifikasi
        fields = ["kantor", "peristiwa", "layanan", "aktif", "subjek", "teks", "templat_wa"]
        widgets = {"teks": forms.Textarea(attrs={"rows": 5})}

    def clean(self) -> dict[str, Any] | None:
        cd = super().clean()
        if not cd:
            return cd
        layanan = cd.get("layanan")
        kantor = self.kantor()
        if layanan is not None and kantor is not None and layanan.kantor_id != kantor.pk:
            self.add_error("layanan", _("This service belongs to another office."))
        if cd.get("peristiwa") and self._sudah_ada(peristiwa=cd["peristiwa"], layanan=layanan):
            self.add_error("peristiwa", PESAN_ATURAN_ADA)
        for kolom in ("subjek", "teks"):
            for galat in periksa_teks(cd.get(kolom) or ""):
                self.add_error(kolom, galat)
        return cd


@admin.register(AturanNotifikasi, site=admin_site)
class AturanNotifikasiAdmin(_KantorSendiri):
    form = AturanNotifikasiForm
    list_display = ["__str__", "layanan", "aktif"]
    list_filter = ["peristiwa", "aktif"]
    list_select_related = ["layanan"]


@admin.register(Pesan, site=admin_site)
class PesanAdmin(ScopedModelAdmin):
    """The outbox as sent: nobody edits a message (a failed one is requeued in stage 3)."""

    list_display = ["dibuat_pada", "peristiwa", "saluran", "status", "percobaan", "status_antar"]
    list_filter = ["status", "peristiwa", "saluran"]
    readonly_fields: ClassVar[list[str]] = [
        "permohonan",
        "peristiwa",
        "saluran",
        "penerima",
        "subjek",
        "isi",
        "templat",
        "parameter",
        "status",
        "percobaan",
        "kirim_setelah",
        "id_penyedia",
        "status_antar",
        "galat",
        "dibuat_pada",
        "terkirim_pada",
    ]
    fields = tuple(readonly_fields)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
