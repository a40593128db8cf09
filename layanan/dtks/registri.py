"""The imported-registry source: answers from the office's own DTKS export, the active period."""

from __future__ import annotations

from django.utils.translation import gettext as _

from layanan.dtks import HasilDtks, OrangDtks, tidak_tersedia
from layanan.models import ImporDtks, StatusDtks, WargaDtks

KOLOM = ("nik", "nomor_kk", "id_dtks", "nama", "alamat", "kelurahan", "desil", "program")


def _orang(baris: tuple) -> OrangDtks:
    data = dict(zip(KOLOM, baris, strict=True))
    data["program"] = tuple(p for p in (data["program"] or "").split(",") if p)
    return OrangDtks(**data)


class AdapterRegistri:
    def __init__(self, impor: ImporDtks | None):
        self.impor = impor

    def _cari(self, **filter_: str) -> HasilDtks:
        if self.impor is None:
            return tidak_tersedia(_("No registry has been imported for this office yet."))
        baris = list(
            WargaDtks.objects.filter(impor_id=self.impor.pk, **filter_).values_list(*KOLOM)[:50]
        )
        if not baris:
            return HasilDtks(StatusDtks.TIDAK_TERDAFTAR, periode=self.impor.periode)
        return HasilDtks(
            StatusDtks.TERDAFTAR, tuple(_orang(b) for b in baris), periode=self.impor.periode
        )

    def cari_nik(self, nik: str) -> HasilDtks:
        return self._cari(nik=nik)

    def cari_kk(self, nomor_kk: str) -> HasilDtks:
        return self._cari(nomor_kk=nomor_kk)
