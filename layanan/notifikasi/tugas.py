"""The worker's notification task (django-tasks; `manage.py db_worker`). Its own module, beside
layanan.tasks, so the services that queue messages need not import every other task."""

from __future__ import annotations

from dataclasses import asdict

from django_tasks import task

from layanan.notifikasi.kirim import kirim_antrean


@task()
def kirim_notifikasi() -> dict[str, int]:
    """Send every message that is due; when some wait to be tried again, queue itself for the
    earliest of them (layanan.notifikasi.kirim)."""
    hasil = kirim_antrean()
    if hasil.coba_lagi_pada is not None:
        kirim_notifikasi.using(run_after=hasil.coba_lagi_pada).enqueue()
    return {k: v for k, v in asdict(hasil).items() if isinstance(v, int)}
