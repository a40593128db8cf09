"""Survey periods an office reports on: a quarter (triwulan), a semester or a year, written in
URLs as `2026-tw1`, `2026-s2`, `2026`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

POLA = re.compile(r"^(?P<tahun>\d{4})(?:-(?P<jenis>tw|s)(?P<ke>\d))?$")
ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Periode:
    kode: str
    mulai: dt.date
    selesai: dt.date  # inclusive

    @property
    def label(self) -> str:
        m = POLA.match(self.kode)
        assert m is not None
        tahun, jenis, ke = m["tahun"], m["jenis"], m["ke"]
        if jenis == "tw":
            return _("Quarter %(ke)s %(tahun)s") % {"ke": ROMAWI[int(ke)], "tahun": tahun}
        if jenis == "s":
            return _("Semester %(ke)s %(tahun)s") % {"ke": ROMAWI[int(ke)], "tahun": tahun}
        return _("Year %(tahun)s") % {"tahun": tahun}


def periode_dari_kode(kode: str) -> Periode | None:
    """The period a code names, or None for anything else (no error: a bad URL is a 404)."""
    m = POLA.match((kode or "").strip().lower())
    if m is None:
        return None
    tahun = int(m["tahun"])
    if not 2000 <= tahun <= 2100:
        return None
    jenis, ke = m["jenis"], int(m["ke"] or 0)
    if jenis is None:
        return Periode(str(tahun), dt.date(tahun, 1, 1), dt.date(tahun, 12, 31))
    bulan_per = {"tw": 3, "s": 6}[jenis]
    if not 1 <= ke <= 12 // bulan_per:
        return None
    awal = dt.date(tahun, (ke - 1) * bulan_per + 1, 1)
    bulan_akhir = ke * bulan_per
    akhir = dt.date(tahun + bulan_akhir // 12, bulan_akhir % 12 + 1, 1) - dt.timedelta(days=1)
    return Periode(f"{tahun}-{jenis}{ke}", awal, akhir)


def pilihan_periode(tahun: int) -> list[Periode]:
    """Every period of a year, the year first."""
    kode = [str(tahun), f"{tahun}-s1", f"{tahun}-s2"] + [f"{tahun}-tw{i}" for i in range(1, 5)]
    return [p for k in kode if (p := periode_dari_kode(k)) is not None]


def periode_berjalan(hari: dt.date) -> Periode:
    """The quarter a day falls in."""
    p = periode_dari_kode(f"{hari.year}-tw{(hari.month - 1) // 3 + 1}")
    assert p is not None
    return p
