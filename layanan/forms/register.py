"""The registers' search: by number, applicant's name, NIK, service and a range of days."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from layanan.forms.widgets import FORMAT_TANGGAL, TanggalField
from layanan.loket.validators import bersihkan_nomor
from layanan.models import Layanan
from layanan.surat.register import SaringanRegister

PESAN_RENTANG = _("The end date is before the start date.")


class FormulirCariRegister(forms.Form):
    """Sent by POST; what it finds by is kept in the session (`untuk_sesi`), never in a URL."""

    label_nomor = _("Number")
    label_dari = _("From")
    label_sampai = _("Until")

    nomor = forms.CharField(max_length=120, required=False)
    nama = forms.CharField(label=_("Applicant's name"), max_length=150, required=False)
    nik = forms.CharField(label=_("Applicant's NIK"), max_length=40, required=False)
    layanan = forms.TypedChoiceField(
        label=_("Service"), coerce=int, empty_value=None, required=False
    )
    dari = TanggalField(required=False)
    sampai = TanggalField(required=False)

    def __init__(self, *args: Any, layanan: Iterable[Layanan], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["nomor"].label = self.label_nomor
        self.fields["dari"].label = self.label_dari
        self.fields["sampai"].label = self.label_sampai
        self.fields["layanan"].choices = [  # type: ignore[attr-defined]
            ("", _("All services")),
            *((str(item.pk), item.nama_tampil) for item in layanan),
        ]
        for nama in ("nomor", "nama", "nik"):
            self.fields[nama].widget.attrs["autocomplete"] = "off"
        self.fields["nik"].widget.attrs["inputmode"] = "numeric"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.include_media = False  # the page puts the date fields' script in its place
        self.helper.layout = Layout(
            Row(
                Column("nomor", css_class="col-sm-6 col-lg-4"),
                Column("nama", css_class="col-sm-6 col-lg-4"),
                Column("nik", css_class="col-sm-6 col-lg-4"),
                Column("layanan", css_class="col-sm-6 col-lg-4"),
                Column("dari", css_class="col-sm-6 col-lg-4"),
                Column("sampai", css_class="col-sm-6 col-lg-4"),
            )
        )

    def clean_nomor(self) -> str:
        return self.cleaned_data["nomor"].strip()

    def clean_nama(self) -> str:
        return " ".join(self.cleaned_data["nama"].split())

    def clean_nik(self) -> str:
        nik = self.cleaned_data["nik"].strip()
        return bersihkan_nomor(nik, "NIK") if nik else ""

    def clean(self) -> dict[str, Any]:
        cd = super().clean() or {}
        if cd.get("dari") and cd.get("sampai") and cd["sampai"] < cd["dari"]:
            self.add_error("sampai", PESAN_RENTANG)
        return cd

    def saringan(self) -> SaringanRegister:
        cd = self.cleaned_data
        return SaringanRegister(
            nomor=cd["nomor"],
            nama=cd["nama"],
            nik=cd["nik"],
            layanan_id=cd["layanan"],
            dari=cd["dari"],
            sampai=cd["sampai"],
        )

    def untuk_sesi(self) -> dict[str, str]:
        """The search as the form takes it back: strings only, dates as they are typed."""
        cd = self.cleaned_data
        return {
            "nomor": cd["nomor"],
            "nama": cd["nama"],
            "nik": cd["nik"],
            "layanan": str(cd["layanan"] or ""),
            "dari": cd["dari"].strftime(FORMAT_TANGGAL) if cd["dari"] else "",
            "sampai": cd["sampai"].strftime(FORMAT_TANGGAL) if cd["sampai"] else "",
        }


class FormulirCariSurat(FormulirCariRegister):
    label_nomor = _("Letter number")
    label_dari = _("Signed from")
    label_sampai = _("Signed until")


class FormulirCariTandaTerima(FormulirCariRegister):
    label_nomor = _("Registration number")
    label_dari = _("Registered from")
    label_sampai = _("Registered until")
