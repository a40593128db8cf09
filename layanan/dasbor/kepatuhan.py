"""Time-standard compliance per SOP step: how many steps were done in the period, how many took
longer than their standard, and the median and 90th percentile of their working time.

Each step record carries its working minutes (written by the engine, layanan.mesin), so the
database groups them: per service, step and standard, into buckets of 1/20 of the standard
(the last bucket holds everything from 20 standards up), with the largest value in each bucket.
A percentile is read from that histogram as the largest value of the bucket it falls in: exact
when a bucket holds one value, otherwise at most 1/20 of the standard above the true value,
never below it (a step is never shown faster than it was). Pulling a year of step records into
Python (half a million rows in a busy office) is what this avoids.

Every act of a step counts as the timeline counts it (layanan.selectors.riwayat_permohonan): a
step initialled by two officials is two acts, each measured from when it became ready.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, Max, Q, QuerySet, Sum
from django.db.models.functions import Least

from layanan.dasbor.periode import Periode
from layanan.models import (
    AksiLangkah,
    Kantor,
    Langkah,
    Layanan,
    RekapLangkahBulan,
    RiwayatLangkah,
)

SKALA = 20  # buckets per standard
EMBER_MAKS = 20 * SKALA
# The acts of a step measured against its standard; the rest (a cancellation, a voided paraf, a
# correction, a pause) are not the step being done.
AKSI_LANGKAH = (
    AksiLangkah.DI_LOKET,
    AksiLangkah.SELESAI,
    AksiLangkah.YA,
    AksiLangkah.TIDAK,
    AksiLangkah.PARAF,
    AksiLangkah.TANDA_TANGAN,
    AksiLangkah.KEMBALI,
)


def riwayat_periode(
    kantor: Kantor, periode: Periode, layanan_id: int | None = None
) -> QuerySet[RiwayatLangkah]:
    """The acts of steps with a standard done in the period."""
    return _dalam(kantor, [periode], layanan_id)


def _dalam(
    kantor: Kantor, daftar: list[Periode], layanan_id: int | None
) -> QuerySet[RiwayatLangkah]:
    rentang = Q()
    for periode in daftar:
        awal, akhir = periode.batas(kantor.zona)
        rentang |= Q(selesai_pada__gte=awal, selesai_pada__lt=akhir)
    qs = RiwayatLangkah.objects.filter(
        rentang,
        kantor=kantor,
        aksi__in=AKSI_LANGKAH,
        standar_menit__gt=0,
        menit_kerja__isnull=False,
    )
    if layanan_id:
        qs = qs.filter(layanan_id=layanan_id)
    return qs


Q_LEWAT = Q(menit_kerja__gt=F("standar_menit"))


@dataclass
class BarisLangkah:
    layanan_id: int
    layanan: str
    nomor: int
    kegiatan: str
    standar_menit: int
    jumlah: int
    terlambat: int
    median: int | None
    p90: int | None
    paling_telat: bool = False  # the step of its service with the most late acts

    @property
    def persen_tepat(self) -> float:
        return 100 * (self.jumlah - self.terlambat) / self.jumlah if self.jumlah else 100.0


def persentil(ember: list[tuple[int, int]], p: float) -> int | None:
    """Nearest rank over (value, count) pairs sorted by value: the value at rank ⌈p·n⌉."""
    n = sum(j for _v, j in ember)
    if not n:
        return None
    peringkat, kumulatif = max(1, math.ceil(p * n)), 0
    for nilai, jumlah in ember:
        kumulatif += jumlah
        if kumulatif >= peringkat:
            return nilai
    return ember[-1][0]


def _ember(
    kantor: Kantor, periode: Periode, layanan_id: int | None
) -> dict[tuple[int, int, int, int], tuple[int, int, int]]:
    """(service, step, standard, bucket) → (acts, acts over the standard, the longest): the
    whole months of the period from the month totals the database keeps
    (layanan.models.rekap), the days at its edges from the step records."""
    utuh, tepi = periode.bulan_utuh()
    hasil: dict[tuple[int, int, int, int], tuple[int, int, int]] = {}

    def tambah(kunci: tuple[int, int, int, int], n: int, lewat: int, maks: int) -> None:
        lama = hasil.get(kunci, (0, 0, 0))
        hasil[kunci] = (lama[0] + n, lama[1] + lewat, max(lama[2], maks))

    if tepi:
        ember = Least(
            F("menit_kerja") * SKALA / F("standar_menit"), EMBER_MAKS, output_field=IntegerField()
        )
        for b in (
            _dalam(kantor, tepi, layanan_id)
            .annotate(ember=ember)
            .values("layanan_id", "nomor", "standar_menit", "ember")
            .annotate(n=Count("pk"), lewat=Count("pk", filter=Q_LEWAT), maks=Max("menit_kerja"))
            .order_by()
        ):
            kunci = (b["layanan_id"], b["nomor"], b["standar_menit"], b["ember"])
            tambah(kunci, b["n"], b["lewat"], b["maks"])
    if utuh:
        rekap = RekapLangkahBulan.objects.filter(
            kantor_id=kantor.pk, bulan__gte=utuh.dari, bulan__lte=utuh.sampai, n__gt=0
        )
        if layanan_id:
            rekap = rekap.filter(layanan_id=layanan_id)
        for b in (
            rekap.values("layanan_id", "nomor", "standar_menit", "ember")
            .annotate(jumlah=Sum("n"), terlambat=Sum("lewat"), terlama=Max("maks"))
            .order_by()
        ):
            kunci = (b["layanan_id"] or None, b["nomor"], b["standar_menit"], b["ember"])
            tambah(kunci, b["jumlah"], b["terlambat"], b["terlama"])
    return hasil


def kepatuhan_langkah(
    kantor: Kantor, periode: Periode, layanan_id: int | None = None
) -> list[BarisLangkah]:
    grup: dict[tuple[int, int], dict] = {}
    for (lid, nomor, standar, _e), (n, lewat, maks) in _ember(kantor, periode, layanan_id).items():
        g = grup.setdefault((lid, nomor), {"ember": [], "lewat": 0, "standar": {}})
        g["ember"].append((maks, n))
        g["lewat"] += lewat
        g["standar"][standar] = g["standar"].get(standar, 0) + n
    kegiatan = {
        (lid, nomor): k
        for lid, nomor, k in Langkah.objects.filter(layanan__kantor=kantor).values_list(
            "layanan_id", "nomor", "kegiatan"
        )
    }
    nama = dict(Layanan.objects.filter(kantor=kantor).values_list("pk", "nama_singkat"))
    hasil = []
    for (lid, nomor), g in grup.items():
        daftar = sorted(g["ember"])
        hasil.append(
            BarisLangkah(
                layanan_id=lid,
                layanan=nama.get(lid, "–"),
                nomor=nomor,
                kegiatan=kegiatan.get((lid, nomor), "–"),
                standar_menit=max(g["standar"], key=g["standar"].get),
                jumlah=sum(j for _v, j in daftar),
                terlambat=g["lewat"],
                median=persentil(daftar, 0.5),
                p90=persentil(daftar, 0.9),
            )
        )
    hasil.sort(key=lambda b: (b.layanan, b.nomor))
    _tandai_paling_telat(hasil)
    return hasil


def _tandai_paling_telat(daftar: list[BarisLangkah]) -> None:
    terburuk: dict[int, BarisLangkah] = {}
    for b in daftar:
        if b.terlambat and (
            b.layanan_id not in terburuk or b.terlambat > terburuk[b.layanan_id].terlambat
        ):
            terburuk[b.layanan_id] = b
    for b in terburuk.values():
        b.paling_telat = True
