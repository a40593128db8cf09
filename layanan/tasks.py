"""Background tasks (django-tasks, run by `manage.py db_worker`)."""

from __future__ import annotations

from dataclasses import asdict

from django_tasks import task

from layanan.dasbor.jadwal import jadwalkan_berikut
from layanan.dasbor.laporan import simpan_bulan_lalu
from layanan.dtks.impor import jalankan_impor
from layanan.models import ImporDtks
from layanan.operasi import detak
from layanan.surat.batch_pekerja import jalankan_batch


@task()
def impor_dtks(impor_id: int) -> dict[str, int]:
    """Import one uploaded registry file; the admin page follows its progress."""
    return asdict(jalankan_impor(ImporDtks.objects.get(pk=impor_id)))


@task()
def batch_tugas(batch_id: int) -> dict[str, int]:
    """Initial or sign one large batch; its progress page follows it. Only the batch's id comes
    here, and only its counts go back: the passphrase reaches the worker as
    layanan.surat.titipan_frasa describes, never through the task's arguments or result."""
    return jalankan_batch(batch_id)


@task()
def laporan_bulanan() -> list[int]:
    """On the 1st of each month: every office's report of the month before, made and kept
    (layanan.dasbor.laporan); then it puts itself in the queue for the next 1st. Started once
    with `manage.py jadwalkan_laporan_bulanan`."""
    hasil = [laporan.pk for laporan in simpan_bulan_lalu()]
    jadwalkan_berikut(laporan_bulanan)
    return hasil


@task()
def detak_pekerja() -> None:
    """The worker's heartbeat, read by the health endpoint (layanan.operasi.detak): queues the
    next beat first, so a failure below cannot break the chain."""
    detak.jadwalkan(detak_pekerja)
    detak.rapikan(detak_pekerja)
