"""Background tasks (django-tasks, run by `manage.py db_worker`)."""

from __future__ import annotations

from dataclasses import asdict

from django_tasks import task

from layanan.dtks.impor import jalankan_impor
from layanan.models import ImporDtks


@task()
def impor_dtks(impor_id: int) -> dict[str, int]:
    """Import one uploaded registry file; the admin page follows its progress."""
    return asdict(jalankan_impor(ImporDtks.objects.get(pk=impor_id)))
