"""The correction form: the applicant's details and the service's fields as they stand, and the
reason (required). It validates; the service (layanan.loket.koreksi) writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from layanan.forms.loket import field_isian
from layanan.forms.widgets import TanggalField
from layanan.loket.koreksi import KOLOM_KOREKSI
from layanan.models import Permohonan


class FormulirKoreksi(forms.Form):
    nama = forms.CharField(label=_("full name"), max_length=150)
    tempat_lahir = forms.CharField(label=_("place of birth"), max_length=100, required=False)
    tanggal_lahir = TanggalField(label=_("date of birth"), required=False)
    alamat = forms.CharField(label=_("address"), max_length=255)
    rt = forms.CharField(label=_("RT"), max_length=3, required=False)
    rw = forms.CharField(label=_("RW"), max_length=3, required=False)
    telepon = forms.CharField(label=_("phone"), max_length=20, required=False)
    alasan = forms.CharField(
        label=_("Reason for the correction (kept with the application)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, permohonan: Permohonan, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                **{k: getattr(permohonan.pemohon, k) for k in KOLOM_KOREKSI},
                **{f"isian_{k}": v for k, v in permohonan.isian.items()},
            },
        )
        super().__init__(*args, **kwargs)
        self.kolom_isian = list(permohonan.layanan.isian.all())
        for kolom in self.kolom_isian:
            self.fields[f"isian_{kolom.kode}"] = field_isian(kolom)
        self.fields["alasan"] = self.fields.pop("alasan")  # the reason comes last

    def data_pemohon(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in KOLOM_KOREKSI}

    def data_isian(self) -> dict[str, Any]:
        return {k.kode: self.cleaned_data.get(f"isian_{k.kode}") for k in self.kolom_isian}
