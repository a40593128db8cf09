"""Shared form fields and widgets: dates typed day-first, scans checked for size in the browser."""

from __future__ import annotations

import json
import re
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from layanan.loket.unggahan import batas_ukuran

FORMAT_TANGGAL = "%d/%m/%Y"
# Day first, as Indonesians write a date: with slashes, dashes, dots or nothing between
# ("22/07/1992", "22-07-1992", "22071992"); ISO as well, what a browser's own date field sent.
FORMAT_MASUKAN = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d%m%Y", "%Y-%m-%d"]
PESAN_TANGGAL = _("Type a date that exists, day first: dd/mm/yyyy, e.g. 22/07/1992.")


class TanggalInput(forms.DateInput):
    """A text field for dd/mm/yyyy; static/js/tanggal.js adds the mask and a calendar.

    Not `type="date"`: the browser's own field shows and takes dates in the browser's locale
    (mm/dd/yyyy in an English Chrome, where 22071992 became the year 71992).
    """

    input_type = "text"

    class Media:
        js = ["js/tanggal.js"]
        css = {"all": ["css/tanggal.css"]}

    def __init__(self, attrs: dict[str, Any] | None = None):
        super().__init__(attrs=attrs, format=FORMAT_TANGGAL)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        konteks = super().get_context(name, value, attrs)
        konteks["widget"]["attrs"] = {
            "inputmode": "numeric",
            "autocomplete": "off",
            "maxlength": "10",
            "placeholder": _("dd/mm/yyyy"),
            # The calendar's words, in the page's language (the script has none of its own).
            "data-tanggal": json.dumps(
                {
                    "buka": str(_("Choose a date from the calendar")),
                    "kalender": str(_("Calendar")),
                    "sebelum": str(_("Previous month")),
                    "sesudah": str(_("Next month")),
                    "bulan": str(_("Month")),
                    "tahun": str(_("Year")),
                    "hari_ini": str(_("Today")),
                    "tutup": str(_("Close")),
                }
            ),
            **konteks["widget"]["attrs"],
        }
        return konteks


class TanggalField(forms.DateField):
    widget = TanggalInput
    input_formats = FORMAT_MASUKAN
    default_error_messages = {"invalid": PESAN_TANGGAL}

    def to_python(self, value: Any) -> Any:
        # Eight digits are a whole date; fewer ("1121990") could be read two ways.
        if isinstance(value, str) and re.fullmatch(r"\d{1,7}|\d{9,}", value.strip()):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class PindaianInput(forms.ClearableFileInput):
    """A scan's file input: static/js/berkas.js refuses a file over DINSOS_MAKS_UNGGAHAN_MB in
    the browser, before a 44 MB photo is sent only to be refused (the server checks again)."""

    def __init__(self, attrs: dict[str, Any] | None = None):
        super().__init__(attrs={"accept": "application/pdf,image/jpeg,image/png", **(attrs or {})})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        konteks = super().get_context(name, value, attrs)
        konteks["widget"]["attrs"]["data-maks-bytes"] = str(batas_ukuran())
        konteks["widget"]["attrs"]["data-pesan-besar"] = _(
            "is larger than %(mb)s MB, the most a scan may be, so it was not sent. Make it smaller "
            "(scan at a lower resolution, or save the photo smaller), then choose it again."
        ) % {"mb": settings.DINSOS_MAKS_UNGGAHAN_MB}
        return konteks
