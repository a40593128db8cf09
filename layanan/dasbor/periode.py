"""The period a dashboard or a report covers: whole days of the office's own calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from layanan.templatetags.dokumen import tanggal_indonesia

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


@dataclass(frozen=True)
class Periode:
    dari: dt.date
    sampai: dt.date  # inclusive

    @classmethod
    def bulan(cls, tahun: int, bulan: int) -> Periode:
        awal = dt.date(tahun, bulan, 1)
        berikut = dt.date(tahun + bulan // 12, bulan % 12 + 1, 1)
        return cls(awal, berikut - dt.timedelta(days=1))

    @classmethod
    def tahun(cls, tahun: int) -> Periode:
        return cls(dt.date(tahun, 1, 1), dt.date(tahun, 12, 31))

    def batas(self, zona: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
        """[start, end) as instants: a letter signed at 07:30 WITA on the 1st is the 1st's."""
        return (
            dt.datetime.combine(self.dari, dt.time.min, zona),
            dt.datetime.combine(self.sampai + dt.timedelta(days=1), dt.time.min, zona),
        )

    @property
    def satu_bulan(self) -> bool:
        return self.dari.day == 1 and self == Periode.bulan(self.dari.year, self.dari.month)

    @property
    def judul(self) -> str:
        if self.satu_bulan:
            return f"{BULAN[self.dari.month - 1]} {self.dari.year}"
        return f"{tanggal_indonesia(self.dari)} – {tanggal_indonesia(self.sampai)}"

    def bulan_utuh(self) -> tuple[Periode | None, list[Periode]]:
        """The whole months inside the period (as one period from the 1st of the first to the
        end of the last), and the days at its edges outside them."""
        awal = (
            self.dari
            if self.dari.day == 1
            else Periode.bulan(self.dari.year, self.dari.month).sampai + dt.timedelta(days=1)
        )
        akhir = Periode.bulan(self.sampai.year, self.sampai.month)
        ujung = self.sampai if self.sampai == akhir.sampai else akhir.dari - dt.timedelta(days=1)
        if awal > ujung:  # no whole month: the period is all edge
            return None, [self]
        tepi = []
        if self.dari < awal:
            tepi.append(Periode(self.dari, awal - dt.timedelta(days=1)))
        if ujung < self.sampai:
            tepi.append(Periode(ujung + dt.timedelta(days=1), self.sampai))
        return Periode(awal, ujung), tepi

    def parameter(self) -> dict[str, str]:
        return {"dari": self.dari.isoformat(), "sampai": self.sampai.isoformat()}


def bulan_lalu(hari: dt.date) -> Periode:
    awal = hari.replace(day=1) - dt.timedelta(days=1)
    return Periode.bulan(awal.year, awal.month)
