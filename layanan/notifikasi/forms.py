"""The loket's part of notifications: whether the applicant wants messages, and where."""

from __future__ import annotations

from typing import Any

from crispy_forms.layout import Column, Fieldset, Row
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from layanan.notifikasi.nomor import normalkan

PESAN_TANPA_KONTAK = _("Write a WhatsApp number or an e-mail address to send messages to.")


class KontakMixin(forms.Form):
    """Fields and checks the intake form takes on (layanan.forms.loket)."""

    notif_setuju = forms.BooleanField(
        label=_("The applicant wants messages about this application"),
        required=False,
        help_text=_("Only the tracking code, the service and the status: never the NIK."),
    )
    notif_telepon = forms.CharField(
        label=_("WhatsApp/SMS number"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    notif_email = forms.EmailField(label=_("E-mail for messages"), required=False)

    def clean_notif_telepon(self) -> str:
        nomor = self.cleaned_data.get("notif_telepon", "").strip()
        return normalkan(nomor) if nomor else ""

    def periksa_kontak(self, cd: dict[str, Any]) -> None:
        """With consent, somewhere to send to: the number given, else the applicant's phone
        when it is a mobile number."""
        if not cd.get("notif_setuju") or cd.get("notif_telepon") or cd.get("notif_email"):
            return
        if "notif_telepon" in self.errors:
            return
        try:
            cd["notif_telepon"] = normalkan(cd.get("telepon") or "")
        except ValidationError:
            self.add_error("notif_telepon", str(PESAN_TANPA_KONTAK))


def tata_letak_kontak() -> Fieldset:
    return Fieldset(
        _("Messages to the applicant"),
        "notif_setuju",
        Row(
            Column("notif_telepon", css_class="col-md-6"),
            Column("notif_email", css_class="col-md-6"),
        ),
    )
