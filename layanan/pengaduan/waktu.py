"""A complaint's clocks, in the office's working time: ours (the category's limit, extended and
moved on by pauses) and SP4N-LAPOR!'s own (5 working days to post the follow-up)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from layanan.hari_kerja import StatusWaktu, menit_kerja, status_waktu, tenggat
from layanan.models import LAPOR_HARI_KERJA, Pengaduan
from layanan.models.sop import MENIT_PER_HARI_KERJA


@dataclass(frozen=True)
class Waktu:
    """Working minutes left (negative: late by), against a limit, and what that makes it."""

    sisa_menit: float
    status: StatusWaktu | None
    dijeda: bool = False
    selesai: bool = False
    tenggat: dt.datetime | None = None

    @property
    def hari(self) -> float:
        return abs(self.sisa_menit) / MENIT_PER_HARI_KERJA

    @property
    def jam(self) -> float:
        return abs(self.sisa_menit) / 60

    @property
    def label(self) -> str:
        """The badge: done, paused, late, almost late, on time."""
        if self.selesai:
            return _("Done")
        if self.dijeda:
            return _("Paused")
        return str(self.status.label) if self.status else ""

    @property
    def kelas(self) -> str:
        """The badge's Bootstrap classes."""
        if self.dijeda:
            return "text-bg-secondary"
        return {
            StatusWaktu.TERLAMBAT: "text-bg-danger",
            StatusWaktu.HAMPIR: "text-bg-warning",
        }.get(self.status, "text-bg-light border")  # type: ignore[arg-type]

    @property
    def teks(self) -> str:
        """Working time left or over, in days (hours under one day)."""
        if self.selesai:
            return ""
        if self.dijeda:
            return _("waiting for the complainant; the clock does not run")
        hari = self.hari >= 1
        n = number_format(self.hari if hari else self.jam, 1)
        if self.sisa_menit < 0:
            pesan = _("%(n)s working days over") if hari else _("%(n)s working hours over")
        else:
            pesan = _("%(n)s working days left") if hari else _("%(n)s working hours left")
        return pesan % {"n": n}


def _sisa(p: Pengaduan, batas: dt.datetime, kini: dt.datetime) -> float:
    if kini <= batas:
        return menit_kerja(p.kantor, kini, batas)
    return -menit_kerja(p.kantor, batas, kini)


def waktu_pengaduan(p: Pengaduan, sekarang: dt.datetime | None = None) -> Waktu | None:
    """Our clock: "almost late" under a quarter of the limit left, "late" past it. While the
    clock is paused, the time left stands where it stopped."""
    if p.tenggat is None or p.status != "diterima":
        return None
    kini = p.dijeda_pada or sekarang or timezone.now()
    sisa = _sisa(p, p.tenggat, kini)
    total = p.batas_menit or menit_kerja(p.kantor, p.dibuat_pada, p.tenggat) - p.menit_jeda
    return Waktu(
        sisa_menit=sisa,
        status=status_waktu(total, total - sisa),
        dijeda=p.dijeda_pada is not None,
        tenggat=p.tenggat,
    )


def tenggat_lapor(p: Pengaduan) -> dt.datetime | None:
    if not p.lapor_id or p.lapor_diterima_pada is None:
        return None
    return tenggat(p.kantor, p.lapor_diterima_pada, LAPOR_HARI_KERJA * MENIT_PER_HARI_KERJA)


def waktu_lapor(p: Pengaduan, sekarang: dt.datetime | None = None) -> Waktu | None:
    """LAPOR!'s own clock, which does not pause: 5 working days from when LAPOR! passed the
    complaint on until the follow-up is posted there."""
    batas = tenggat_lapor(p)
    if batas is None:
        return None
    kini = p.lapor_dijawab_pada or sekarang or timezone.now()
    sisa = _sisa(p, batas, kini)
    total = LAPOR_HARI_KERJA * MENIT_PER_HARI_KERJA
    return Waktu(
        sisa_menit=sisa,
        status=status_waktu(total, total - sisa),
        selesai=p.lapor_dijawab_pada is not None,
        tenggat=batas,
    )
