"""A letter number pattern (`{nomor}/{bulan_romawi}/{tahun}`) as an administrator writes it: checked
and filled without str.format, which would walk attributes (`{nomor.__class__}`)."""

from __future__ import annotations

import re
import string
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

NAMA_POLA_NOMOR = ("nomor", "bulan", "bulan_romawi", "tahun")
FORMAT_ANGKA = re.compile(r"^(0?[1-9])?d?$")  # "", "d", "03d", "5": zero-padding only


def _bagian_pola(pola: str) -> list[tuple[str, str | None, str]]:
    try:
        return [(teks, nama, spek or "") for teks, nama, spek, _k in string.Formatter().parse(pola)]
    except ValueError as exc:
        raise ValidationError(_("The number format is not valid: %(e)s") % {"e": exc}) from exc


def periksa_pola_nomor(pola: str) -> None:
    """A letter number pattern may use only its placeholders, with at most a zero-padding width."""
    for _teks, nama, spek in _bagian_pola(pola):
        if nama is None:
            continue
        if nama not in NAMA_POLA_NOMOR or not FORMAT_ANGKA.match(spek):
            raise ValidationError(
                _("Unknown placeholder {%(nama)s}; use only %(boleh)s.")
                % {
                    "nama": nama + (f":{spek}" if spek else ""),
                    "boleh": ", ".join("{" + n + "}" for n in NAMA_POLA_NOMOR),
                }
            )


def isi_pola_nomor(pola: str, nilai: dict[str, Any]) -> str:
    """The pattern filled in; only the known names, looked up in `nilai`, never attributes."""
    periksa_pola_nomor(pola)
    keluar = []
    for teks, nama, spek in _bagian_pola(pola):
        keluar.append(teks)
        if nama is not None:
            isi = nilai[nama]
            keluar.append(format(isi, spek) if isinstance(isi, int) else str(isi))
    return "".join(keluar)
