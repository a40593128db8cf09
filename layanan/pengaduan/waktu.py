"""A complaint's clocks, in the office's working time: ours (the category's limit, extended and
moved on by pauses) and SP4N-LAPOR!'s own (5 working days to post the follow-up)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from layanan.hari_kerja import StatusWaktu, hari_kerja, menit_kerja, status_waktu, tenggat
from layanan.models import LAPOR_HARI_KERJA, Kantor, Pengaduan
from layanan.models.kalender import JAM_MULAI, JAM_SELESAI
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


class JamKerja:
    """Working minutes between many instants of one office, each day walked once: an inbox
    page asks for 25 deadlines, most of them weeks apart over the same days. The same count as
    layanan.hari_kerja.menit_kerja (its days, windows and holidays), as a position on a line:
    F(t) is the working minutes from the start of a day of origin to t (negative before it),
    and the minutes from a to b are F(b) - F(a)."""

    def __init__(self, kantor: Kantor, asal: dt.datetime):
        self.kantor, self.zona = kantor, kantor.zona
        self.asal = asal.astimezone(self.zona).date()
        self.maju: list[float] = [0.0]  # F at the start of asal + i days
        self.mundur: list[float] = [0.0]  # F at the start of asal - i days
        # Each day's window, once: the rows of a page fall on a few days.
        self.jendela: dict[dt.date, tuple[dt.datetime, dt.datetime] | None] = {}

    def _jendela(self, tanggal: dt.date) -> tuple[dt.datetime, dt.datetime] | None:
        if tanggal not in self.jendela:
            self.jendela[tanggal] = (
                (
                    dt.datetime.combine(tanggal, JAM_MULAI, self.zona),
                    dt.datetime.combine(tanggal, JAM_SELESAI, self.zona),
                )
                if hari_kerja(self.kantor, tanggal)
                else None
            )
        return self.jendela[tanggal]

    def _penuh(self, tanggal: dt.date) -> float:
        jendela = self._jendela(tanggal)
        return (jendela[1] - jendela[0]).total_seconds() / 60 if jendela else 0.0

    def _awal_hari(self, tanggal: dt.date) -> float:
        i = (tanggal - self.asal).days
        while i >= len(self.maju):
            hari = self.asal + dt.timedelta(days=len(self.maju) - 1)
            self.maju.append(self.maju[-1] + self._penuh(hari))
        while -i >= len(self.mundur):
            hari = self.asal - dt.timedelta(days=len(self.mundur))
            self.mundur.append(self.mundur[-1] - self._penuh(hari))
        return self.maju[i] if i >= 0 else self.mundur[-i]

    def posisi(self, t: dt.datetime) -> float:
        tanggal = t.astimezone(self.zona).date()
        jendela = self._jendela(tanggal)
        dalam = 0.0
        if jendela is not None:
            buka, tutup = jendela
            dalam = (min(max(t, buka), tutup) - buka).total_seconds() / 60
        return self._awal_hari(tanggal) + dalam

    def menit(self, dari: dt.datetime, sampai: dt.datetime) -> float:
        """Working minutes from `dari` to `sampai`, negative when `sampai` comes first."""
        return self.posisi(sampai) - self.posisi(dari)


def waktu_pengaduan(
    p: Pengaduan, sekarang: dt.datetime | None = None, jam: JamKerja | None = None
) -> Waktu | None:
    """Our clock: "almost late" under a quarter of the limit left, "late" past it. While the
    clock is paused, the time left stands where it stopped. `jam`: the page's own count, when
    it shows many complaints of one office."""
    if p.tenggat is None or p.status != "diterima":
        return None
    kini = p.dijeda_pada or sekarang or timezone.now()
    jam = jam or JamKerja(p.kantor, kini)
    sisa = jam.menit(kini, p.tenggat)
    total = p.batas_menit or jam.menit(p.dibuat_pada, p.tenggat) - p.menit_jeda
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


def _sisa(p: Pengaduan, batas: dt.datetime, kini: dt.datetime) -> float:
    if kini <= batas:
        return menit_kerja(p.kantor, kini, batas)
    return -menit_kerja(p.kantor, batas, kini)


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
