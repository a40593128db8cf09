"""When the worker writes staff's messages: the digest each morning at 06:00 WIB (07:00 WITA,
08:00 WIT, before the offices open), the about-to-be-late check every 15 minutes. django-tasks
has no calendar: each run queues the next (`run_after`), one waiting at a time, and
`manage.py jadwalkan_notifikasi_staf` queues the first (as jadwalkan_laporan_bulanan does)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

ZONA = ZoneInfo("Asia/Jakarta")
JAM_RINGKASAN = dt.time(6, 0)
SELANG_PERINGATAN = dt.timedelta(minutes=15)


def pagi_berikut(sekarang: dt.datetime) -> dt.datetime:
    hari = sekarang.astimezone(ZONA)
    pagi = dt.datetime.combine(hari.date(), JAM_RINGKASAN, ZONA)
    return pagi if pagi > hari else pagi + dt.timedelta(days=1)


def jadwalkan(tugas: Task[[], Any], kapan: dt.datetime) -> bool:
    """Queue `tugas` to run at `kapan` unless a run of it already waits; True when queued."""
    if DBTaskResult.objects.filter(task_path=tugas.module_path, status="READY").exists():
        return False
    tugas.using(run_after=kapan).enqueue()
    return True
