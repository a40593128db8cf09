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

from django.db.models import Count, F, IntegerField, Max, Q, QuerySet
from django.db.models.functions import Least

from layanan.dasbor.periode import Periode
from layanan.models import AksiLangkah, Kantor, Langkah, Layanan, RiwayatLangkah

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
    awal, akhir = periode.batas(kantor.zona)
    qs = RiwayatLangkah.objects.filter(
        kantor=kantor,
        selesai_pada__gte=awal,
        selesai_pada__lt=akhir,
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


def kepatuhan_langkah(
    kantor: Kantor, periode: Periode, layanan_id: int | None = None
) -> list[BarisLangkah]:
    ember = Least(
        F("menit_kerja") * SKALA / F("standar_menit"), EMBER_MAKS, output_field=IntegerField()
    )
    baris = (
        riwayat_periode(kantor, periode, layanan_id)
        .annotate(ember=ember)
        .values("layanan_id", "nomor", "standar_menit", "ember")
        .annotate(n=Count("pk"), lewat=Count("pk", filter=Q_LEWAT), maks=Max("menit_kerja"))
        .order_by()
    )
    grup: dict[tuple[int, int], dict] = {}
    for b in baris:
        g = grup.setdefault((b["layanan_id"], b["nomor"]), {"ember": [], "lewat": 0, "standar": {}})
        g["ember"].append((b["maks"], b["n"]))
        g["lewat"] += b["lewat"]
        g["standar"][b["standar_menit"]] = g["standar"].get(b["standar_menit"], 0) + b["n"]
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
