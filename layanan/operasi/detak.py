"""The background worker's heartbeat: a small task that runs every DINSOS_DETAK_DETIK seconds and
queues its next run, so its latest finished run says when a `db_worker` last took work from the
queue. It proves the whole path (database → a worker → database), not just a live process.
Any worker on any server may run it; one chain serves them all."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

TUGAS = "layanan.tasks.detak_pekerja"


def jadwalkan(tugas: Task[[], Any], *, sekarang: bool = False) -> bool:
    """Queue the next beat unless one is already waiting; True when this call queued it.
    `sekarang`: at once (at start-up), otherwise after DINSOS_DETAK_DETIK."""
    if DBTaskResult.objects.filter(task_path=tugas.module_path, status="READY").exists():
        return False
    jeda = dt.timedelta(seconds=0 if sekarang else settings.DINSOS_DETAK_DETIK)
    tugas.using(run_after=timezone.now() + jeda).enqueue()
    return True


def rapikan(tugas: Task[[], Any]) -> None:
    """Keep one finished beat (the latest) of the 1,440 a day; failed ones stay for a look."""
    selesai = DBTaskResult.objects.filter(task_path=tugas.module_path, status="SUCCESSFUL")
    terakhir = selesai.order_by("-finished_at").values_list("pk", flat=True).first()
    if terakhir is not None:
        selesai.exclude(pk=terakhir).delete()


def terakhir() -> dt.datetime | None:
    """When a worker last finished a beat; None when none ever did."""
    hasil = DBTaskResult.objects.filter(task_path=TUGAS, status="SUCCESSFUL").aggregate(
        waktu=Max("finished_at")
    )
    return hasil["waktu"]
