"""Forms of the DTKS step: the operator's manual record, and a registry upload."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from layanan.dtks.services import Subjek
from layanan.forms.widgets import PindaianInput
from layanan.loket.unggahan import BerkasBersih, periksa_unggahan

PROGRAM = [
    ("PKH", "PKH"),
    ("BPNT", "BPNT / Sembako"),
    ("PBI-JK", "PBI-JK"),
    ("PIP", "PIP"),
    ("BLT", "BLT"),
]


class FormulirDtksManual(forms.Form):
    subjek = forms.ChoiceField(label=_("Person checked"))
    terdaftar = forms.TypedChoiceField(
        label=_("What SIKS-NG shows"),
        coerce=lambda v: v == "ya",
        widget=forms.RadioSelect,
        choices=[("ya", _("Registered")), ("tidak", _("Not registered"))],
    )
    id_dtks = forms.CharField(label=_("DTKS id"), max_length=40, required=False)
    desil = forms.IntegerField(label=_("Desil"), min_value=1, max_value=10, required=False)
    program = forms.MultipleChoiceField(
        label=_("Programmes received"),
        choices=PROGRAM,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    bukti = forms.FileField(
        label=_("Evidence: screenshot or print of the SIKS-NG page"),
        help_text=_("PDF, JPEG or PNG."),
        widget=PindaianInput,
    )

    def __init__(self, *args: Any, subjek: list[Subjek], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.daftar_subjek = {s.nik: s for s in subjek}
        self.fields["subjek"].choices = [  # type: ignore[attr-defined]
            (s.nik, f"{s.label} ({s.nik})") for s in subjek
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_bukti(self) -> BerkasBersih:
        return periksa_unggahan(self.cleaned_data["bukti"])

    def clean(self) -> dict[str, Any] | None:
        cd = super().clean()
        if cd and cd.get("terdaftar") is False and (cd.get("desil") or cd.get("program")):
            raise ValidationError(_("A person not registered has no desil or programmes."))
        return cd


class FormulirImporDtks(forms.Form):
    periode = forms.CharField(
        label=_("Data period"), max_length=30, help_text=_("As the export names it, e.g. 2026-09.")
    )
    berkas = forms.FileField(label=_("Export file (CSV or XLSX)"))
