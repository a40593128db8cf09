"""Figures of an office's complaints for its dashboards: counts by kind, category, channel and
stage, time to settle in working days, and the share settled within the limit. Counts only:
nothing here names a complainant or an officer."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from layanan.models import (
    Kantor,
    KeputusanPengaduan,
    Pengaduan,
    SaluranPengaduan,
    StatusJalan,
)
from layanan.models.sop import MENIT_PER_HARI_KERJA


@dataclass(frozen=True)
class Baris:
    nama: str
    jumlah: int


@dataclass(frozen=True)
class AngkaPengaduan:
    tahun: int
    jumlah: int
    terbuka: int
    selesai: int
    per_jenis: list[Baris] = field(default_factory=list)
    per_kategori: list[Baris] = field(default_factory=list)
    per_saluran: list[Baris] = field(default_factory=list)
    per_tahap: list[Baris] = field(default_factory=list)
    per_keputusan: list[Baris] = field(default_factory=list)
    rata_hari: float | None = None
    median_hari: float | None = None
    tepat_waktu: int = 0

    @property
    def persen_tepat(self) -> float | None:
        return 100 * self.tepat_waktu / self.selesai if self.selesai else None


def _hitung(qs: QuerySet[Pengaduan], kolom: str) -> list[tuple[object, int]]:
    return [
        (baris[kolom], baris["n"])
        for baris in qs.values(kolom).annotate(n=Count("pk")).order_by("-n", kolom)
    ]


def angka_pengaduan(kantor: Kantor, tahun: int) -> AngkaPengaduan:
    """The year's complaints of one office (by the year they were received)."""
    awal = dt.datetime(tahun, 1, 1, tzinfo=kantor.zona)
    qs = Pengaduan.objects.filter(
        kantor=kantor,
        dibuat_pada__gte=awal,
        dibuat_pada__lt=awal.replace(year=tahun + 1),
        status__in=[StatusJalan.DITERIMA, StatusJalan.SELESAI],
    )
    selesai = qs.filter(status=StatusJalan.SELESAI)
    menit = list(
        selesai.exclude(menit_penyelesaian=None).values_list("menit_penyelesaian", flat=True)
    )
    hari = [m / MENIT_PER_HARI_KERJA for m in menit]
    saluran = dict(SaluranPengaduan.choices)
    keputusan = dict(KeputusanPengaduan.choices)
    return AngkaPengaduan(
        tahun=tahun,
        jumlah=qs.count(),
        terbuka=qs.filter(status=StatusJalan.DITERIMA).count(),
        selesai=selesai.count(),
        per_jenis=[Baris(str(n), j) for n, j in _hitung(qs, "jenis__nama")],
        per_kategori=[Baris(_nama_kategori(n), j) for n, j in _kategori(qs)],
        per_saluran=[Baris(str(saluran.get(str(n), n)), j) for n, j in _hitung(qs, "saluran")],
        per_tahap=_tahap(qs.filter(status=StatusJalan.DITERIMA), kantor),
        per_keputusan=[
            Baris(str(keputusan.get(str(n), n)), j) for n, j in _hitung(selesai, "keputusan")
        ],
        rata_hari=statistics.fmean(hari) if hari else None,
        median_hari=statistics.median(hari) if hari else None,
        tepat_waktu=selesai.filter(tepat_waktu=True).count(),
    )


def _kategori(qs: QuerySet[Pengaduan]) -> list[tuple[tuple[str, str], int]]:
    return [
        ((b["kategori__induk__nama"] or "", b["kategori__nama"]), b["n"])
        for b in qs.values("kategori__induk__nama", "kategori__nama")
        .annotate(n=Count("pk"))
        .order_by("-n", "kategori__nama")
    ]


def _nama_kategori(nama: tuple[str, str]) -> str:
    induk, anak = nama
    return f"{induk} › {anak}" if induk else anak


def _tahap(qs: QuerySet[Pengaduan], kantor: Kantor) -> list[Baris]:
    """Open complaints by the stage they stand at, named by the office's complaint SOP."""
    nama = {}
    atur = getattr(kantor, "pengaturan_pengaduan", None)
    if atur is not None:
        nama = {s.nomor: f"{s.nomor}. {s.kegiatan}" for s in atur.layanan.langkah.all()}
    return [
        Baris(nama.get(int(str(n)), str(n)) if n is not None else "–", j)
        for n, j in sorted(_hitung(qs, "langkah_nomor"), key=lambda x: (x[0] is None, x[0]))
    ]
