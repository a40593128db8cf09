"""The worker's notification task (django-tasks; `manage.py db_worker`). Its own module, beside
layanan.tasks, so the services that queue messages need not import every other task."""

from __future__ import annotations

from dataclasses import asdict

from django.utils import timezone
from django_tasks import task

from layanan.notifikasi.jadwal import SELANG_PERINGATAN, jadwalkan, pagi_berikut
from layanan.notifikasi.kirim import kirim_antrean
from layanan.notifikasi.staf import peringatan_terlambat, ringkasan_harian


@task()
def kirim_notifikasi() -> dict[str, int]:
    """Send every message that is due; when some wait to be tried again, queue itself for the
    earliest of them (layanan.notifikasi.kirim)."""
    hasil = kirim_antrean()
    if hasil.coba_lagi_pada is not None:
        kirim_notifikasi.using(run_after=hasil.coba_lagi_pada).enqueue()
    return {k: v for k, v in asdict(hasil).items() if isinstance(v, int)}


@task()
def ringkasan_staf() -> int:
    """Each morning: staff's digests (notifikasi.staf), sent at once; then queues the next
    morning's run."""
    jumlah = ringkasan_harian()
    if jumlah:
        kirim_notifikasi.enqueue()
    jadwalkan(ringkasan_staf, pagi_berikut(timezone.now()))
    return jumlah


@task()
def peringatan_staf() -> int:
    """Every quarter hour: warnings of steps about to be late, sent at once; then queues the
    next check."""
    jumlah = peringatan_terlambat()
    if jumlah:
        kirim_notifikasi.enqueue()
    jadwalkan(peringatan_staf, timezone.now() + SELANG_PERINGATAN)
    return jumlah


def jadwalkan_semua() -> list[str]:
    """The first runs of staff's tasks (those already waiting are left as they are)."""
    sekarang = timezone.now()
    return [
        t.name
        for t, kapan in (
            (ringkasan_staf, pagi_berikut(sekarang)),
            (peringatan_staf, sekarang + SELANG_PERINGATAN),
        )
        if jadwalkan(t, kapan)
    ]
