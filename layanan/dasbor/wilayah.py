"""Applications of the period by the applicant's place: per kecamatan and kelurahan of the
office's own region list (Kemendagri codes, layanan.loket.wilayah), with every place of the list
shown, none counted at zero hidden, and the addresses outside it (or typed without a code) in a
row of their own."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count

from layanan.dasbor.angka import permohonan_periode
from layanan.dasbor.periode import Periode
from layanan.loket import wilayah
from layanan.models import Kantor, Permohonan

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


def angka_wilayah(kantor: Kantor, periode: Periode, layanan_id: int | None = None) -> AngkaWilayah:
    hitung = dict(
        permohonan_periode(Permohonan.objects.all(), kantor, periode, layanan_id)
        .values_list("pemohon__kode_kelurahan")
        .annotate(n=Count("pk"))
        .order_by()
    )
    kecamatan = []
    dikenal = 0
    for kec in wilayah.anak(kantor.kode_wilayah):
        baris = BarisWilayah(kec.kode, kec.nama)
        for kel in wilayah.anak(kec.kode):
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
        return {"filter": {"pemohon__kode_kelurahan__in": [k.kode for k in wilayah.anak(kode)]}}
    return {"filter": {"pemohon__kode_kelurahan": kode}}
