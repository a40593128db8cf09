"""Figures of applications from home for the dashboards: online against counter per service and
month, the time from first sending to acceptance, and the share of the loket's checks that
returned an application as incomplete."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from layanan.dasbor.periode import Periode
from layanan.models import (
    Kantor,
    Layanan,
    Permohonan,
    PermohonanDaring,
    RekapPermohonanBulan,
    StatusDaring,
    StatusPermohonan,
)


@dataclass(frozen=True)
class BarisKanal:
    layanan_id: int
    layanan: str
    bulan: dt.date
    daring: int
    loket: int


@dataclass(frozen=True)
class AngkaDaring:
    per_layanan: list[BarisKanal]

    @property
    def ada(self) -> bool:
        return any(b.daring for b in self.per_layanan) or self.dikembalikan_persen is not None

    menit_ke_terima: float | None  # median, wall-clock minutes from first sending to acceptance
    dikembalikan_persen: float | None  # of the loket's checks of online applications


def angka_daring(kantor: Kantor, periode: Periode) -> AngkaDaring:
    """A fixed number of queries, whatever the number of applications: the applications of each
    service and month of the office's calendar (the whole months from the month totals the
    database keeps, layanan.models.rekap; the days at the edges from the rows), the online ones
    among them, the loket's checks of those, and the accepted ones' two instants. Online
    applications are few beside the counter's: each query on them starts from them."""
    zona = kantor.zona
    dihitung = ~Q(status__in=(StatusPermohonan.BARU, StatusPermohonan.TIDAK_DITERIMA))
    jumlah: dict[tuple[int, dt.date], int] = {}
    utuh, tepi = periode.bulan_utuh()
    if utuh:
        for b in (
            RekapPermohonanBulan.objects.filter(
                dihitung, kantor_id=kantor.pk, bulan__gte=utuh.dari, bulan__lte=utuh.sampai, n__gt=0
            )
            .values("layanan_id", "bulan")
            .annotate(jumlah=Sum("n"))
            .order_by()
        ):
            jumlah[(b["layanan_id"], b["bulan"])] = b["jumlah"]
    if tepi:
        for b in (
            _dalam(Permohonan.objects.filter(dihitung, kantor=kantor), tepi, zona)
            .annotate(bulan=TruncMonth("dibuat_pada", tzinfo=zona))
            .values("layanan_id", "bulan")
            .annotate(jumlah=Count("pk"))
            .order_by()
        ):
            kunci = (b["layanan_id"], _tanggal(b["bulan"]))
            jumlah[kunci] = jumlah.get(kunci, 0) + b["jumlah"]
    daring_semua = _dalam(
        Permohonan.objects.filter(kantor=kantor, daring__isnull=False),
        [periode],
        zona,
    )
    daring = {
        (b["layanan_id"], _tanggal(b["bulan"])): b["jumlah"]
        for b in daring_semua.filter(dihitung)
        .annotate(bulan=TruncMonth("dibuat_pada", tzinfo=zona))
        .values("layanan_id", "bulan")
        .annotate(jumlah=Count("pk"))
        .order_by()
    }
    nama = dict(Layanan.objects.filter(kantor=kantor).values_list("pk", "nama_singkat"))
    per_layanan = sorted(
        (
            BarisKanal(
                lid,
                nama.get(lid, "–"),
                bulan,
                daring.get((lid, bulan), 0),
                n - daring.get((lid, bulan), 0),
            )
            for (lid, bulan), n in jumlah.items()
            if lid
        ),
        key=lambda b: (b.layanan, b.bulan),
    )
    periksa = daring_semua.aggregate(
        semua=Count("pk"), kembali=Count("pk", filter=Q(status=StatusPermohonan.TIDAK_DITERIMA))
    )
    persen = 100 * periksa["kembali"] / periksa["semua"] if periksa["semua"] else None
    dari, sampai = periode.batas(zona)
    waktu = PermohonanDaring.objects.filter(
        kantor=kantor,
        status=StatusDaring.DITERIMA,
        diperiksa_pada__gte=dari,
        diperiksa_pada__lt=sampai,
        pertama_dikirim_pada__isnull=False,
    ).values_list("pertama_dikirim_pada", "diperiksa_pada")
    menit = [(b - a).total_seconds() / 60 for a, b in waktu if a and b]
    return AngkaDaring(per_layanan, statistics.median(menit) if menit else None, persen)


def _dalam(qs: QuerySet[Permohonan], daftar: list[Periode], zona: ZoneInfo) -> QuerySet[Permohonan]:
    rentang = Q()
    for periode in daftar:
        awal, akhir = periode.batas(zona)
        rentang |= Q(dibuat_pada__gte=awal, dibuat_pada__lt=akhir)
    return qs.filter(rentang)


def _tanggal(bulan: dt.date | dt.datetime) -> dt.date:
    return bulan.date() if isinstance(bulan, dt.datetime) else bulan
