"""NIK and KK checks, with Indonesian messages: what refuses a number, and what only warns."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from layanan.loket import wilayah

POLA_NOTASI_ILMIAH = re.compile(r"^\s*[0-9]+(?:[.,][0-9]+)?\s*[eE]\s*[+-]?\s*[0-9]+\s*$")
DIBUANG = str.maketrans("", "", " .\u00a0")  # spaces and dots people type for readability
ANGKA_ASCII = frozenset("0123456789")


@dataclass(frozen=True)
class NikTerurai:
    """What a valid NIK says: where it was first registered, the birth date, and the sex."""

    nik: str
    kode_kecamatan: str
    tanggal_lahir_mungkin: tuple[dt.date, ...]  # 19yy and/or 20yy
    perempuan: bool

    @property
    def tanggal_teks(self) -> str:
        """The birth date as the NIK writes it, dd-mm-yy."""
        return self.tanggal_lahir_mungkin[0].strftime("%d-%m-%y")


def bersihkan_nomor(nilai: str, nama: str) -> str:
    """Sixteen ASCII digits, or a ValidationError saying what is wrong (NIK and KK alike)."""
    if POLA_NOTASI_ILMIAH.match(nilai or ""):
        raise ValidationError(
            _(
                "The %(nama)s was typed in Excel's scientific notation (like 3.5720E+15), which "
                "loses its last digits. Type all 16 digits from the card."
            )
            % {"nama": nama},
            code="notasi_ilmiah",
        )
    bersih = (nilai or "").translate(DIBUANG)
    if any(c not in ANGKA_ASCII for c in bersih):
        if any(c.isdigit() for c in bersih if c not in ANGKA_ASCII):
            pesan = _(
                "The %(nama)s contains digits that are not plain 0–9 (full-width or another "
                "script). Type it again with ordinary digits."
            )
        else:
            pesan = _("The %(nama)s may contain only digits.")
        raise ValidationError(pesan % {"nama": nama}, code="bukan_angka")
    if len(bersih) != 16:
        raise ValidationError(
            _("The %(nama)s must have 16 digits; %(n)s were typed.")
            % {"nama": nama, "n": len(bersih)},
            code="panjang",
        )
    if bersih == "0" * 16:
        raise ValidationError(_("The %(nama)s cannot be all zeros.") % {"nama": nama}, code="nol")
    if bersih[:2] == "00":
        # No province has code 00 (they run 11-96): a typo, never a registration elsewhere.
        raise ValidationError(
            _("The %(nama)s's province code (first 2 digits) cannot be 00.") % {"nama": nama},
            code="wilayah_nol",
        )
    if bersih[:6] == "000000":
        raise ValidationError(
            _("The %(nama)s's region code (first 6 digits) cannot be 000000.") % {"nama": nama},
            code="wilayah_nol",
        )
    if bersih[12:] == "0000":
        raise ValidationError(
            _("The %(nama)s's serial number (last 4 digits) cannot be 0000.") % {"nama": nama},
            code="urut_nol",
        )
    return bersih


def _tanggal(tahun: int, bulan: int, hari: int) -> dt.date | None:
    try:
        return dt.date(tahun, bulan, hari)
    except ValueError:
        return None


def urai_nik(nilai: str, *, hari_ini: dt.date | None = None) -> NikTerurai:
    """Check a NIK; raise ValidationError with the first reason it cannot be one."""
    nik = bersihkan_nomor(nilai, "NIK")
    hari, bulan, tahun = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    if not 1 <= bulan <= 12:
        raise ValidationError(
            _("Digits 9–10 of the NIK are the birth month; %(b)02d is not a month.") % {"b": bulan},
            code="bulan",
        )
    if not (1 <= hari <= 31 or 41 <= hari <= 71):
        raise ValidationError(
            _("Digits 7–8 of the NIK are the birth day (for women day + 40); %(h)02d is neither.")
            % {"h": hari},
            code="hari",
        )
    perempuan = hari > 40
    hari_ini = hari_ini or dt.date.today()
    mungkin = tuple(
        t
        for t in (
            _tanggal(1900 + tahun, bulan, hari - 40 * perempuan),
            _tanggal(2000 + tahun, bulan, hari - 40 * perempuan),
        )
        if t is not None and t <= hari_ini
    )
    if not mungkin:
        raise ValidationError(
            _("The birth date in the NIK (%(h)02d-%(b)02d-%(t)02d) does not exist.")
            % {"h": hari - 40 * perempuan, "b": bulan, "t": tahun},
            code="tanggal",
        )
    return NikTerurai(nik, nik[:6], mungkin, perempuan)


def peringatan_nik(
    nik: NikTerurai, *, tanggal_lahir: dt.date | None, perempuan: bool | None
) -> list[str]:
    """Reasons to look again that do not refuse the NIK: staff may continue, the reason is kept."""
    hasil = []
    if nik.kode_kecamatan not in wilayah.kode_kecamatan_nik():
        hasil.append(
            _(
                "The NIK's region code %(k)s is not in the Kemendagri list (2025 or older). Check "
                "the card again."
            )
            % {"k": nik.kode_kecamatan}
        )
    if tanggal_lahir is not None and tanggal_lahir not in nik.tanggal_lahir_mungkin:
        hasil.append(
            _("The NIK's birth date is %(nik)s (dd-mm-yy), but %(diketik)s was typed.")
            % {"nik": nik.tanggal_teks, "diketik": tanggal_lahir.strftime("%d-%m-%Y")}
        )
    if perempuan is not None and perempuan != nik.perempuan:
        hasil.append(
            _("The NIK is a woman's (day + 40), but the sex typed is male.")
            if nik.perempuan
            else _("The NIK is a man's, but the sex typed is female.")
        )
    return hasil


def bersihkan_kk(nilai: str) -> str:
    """A family card number: 16 digits with a real region and serial (never a key)."""
    return bersihkan_nomor(nilai, "KK")
