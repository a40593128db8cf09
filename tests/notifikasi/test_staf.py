"""Staff's messages: the daily digest of their inbox and the about-to-be-late warning, each
written once (per person and day; per step), scheduled by the worker."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db.models import Value
from django.db.models.functions import Concat
from django_tasks_db.models import DBTaskResult

from layanan.models import Pengguna, Peristiwa, Permohonan, Pesan
from layanan.models.jalan import izin_mesin
from layanan.notifikasi import kirim
from layanan.notifikasi.staf import peringatan_terlambat, ringkasan_harian
from tests.factories import daftar

pytestmark = pytest.mark.usefixtures("kantor_email")
WIB = ZoneInfo("Asia/Jakarta")
RABU_PAGI = dt.datetime(2026, 1, 7, 6, 0, tzinfo=WIB)  # a working Wednesday
RABU_SIANG = dt.datetime(2026, 1, 7, 10, 0, tzinfo=WIB)


@pytest.fixture
def dua(db) -> list[Permohonan]:
    Pengguna.objects.update(email=Concat("username", Value("@dinsos.id")))
    return [daftar("blitar"), daftar("blitar")]


def _pemegang(p: Permohonan) -> set[str]:
    return set(
        Pengguna.objects.filter(peran=p.peran_saat_ini, kantor=p.kantor).values_list(
            "email", flat=True
        )
    )


def test_the_digest_tells_each_holder_once_a_day(dua):
    assert ringkasan_harian(RABU_PAGI) == len(_pemegang(dua[0]))
    pesan = Pesan.objects.filter(peristiwa=Peristiwa.RINGKASAN_STAF)
    assert set(pesan.values_list("penerima", flat=True)) == _pemegang(dua[0])
    assert "2 permohonan menunggu" in pesan.first().isi
    assert "/tugas/" in pesan.first().isi
    assert ringkasan_harian(RABU_PAGI + dt.timedelta(hours=3)) == 0  # the same day: nothing
    assert ringkasan_harian(RABU_PAGI + dt.timedelta(days=1)) == len(_pemegang(dua[0]))
    assert kirim.kirim_antrean().terkirim == pesan.count()


def test_about_to_be_late_warns_once_per_step(dua):
    p, lain = dua
    # 100 of its 120 working minutes used: under a quarter left.
    with izin_mesin():  # the step's clock set where the test needs it
        Permohonan.objects.filter(pk=p.pk).update(
            langkah_standar_menit=120, langkah_siap_pada=RABU_SIANG - dt.timedelta(minutes=100)
        )
        Permohonan.objects.filter(pk=lain.pk).update(
            langkah_standar_menit=120, langkah_siap_pada=RABU_SIANG - dt.timedelta(minutes=30)
        )
    assert peringatan_terlambat(RABU_SIANG) == len(_pemegang(p))
    [satu, *_] = Pesan.objects.filter(peristiwa=Peristiwa.HAMPIR_TERLAMBAT)
    assert p.nomor_registrasi in satu.isi and "sisa 0,3 jam" in satu.isi
    assert not Pesan.objects.filter(isi__contains=lain.nomor_registrasi).exists()
    assert peringatan_terlambat(RABU_SIANG + dt.timedelta(minutes=5)) == 0  # never twice
    # Overnight the clock stands still (outside working hours): no new warning either.
    assert peringatan_terlambat(dt.datetime(2026, 1, 7, 20, 0, tzinfo=WIB)) == 0


def test_the_worker_schedules_both_once(db):
    call_command("jadwalkan_notifikasi_staf")
    menunggu = DBTaskResult.objects.filter(status="READY", task_path__contains="_staf")
    assert sorted(menunggu.values_list("task_path", flat=True)) == [
        "layanan.notifikasi.tugas.peringatan_staf",
        "layanan.notifikasi.tugas.ringkasan_staf",
    ]
    call_command("jadwalkan_notifikasi_staf")
    assert menunggu.count() == 2
