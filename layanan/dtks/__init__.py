"""The DTKS lookup contract: what every source answers, whatever it is (manual, import, HTTP).

"Not found" and "the source could not be reached" are different answers: a caller can never read
an outage as "not registered".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from layanan.models import AturanKelayakan, PengaturanDtks, StatusDtks


@dataclass(frozen=True)
class OrangDtks:
    """One registered person as the source describes them."""

    nik: str
    nomor_kk: str = ""
    id_dtks: str = ""
    nama: str = ""
    alamat: str = ""
    kelurahan: str = ""
    desil: int | None = None
    program: tuple[str, ...] = ()


@dataclass(frozen=True)
class HasilDtks:
    status: StatusDtks
    orang: tuple[OrangDtks, ...] = ()  # the person, or the family for a KK lookup
    periode: str = ""
    galat: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def terdaftar(self) -> bool:
        return self.status == StatusDtks.TERDAFTAR

    def untuk_disimpan(self) -> dict[str, Any]:
        return {"orang": [asdict(o) for o in self.orang], **self.data}


def tidak_tersedia(galat: str) -> HasilDtks:
    return HasilDtks(StatusDtks.TIDAK_TERSEDIA, galat=galat[:255])


class AdapterDtks(Protocol):
    """A source of registry answers for one office."""

    def cari_nik(self, nik: str) -> HasilDtks: ...

    def cari_kk(self, nomor_kk: str) -> HasilDtks: ...


def memenuhi(hasil: HasilDtks, pengaturan: PengaturanDtks) -> bool | None:
    """The office's eligibility rule ("terdaftar", or "desil 1–N"); None when unknown."""
    if hasil.status == StatusDtks.TIDAK_TERSEDIA:
        return None
    if not hasil.terdaftar:
        return False
    if pengaturan.aturan == AturanKelayakan.DESIL:
        desil = hasil.orang[0].desil if hasil.orang else None
        return desil is not None and desil <= pengaturan.desil_maks
    return True
