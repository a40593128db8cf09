"""Working time in an office's own zone: weekdays 08:00–16:00, minus holidays and cuti bersama.

A step's time standard and a service's limit are measured in this time, so "1 hari kerja"
accepted on Friday afternoon ends on Monday afternoon, and Idul Fitri's week counts for nothing.

Each process keeps the offices' days off in memory (a deadline walks day by day), valid while a
stamp in the shared cache (CACHES, a database table every worker reads) is unchanged. Whatever
writes holidays calls `libur_berubah()`, which changes the stamp, so every gunicorn worker and
the task worker count the same days.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Callable

import holidays
from django.core.cache import cache
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from layanan.models import HariLibur, JenisLibur, Kantor
from layanan.models.kalender import JAM_MULAI, JAM_SELESAI
from layanan.models.sop import MENIT_PER_HARI_KERJA

KUNCI_VERSI = "layanan:hari_libur:versi"
# How long a process trusts its memo before reading the stamp again: a deadline walks many days,
# and one cache read per day walked would cost a query each. A change reaches every process
# within this time (the writing process at once).
SEGAR_DETIK = 1.0


class _MemoLibur:
    """One process's memo of the offices' days off, valid while the shared stamp is unchanged."""

    MAKS = 256  # (office, year) pairs; more than any deployment uses at once

    def __init__(self) -> None:
        self.lupakan()

    def lupakan(self) -> None:
        self.versi: str | None = None
        self.diperiksa = -float("inf")
        self.isi: dict[tuple[int, int], frozenset[dt.date]] = {}

    def ambil(
        self, kantor_id: int, tahun: int, muat: Callable[[int, int], frozenset[dt.date]]
    ) -> frozenset[dt.date]:
        sekarang = time.monotonic()
        if sekarang - self.diperiksa >= SEGAR_DETIK:
            versi = _versi_bersama()
            if versi != self.versi:
                self.isi = {}
            self.versi, self.diperiksa = versi, sekarang
        kunci = (kantor_id, tahun)
        hari = self.isi.get(kunci)
        if hari is None:
            hari = muat(kantor_id, tahun)
            if len(self.isi) >= self.MAKS:
                self.isi = {}
            self.isi[kunci] = hari
        return hari


_memo = _MemoLibur()


def _versi_bersama() -> str:
    versi = cache.get(KUNCI_VERSI)
    if versi is None:
        # Never set, or culled from the cache: a fresh stamp makes every process reload once.
        cache.add(KUNCI_VERSI, uuid.uuid4().hex, timeout=None)
        versi = cache.get(KUNCI_VERSI) or ""
    return str(versi)


def _umumkan_perubahan() -> None:
    cache.set(KUNCI_VERSI, uuid.uuid4().hex, timeout=None)
    _memo.lupakan()


def libur_berubah() -> None:
    """Tell every process that days off changed. Every writer of HariLibur calls this.

    The stamp changes now (the database cache commits it with the writer's transaction) and
    again on commit, for a cache outside the database, where another process could otherwise
    reload the old days before the commit and keep them under the new stamp.
    """
    _umumkan_perubahan()
    transaction.on_commit(_umumkan_perubahan)


def isi_tahun(tahun: int) -> int:
    """Fill a year's national days from the holidays package, unconfirmed; keep what exists."""
    daftar = holidays.country_holidays(
        "ID", years=tahun, language="id", categories=("public", "government")
    )
    baru = 0
    with transaction.atomic():
        for tanggal, nama in sorted(daftar.items()):
            jenis = JenisLibur.CUTI_BERSAMA if "Cuti Bersama" in nama else JenisLibur.NASIONAL
            _obj, dibuat = HariLibur.objects.get_or_create(
                tanggal=tanggal, kantor=None, defaults={"nama": nama, "jenis": jenis}
            )
            baru += dibuat
        if baru:
            libur_berubah()
    return baru


def _muat_libur(kantor_id: int, tahun: int) -> frozenset[dt.date]:
    awal, akhir = dt.date(tahun, 1, 1), dt.date(tahun, 12, 31)
    nasional = HariLibur.objects.filter(kantor=None, tanggal__range=(awal, akhir))
    if not nasional.exists():
        isi_tahun(tahun)
    return frozenset(
        HariLibur.objects.filter(tanggal__range=(awal, akhir))
        .filter(Q(kantor=None) | Q(kantor_id=kantor_id))
        .values_list("tanggal", flat=True)
    )


def libur_kantor(kantor_id: int, tahun: int) -> frozenset[dt.date]:
    """The office's days off in a year (national + its own); the year is filled on first use."""
    return _memo.ambil(kantor_id, tahun, _muat_libur)


def hari_kerja(kantor: Kantor, tanggal: dt.date) -> bool:
    return tanggal.weekday() < 5 and tanggal not in libur_kantor(kantor.pk, tanggal.year)


def _jendela(kantor: Kantor, tanggal: dt.date) -> tuple[dt.datetime, dt.datetime]:
    zona = kantor.zona
    return (
        dt.datetime.combine(tanggal, JAM_MULAI, zona),
        dt.datetime.combine(tanggal, JAM_SELESAI, zona),
    )


def menit_kerja(kantor: Kantor, dari: dt.datetime, sampai: dt.datetime) -> float:
    """Working minutes between two instants."""
    if sampai <= dari:
        return 0.0
    zona = kantor.zona
    tanggal, akhir = dari.astimezone(zona).date(), sampai.astimezone(zona).date()
    total = 0.0
    while tanggal <= akhir:
        if hari_kerja(kantor, tanggal):
            buka, tutup = _jendela(kantor, tanggal)
            mulai, selesai = max(buka, dari), min(tutup, sampai)
            if selesai > mulai:
                total += (selesai - mulai).total_seconds() / 60
        tanggal += dt.timedelta(days=1)
    return total


def tenggat(kantor: Kantor, mulai: dt.datetime, menit: float) -> dt.datetime:
    """The instant when `menit` working minutes have passed since `mulai`."""
    zona = kantor.zona
    tanggal = mulai.astimezone(zona).date()
    sisa = menit
    for _hari in range(3660):  # ten years of days: a limit no SOP comes near
        if hari_kerja(kantor, tanggal):
            buka, tutup = _jendela(kantor, tanggal)
            dari = max(buka, mulai)
            if dari < tutup:
                tersedia = (tutup - dari).total_seconds() / 60
                if sisa <= tersedia:
                    return dari + dt.timedelta(minutes=sisa)
                sisa -= tersedia
        tanggal += dt.timedelta(days=1)
    raise ValueError("deadline beyond ten years")


def menit_batas(layanan_batas_hari: int | None, total_menit: int) -> int:
    """A service's limit in working minutes: its stated days, or the sum of its steps."""
    if layanan_batas_hari:
        return layanan_batas_hari * MENIT_PER_HARI_KERJA
    return total_menit


class StatusWaktu(models.TextChoices):
    TEPAT = "tepat", _("On time")
    HAMPIR = "hampir", _("Almost late")
    TERLAMBAT = "terlambat", _("Late")


def status_waktu(standar_menit: float | None, terpakai_menit: float) -> StatusWaktu | None:
    """Late past the standard; almost late with less than a quarter of it left."""
    if not standar_menit:
        return None
    sisa = standar_menit - terpakai_menit
    if sisa < 0:
        return StatusWaktu.TERLAMBAT
    if sisa < standar_menit / 4:
        return StatusWaktu.HAMPIR
    return StatusWaktu.TEPAT


def waktu_langkah(
    kantor: Kantor,
    siap_pada: dt.datetime | None,
    standar_menit: float | None,
    sekarang: dt.datetime | None = None,
) -> tuple[float, StatusWaktu | None]:
    """(working minutes left, status) of a step that became ready at `siap_pada`."""
    if siap_pada is None:
        return 0.0, None
    terpakai = menit_kerja(kantor, siap_pada, sekarang or timezone.now())
    return (standar_menit or 0) - terpakai, status_waktu(standar_menit, terpakai)
