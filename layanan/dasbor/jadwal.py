"""When the worker makes the monthly reports: 01:00 WIB on the 1st (already the 1st in WITA and
WIT), one queued run at a time. django-tasks has no calendar of its own: each run queues the
next (`run_after`), and `manage.py jadwalkan_laporan_bulanan` queues the first."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

ZONA = ZoneInfo("Asia/Jakarta")
JAM = dt.time(1, 0)


def tanggal_satu_berikut(sekarang: dt.datetime) -> dt.datetime:
    hari = sekarang.astimezone(ZONA).date()
    berikut = dt.date(hari.year + hari.month // 12, hari.month % 12 + 1, 1)
    return dt.datetime.combine(berikut, JAM, ZONA)


def jadwalkan_berikut(tugas: Task[[], Any]) -> bool:
    """Queue the next run of `tugas` (layanan.tasks.laporan_bulanan) unless one is already
    waiting; True when this call queued it."""
    menunggu = DBTaskResult.objects.filter(task_path=tugas.module_path, status="READY").exists()
    if menunggu:
        return False
    tugas.using(run_after=tanggal_satu_berikut(timezone.now())).enqueue()
    return True
