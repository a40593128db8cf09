"""Working time: weekdays 08:00–16:00 in the office's zone, minus holidays and cuti bersama."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from layanan.hari_kerja import (
    StatusWaktu,
    libur_kantor,
    menit_kerja,
    status_waktu,
    tenggat,
)
from layanan.models import HariLibur, JenisLibur, Kantor

pytestmark = pytest.mark.django_db
WIB, WITA = ZoneInfo("Asia/Jakarta"), ZoneInfo("Asia/Makassar")


@pytest.fixture(autouse=True)
def _kalender_segar():
    libur_kantor.cache_clear()
    yield
    libur_kantor.cache_clear()


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
