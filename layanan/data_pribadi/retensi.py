"""Retention: scans of finished applications and of abandoned applications from home, attachments of settled complaints, raw DTKS exports
and access logs are deleted once their configured time has passed, daily by the background
worker, each run logged."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from zoneinfo import ZoneInfo

from axes.models import AccessLog
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from layanan.data_pribadi.pengaduan import lampiran_hapus, lampiran_retensi
from layanan.dtks.services import dtks_hapus_berkas_impor
from layanan.masuk.catatan import catat_keamanan
from layanan.models import (
    AksesData,
    AksesPengaduan,
    JenisCatatanKeamanan,
    PermohonanDaring,
    Pindaian,
    StatusDaring,
    StatusPermohonan,
)

SELESAI = (StatusPermohonan.SELESAI, StatusPermohonan.TIDAK_DITERIMA, StatusPermohonan.DIBATALKAN)
ZONA = ZoneInfo("Asia/Jakarta")
JAM = dt.time(1, 30)  # after midnight in every zone, before the backup of 02:30


@dataclass(frozen=True)
class HasilRetensi:
    pindaian: int
    pindaian_daring: int
    lampiran_pengaduan: int
    ekspor_dtks: int
    log_akses: int
    daring_kedaluwarsa: int = 0


def pindaian_hapus(scans: object) -> int:
    """Delete each scan's file, then its row (the history keeps only that it existed)."""
    jumlah = 0
    for scan in scans:  # type: ignore[attr-defined]
        scan.berkas.delete(save=False)
        scan.delete()
        jumlah += 1
    return jumlah


def pindaian_daring_retensi(*, sebelum: dt.datetime) -> object:
    """Scans of applications from home left unfinished: returned as incomplete and not sent
    again since `sebelum`, or never confirmed by their contact (made before `sebelum`). The
    application's row stays; a returned one is closed by `daring_tutup_kedaluwarsa`."""
    ditinggal = PermohonanDaring.objects.filter(
        Q(status=StatusDaring.DIKEMBALIKAN, diperiksa_pada__lt=sebelum)
        | Q(status=StatusDaring.KODE, dibuat_pada__lt=sebelum)
        | Q(status=StatusDaring.KEDALUWARSA)
    ).values("token")
    return Pindaian.objects.filter(permohonan__isnull=True, token_formulir__in=ditinggal)


def daring_tutup_kedaluwarsa(*, sebelum: dt.datetime) -> int:
    """Returned as incomplete and not sent again since `sebelum`: closed, so that it no longer
    holds its NIK's one open application for the service (daring_satu_terbuka) and the citizen
    may apply again. The number closed."""
    return PermohonanDaring.objects.filter(
        status=StatusDaring.DIKEMBALIKAN, diperiksa_pada__lt=sebelum
    ).update(status=StatusDaring.KEDALUWARSA)


def terapkan_retensi(*, sekarang: dt.datetime | None = None) -> HasilRetensi:
    sekarang = sekarang or timezone.now()
    hari = dt.timedelta(days=1)
    batas_pindaian = sekarang - settings.DINSOS_RETENSI_PINDAIAN_HARI * hari
    scans = Pindaian.objects.filter(
        permohonan__status__in=SELESAI, permohonan__selesai_pada__lt=batas_pindaian
    )
    batas_log = sekarang - settings.DINSOS_RETENSI_LOG_AKSES_HARI * hari
    with transaction.atomic():
        log = AksesData.objects.filter(pada__lt=batas_log).delete()[0]
        log += AksesPengaduan.objects.filter(pada__lt=batas_log).delete()[0]
        log += AccessLog.objects.filter(attempt_time__lt=batas_log).delete()[0]
    batas_daring = sekarang - settings.DINSOS_RETENSI_DARING_HARI * hari
    hasil = HasilRetensi(
        pindaian=pindaian_hapus(scans),
        pindaian_daring=pindaian_hapus(pindaian_daring_retensi(sebelum=batas_daring)),
        lampiran_pengaduan=lampiran_hapus(
            lampiran_retensi(
                sebelum=sekarang - settings.DINSOS_RETENSI_LAMPIRAN_PENGADUAN_HARI * hari
            )
        ),
        ekspor_dtks=dtks_hapus_berkas_impor(
            sebelum=sekarang - settings.DINSOS_RETENSI_IMPOR_HARI * hari
        ),
        log_akses=log,
        # After their scans went (the scans' query finds them by the returned status too).
        daring_kedaluwarsa=daring_tutup_kedaluwarsa(sebelum=batas_daring),
    )
    catat_keamanan(
        jenis=JenisCatatanKeamanan.RETENSI,
        keterangan=(
            f"scans {hasil.pindaian} (>{settings.DINSOS_RETENSI_PINDAIAN_HARI} d), "
            f"scans of unfinished online applications {hasil.pindaian_daring} "
            f"(>{settings.DINSOS_RETENSI_DARING_HARI} d), "
            f"returned online applications closed {hasil.daring_kedaluwarsa} "
            f"(>{settings.DINSOS_RETENSI_DARING_HARI} d), "
            f"complaint attachments {hasil.lampiran_pengaduan} "
            f"(>{settings.DINSOS_RETENSI_LAMPIRAN_PENGADUAN_HARI} d), "
            f"DTKS exports {hasil.ekspor_dtks} (>{settings.DINSOS_RETENSI_IMPOR_HARI} d), "
            f"access log rows {hasil.log_akses} (>{settings.DINSOS_RETENSI_LOG_AKSES_HARI} d)"
        ),
    )
    return hasil


def jadwal_berikut(sekarang: dt.datetime) -> dt.datetime:
    besok = sekarang.astimezone(ZONA).date() + dt.timedelta(days=1)
    return dt.datetime.combine(besok, JAM, ZONA)


@task()
def retensi_harian() -> dict[str, int]:
    """Every night at 01:30 WIB: apply retention, then queue the next night's run. Started once
    with `manage.py terapkan_retensi --jadwalkan`."""
    hasil = terapkan_retensi()
    jadwalkan_retensi()
    return asdict(hasil)


def jadwalkan_retensi() -> bool:
    """Queue the next night's run unless one is already waiting; True when this call did."""
    if DBTaskResult.objects.filter(task_path=retensi_harian.module_path, status="READY").exists():
        return False
    retensi_harian.using(run_after=jadwal_berikut(timezone.now())).enqueue()
    return True
