"""The dashboard's choice of period, service and (for a national superuser) office: sent by GET,
it holds no personal data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from layanan.dasbor.periode import Periode
from layanan.forms.widgets import TanggalField
from layanan.models import Kantor, Layanan

PESAN_RENTANG = _("The end date is before the start date.")
PESAN_PANJANG = _("Choose a period of at most two years.")
HARI_MAKS = 2 * 366


class FormulirDasbor(forms.Form):
    dari = TanggalField(label=_("From"), required=False)
    sampai = TanggalField(label=_("Until"), required=False)
    layanan = forms.TypedChoiceField(
        label=_("Service"), coerce=int, empty_value=None, required=False
    )
    kantor = forms.ChoiceField(label=_("Office"), required=False)

    def __init__(
        self,
        *args: Any,
        layanan: Iterable[Layanan],
        kantor: Iterable[Kantor] = (),
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.fields["layanan"].choices = [  # type: ignore[attr-defined]
            ("", _("All services")),
            *((str(item.pk), item.nama_tampil) for item in layanan),
        ]
        self.fields["layanan"].widget.attrs["class"] = "form-select"
        for nama in ("dari", "sampai"):
            self.fields[nama].widget.attrs["class"] = "form-control"
        pilihan = [(k.kode, str(k)) for k in kantor]
        if pilihan:
            self.fields["kantor"].choices = pilihan  # type: ignore[attr-defined]
            self.fields["kantor"].widget.attrs["class"] = "form-select"
        else:
            del self.fields["kantor"]

    def clean(self) -> dict[str, Any]:
        cd = super().clean() or {}
        dari, sampai = cd.get("dari"), cd.get("sampai")
        if dari and sampai and sampai < dari:
            self.add_error("sampai", PESAN_RENTANG)
        elif dari and sampai and (sampai - dari).days > HARI_MAKS:
            self.add_error("sampai", PESAN_PANJANG)
        return cd

    def periode(self, hari_ini: dt.date) -> Periode:
        """The chosen period; this month to date when none (or a refused one) was chosen."""
        bawaan = Periode(hari_ini.replace(day=1), hari_ini)
        if not self.is_bound or not self.is_valid():
            return bawaan
        dari = self.cleaned_data.get("dari") or bawaan.dari
        sampai = self.cleaned_data.get("sampai") or max(dari, hari_ini)
        return Periode(dari, sampai) if dari <= sampai else bawaan

    def layanan_id(self) -> int | None:
        if not self.is_bound or not self.is_valid():
            return None
        return self.cleaned_data.get("layanan")
