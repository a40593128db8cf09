"""Figures of applications from home for the dashboards: online against counter per service and
month, the time from first sending to acceptance, and the share of the loket's checks that
returned an application as incomplete."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from layanan.models import Permohonan, PermohonanDaring, StatusDaring, StatusPermohonan


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


def angka_daring(dari: dt.datetime, sampai: dt.datetime, *, kantor_id: int) -> AngkaDaring:
    """Three queries, whatever the number of applications: the channel counts, the checks, and
    the accepted online applications' two instants."""
    terdaftar = Permohonan.objects.filter(
        kantor_id=kantor_id, dibuat_pada__gte=dari, dibuat_pada__lt=sampai
    )
    kanal = (
        terdaftar.exclude(status__in=(StatusPermohonan.BARU, StatusPermohonan.TIDAK_DITERIMA))
        .annotate(bulan=TruncMonth("dibuat_pada"))
        .values("layanan_id", "layanan__nama_singkat", "bulan")
        .annotate(
            n_daring=Count("pk", filter=Q(daring__isnull=False)),
            n_loket=Count("pk", filter=Q(daring__isnull=True)),
        )
        .order_by("layanan__nama_singkat", "bulan")
    )
    per_layanan = [
        BarisKanal(
            b["layanan_id"],
            b["layanan__nama_singkat"],
            b["bulan"].date() if hasattr(b["bulan"], "date") else b["bulan"],
            b["n_daring"],
            b["n_loket"],
        )
        for b in kanal
    ]
    periksa = terdaftar.filter(daring__isnull=False).aggregate(
        semua=Count("pk"), kembali=Count("pk", filter=Q(status=StatusPermohonan.TIDAK_DITERIMA))
    )
    persen = 100 * periksa["kembali"] / periksa["semua"] if periksa["semua"] else None
    waktu = PermohonanDaring.objects.filter(
        kantor_id=kantor_id,
        status=StatusDaring.DITERIMA,
        diperiksa_pada__gte=dari,
        diperiksa_pada__lt=sampai,
        pertama_dikirim_pada__isnull=False,
    ).values_list("pertama_dikirim_pada", "diperiksa_pada")
    menit = [(b - a).total_seconds() / 60 for a, b in waktu if a and b]
    return AngkaDaring(per_layanan, statistics.median(menit) if menit else None, persen)
