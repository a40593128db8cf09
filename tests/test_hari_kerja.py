"""Working time: weekdays 08:00–16:00 in the office's zone, minus holidays and cuti bersama."""

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.urls import reverse

from layanan import hari_kerja
from layanan.hari_kerja import (
    KUNCI_VERSI,
    StatusWaktu,
    isi_tahun,
    libur_berubah,
    menit_kerja,
    status_waktu,
    tenggat,
)
from layanan.models import HariLibur, JenisLibur, Kantor

pytestmark = pytest.mark.django_db
WIB, WITA = ZoneInfo("Asia/Jakarta"), ZoneInfo("Asia/Makassar")


@pytest.fixture(autouse=True)
def _kalender_segar():
    libur_berubah()  # tests write holidays directly too; each starts from the database
    yield
    libur_berubah()


def blitar() -> Kantor:
    return Kantor.objects.get(kode="blitar")


def test_one_working_day_from_friday_afternoon_ends_monday_afternoon():
    jumat = dt.datetime(2026, 11, 20, 15, 0, tzinfo=WIB)
    assert tenggat(blitar(), jumat, 480) == dt.datetime(2026, 11, 23, 15, 0, tzinfo=WIB)


def test_idul_fitri_and_its_cuti_bersama_count_for_nothing():
    # 18 Mar cuti bersama Nyepi, 19 Nyepi, 20 and 23-24 cuti bersama Idul Fitri, 21-22 Idul Fitri.
    selasa = dt.datetime(2026, 3, 17, 10, 0, tzinfo=WIB)
    assert tenggat(blitar(), selasa, 960) == dt.datetime(2026, 3, 26, 10, 0, tzinfo=WIB)
    assert HariLibur.objects.filter(tanggal__year=2026, jenis=JenisLibur.CUTI_BERSAMA).count() == 8


def test_time_outside_office_hours_is_not_counted():
    kantor = blitar()
    malam = dt.datetime(2026, 11, 23, 18, 0, tzinfo=WIB)
    pagi = dt.datetime(2026, 11, 24, 9, 30, tzinfo=WIB)
    assert menit_kerja(kantor, malam, pagi) == 90


def test_an_office_holiday_counts_for_that_office_only():
    kantor, lain = blitar(), Kantor.objects.get(kode="metro")
    HariLibur.objects.create(
        tanggal=dt.date(2026, 11, 24),
        nama="Hari Jadi Kota",
        kantor=kantor,
        jenis=JenisLibur.DAERAH,
        dikonfirmasi=True,
    )
    senin = dt.datetime(2026, 11, 23, 16, 0, tzinfo=WIB)
    assert tenggat(kantor, senin, 60) == dt.datetime(2026, 11, 25, 9, 0, tzinfo=WIB)
    assert tenggat(lain, senin, 60) == dt.datetime(2026, 11, 24, 9, 0, tzinfo=WIB)


def test_each_office_counts_in_its_own_zone():
    bima = Kantor.objects.get(kode="bima")
    saat = dt.datetime(2026, 11, 23, 1, 0, tzinfo=dt.UTC)  # 08:00 WIB, 09:00 WITA
    assert tenggat(blitar(), saat, 60).astimezone(dt.UTC).hour == 2
    assert tenggat(bima, saat, 60).astimezone(WITA).hour == 10


@pytest.mark.parametrize(
    ("standar", "terpakai", "status"),
    [
        (100, 50, StatusWaktu.TEPAT),
        (100, 76, StatusWaktu.HAMPIR),
        (100, 101, StatusWaktu.TERLAMBAT),
        (None, 500, None),
    ],
)
def test_almost_late_under_a_quarter_left(standar, terpakai, status):
    assert status_waktu(standar, terpakai) == status


# ---------------------------------------------------------------------------
# Every process counts the same days: the memo follows a stamp in the shared cache
# ---------------------------------------------------------------------------
SENIN_SORE = dt.datetime(2026, 11, 23, 16, 0, tzinfo=WIB)
SELASA_PAGI = dt.datetime(2026, 11, 24, 9, 0, tzinfo=WIB)
RABU_PAGI = dt.datetime(2026, 11, 25, 9, 0, tzinfo=WIB)


@pytest.fixture
def dua_proses(monkeypatch):
    """`di_proses_lain(fungsi)` runs `fungsi` as another worker would: with a memo of its own.
    A second passes between uses (SEGAR_DETIK), so this process reads the stamp again."""
    monkeypatch.setattr(hari_kerja, "SEGAR_DETIK", 0.0)
    proses_ini = hari_kerja._memo

    def di_proses_lain(fungsi):
        monkeypatch.setattr(hari_kerja, "_memo", hari_kerja._MemoLibur())
        try:
            return fungsi()
        finally:
            monkeypatch.setattr(hari_kerja, "_memo", proses_ini)

    return di_proses_lain


def test_a_regional_holiday_added_in_another_process_moves_the_deadline_here(
    admin_a, kantor_a, dua_proses
):
    assert tenggat(kantor_a, SENIN_SORE, 60) == SELASA_PAGI  # this process remembers 2026
    dua_proses(
        lambda: admin_a.post(
            reverse("admin:layanan_harilibur_add"),
            {"tanggal": "2026-11-24", "nama": "Hari Jadi Kota", "jenis": "daerah"},
        )
    )
    assert (kantor_a.pk, 2026) in hari_kerja._memo.isi  # only the stamp can tell it
    assert tenggat(kantor_a, SENIN_SORE, 60) == RABU_PAGI


def test_a_holiday_deleted_in_another_process_gives_the_day_back_here(
    admin_a, kantor_a, dua_proses
):
    libur = HariLibur.objects.create(
        tanggal=dt.date(2026, 11, 24), nama="Hari Jadi", kantor=kantor_a, jenis=JenisLibur.DAERAH
    )
    libur_berubah()
    assert tenggat(kantor_a, SENIN_SORE, 60) == RABU_PAGI
    dua_proses(
        lambda: admin_a.post(
            reverse("admin:layanan_harilibur_delete", args=[libur.pk]), {"post": "yes"}
        )
    )
    assert not HariLibur.objects.filter(pk=libur.pk).exists()
    assert tenggat(kantor_a, SENIN_SORE, 60) == SELASA_PAGI


def test_a_bulk_delete_in_another_process_gives_the_days_back_here(admin_a, kantor_a, dua_proses):
    libur = HariLibur.objects.create(
        tanggal=dt.date(2026, 11, 24), nama="Hari Jadi", kantor=kantor_a, jenis=JenisLibur.DAERAH
    )
    libur_berubah()
    assert tenggat(kantor_a, SENIN_SORE, 60) == RABU_PAGI
    dua_proses(
        lambda: admin_a.post(
            reverse("admin:layanan_harilibur_changelist"),
            {"action": "delete_selected", "_selected_action": [libur.pk], "post": "yes"},
        )
    )
    assert tenggat(kantor_a, SENIN_SORE, 60) == SELASA_PAGI


def test_the_confirmation_and_the_yearly_fill_change_the_stamp(superadmin, dua_proses):
    isi_tahun(2026)
    sebelum = cache.get(KUNCI_VERSI)
    nasional = HariLibur.objects.filter(kantor=None, tanggal__year=2026).first()
    dua_proses(
        lambda: superadmin.post(
            reverse("admin:layanan_harilibur_changelist"),
            {"action": "konfirmasi", "_selected_action": [nasional.pk]},
        )
    )
    dikonfirmasi = cache.get(KUNCI_VERSI)
    assert dikonfirmasi != sebelum
    assert dua_proses(lambda: isi_tahun(2031)) > 0
    assert cache.get(KUNCI_VERSI) != dikonfirmasi
    tahun_ini = cache.get(KUNCI_VERSI)
    assert isi_tahun(2031) == 0  # nothing new: every process keeps its memo
    assert cache.get(KUNCI_VERSI) == tahun_ini


def test_a_stamp_lost_from_the_cache_reloads_rather_than_trusts(kantor_a, dua_proses):
    assert tenggat(kantor_a, SENIN_SORE, 60) == SELASA_PAGI
    HariLibur.objects.create(
        tanggal=dt.date(2026, 11, 24), nama="Hari Jadi", kantor=kantor_a, jenis=JenisLibur.DAERAH
    )
    cache.delete(KUNCI_VERSI)  # culled by the cache, or never written
    assert tenggat(kantor_a, SENIN_SORE, 60) == RABU_PAGI


def test_every_writer_of_holidays_announces_the_change():
    layanan = Path(__file__).resolve().parents[1] / "layanan"
    menulis = re.compile(
        r"HariLibur\b.*\.(create|get_or_create|update_or_create|bulk_create|update|delete)\("
        r"|register\(HariLibur"
    )
    diam = [
        str(path.relative_to(layanan))
        for path in layanan.rglob("*.py")
        if "migrations" not in path.parts
        and menulis.search(isi := path.read_text())
        and "libur_berubah()" not in isi
    ]
    assert diam == []
