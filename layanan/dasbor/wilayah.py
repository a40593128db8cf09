"""Applications of the period by the applicant's place: per kecamatan and kelurahan of the
office's own region list (Kemendagri codes, layanan.loket.wilayah), with every place of the list
shown, none counted at zero hidden, and the addresses outside it (or typed without a code) in a
row of their own."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from layanan.dasbor.angka import kelompok_permohonan
from layanan.dasbor.periode import Periode
from layanan.loket import wilayah
from layanan.models import Kantor

KODE_LUAR = "luar"


@dataclass
class BarisWilayah:
    kode: str
    nama: str
    jumlah: int = 0
    kelurahan: list[BarisWilayah] = field(default_factory=list)


@dataclass
class AngkaWilayah:
    kecamatan: list[BarisWilayah]
    luar: int
    total: int

    @property
    def terbanyak(self) -> int:
        return max([k.jumlah for k in self.kecamatan] + [self.luar, 0])


@lru_cache(maxsize=64)
def daftar_wilayah(
    kode_kota: str,
) -> tuple[tuple[wilayah.Wilayah, tuple[wilayah.Wilayah, ...]], ...]:
    """An office's kecamatan, each with its kelurahan: read once per process (the national list
    is scanned whole for each level)."""
    return tuple((kec, tuple(wilayah.anak(kec.kode))) for kec in wilayah.anak(kode_kota))


def angka_wilayah(
    kantor: Kantor,
    periode: Periode,
    layanan_id: int | None = None,
    kelompok: list[dict[str, Any]] | None = None,
) -> AngkaWilayah:
    if kelompok is None:
        kelompok = kelompok_permohonan(kantor, periode, layanan_id)
    hitung: dict[str, int] = {}
    for b in kelompok:
        kode = b["pemohon__kode_kelurahan"]
        hitung[kode] = hitung.get(kode, 0) + b["n"]
    kecamatan = []
    dikenal = 0
    for kec, daftar_kel in daftar_wilayah(kantor.kode_wilayah):
        baris = BarisWilayah(kec.kode, kec.nama)
        for kel in daftar_kel:
            n = hitung.get(kel.kode, 0)
            baris.kelurahan.append(BarisWilayah(kel.kode, kel.nama, n))
            baris.jumlah += n
        dikenal += baris.jumlah
        kecamatan.append(baris)
    total = sum(hitung.values())
    return AngkaWilayah(kecamatan=kecamatan, luar=total - dikenal, total=total)


def q_wilayah(kantor: Kantor, kode: str) -> dict[str, dict[str, object]]:
    """The filter of the list behind a place's figure: a kelurahan, a kecamatan (its
    kelurahan), or the addresses outside the office's list."""
    if kode == KODE_LUAR:
        semua = [
            kel.kode for kec in wilayah.anak(kantor.kode_wilayah) for kel in wilayah.anak(kec.kode)
        ]
        return {"exclude": {"pemohon__kode_kelurahan__in": semua}}
    if kode.count(".") == 2 and kode.startswith(kantor.kode_wilayah + "."):
        anak = dict(daftar_wilayah(kantor.kode_wilayah))
        kel = next((d for k, d in anak.items() if k.kode == kode), ())
        return {"filter": {"pemohon__kode_kelurahan__in": [k.kode for k in kel]}}
    return {"filter": {"pemohon__kode_kelurahan": kode}}
