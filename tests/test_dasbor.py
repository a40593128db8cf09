"""The dashboard's figures against data counted by hand, in the office's working time across a
weekend and a holiday (Monday 17 August 2026, Hari Kemerdekaan).

Blitar's KIP: limit 1 working day (480 min); step 3 (verification) 105 min, step 4 120 min.
  A: registered Fri 14 Aug 14:00, step 3 done Tue 18 Aug 10:00 → 120 (Fri) + 120 (Tue) = 240 min,
     late; step 4 done Tue 11:00 → 60 min. Deadline Fri 14:00 + 480 → Tue 18 Aug 14:00; still
     in process at Tue 15:00 → late.
  B: registered Tue 18 Aug 09:00, step 3 done 09:30 → 30 min. Deadline Wed 19 Aug 09:00.
  C: not accepted (documents incomplete), Fri 14 Aug 14:00.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from layanan.dasbor.angka import angka_permohonan, mundur
from layanan.dasbor.daftar import Saringan, daftar_permohonan
from layanan.dasbor.kepatuhan import kepatuhan_langkah, persentil
from layanan.dasbor.periode import Periode
from layanan.dasbor.ringkasan import dasbor_kantor
from layanan.dasbor.wilayah import angka_wilayah
from layanan.models import Kantor, Permohonan, RiwayatLangkah
from tests.factories import daftar, jalan

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")
JUMAT = dt.datetime(2026, 8, 14, 14, 0, tzinfo=WIB)
SELASA = dt.datetime(2026, 8, 18, 8, 0, tzinfo=WIB)  # Monday the 17th is a holiday
AGUSTUS = Periode.bulan(2026, 8)


@pytest.fixture
def jam(monkeypatch):
    kini = {"t": JUMAT}
    monkeypatch.setattr(timezone, "now", lambda: kini["t"])
    return kini


@pytest.fixture
def kasus(jam):
    a = daftar("blitar")
    c = daftar("blitar", lengkap=False)
    jam["t"] = SELASA + dt.timedelta(hours=1)
    b = daftar("blitar")
    jam["t"] = SELASA + dt.timedelta(hours=1, minutes=30)
    jalan(b)
    jam["t"] = SELASA + dt.timedelta(hours=2)
    jalan(a)
    jam["t"] = SELASA + dt.timedelta(hours=3)
    jalan(a)
    jam["t"] = SELASA + dt.timedelta(hours=7)  # Tue 15:00, after A's deadline
    return a, b, c


def test_step_records_carry_working_minutes_across_a_weekend_and_a_holiday(kasus):
    a, b, _c = kasus
    langkah3 = RiwayatLangkah.objects.get(permohonan=a, nomor=3)
    assert (langkah3.menit_kerja, langkah3.standar_menit) == (240, 105)
    assert RiwayatLangkah.objects.get(permohonan=a, nomor=4).menit_kerja == 60
    assert RiwayatLangkah.objects.get(permohonan=b, nomor=3).menit_kerja == 30
    a.refresh_from_db()
    assert a.tenggat == dt.datetime(2026, 8, 18, 14, 0, tzinfo=WIB)


def test_application_figures_match_the_hand_count(kasus):
    kantor = Kantor.objects.get(kode="blitar")
    angka = angka_permohonan(kantor, AGUSTUS)
    t = angka.total
    assert (t.masuk, t.diterima, t.tidak_diterima, t.proses, t.selesai) == (3, 2, 1, 2, 0)
    assert t.terlambat == 1
    assert [r.nama for r in angka.per_layanan] == ["KIP"] or len(angka.per_layanan) == 1


def test_step_compliance_median_and_p90_in_working_time(kasus):
    kantor = Kantor.objects.get(kode="blitar")
    baris = {b.nomor: b for b in kepatuhan_langkah(kantor, AGUSTUS)}
    tiga = baris[3]
    assert (tiga.jumlah, tiga.terlambat, tiga.median, tiga.p90) == (2, 1, 30, 240)
    assert tiga.paling_telat
    assert (baris[4].jumlah, baris[4].terlambat, baris[4].median) == (1, 0, 60)
    assert baris[1].jumlah == 3 and baris[1].median == 0  # recorded at the loket: no wait


def test_the_late_step_figure_opens_the_applications_behind_it(kasus):
    a, _b, _c = kasus
    kantor = Kantor.objects.get(kode="blitar")
    qs = Permohonan.objects.filter(kantor=kantor)
    telat = daftar_permohonan(qs, kantor, AGUSTUS, Saringan(jenis="langkah", nomor=3))
    assert list(telat) == [a]
    assert list(daftar_permohonan(qs, kantor, AGUSTUS, Saringan(jenis="terlambat"))) == [a]
    assert daftar_permohonan(qs, kantor, AGUSTUS, Saringan(jenis="tidak_diterima")).count() == 1


def test_a_period_before_the_holiday_sees_only_fridays_work(kasus):
    kantor = Kantor.objects.get(kode="blitar")
    jumat = Periode(dt.date(2026, 8, 14), dt.date(2026, 8, 14))
    assert angka_permohonan(kantor, jumat).total.masuk == 2
    assert 3 not in {b.nomor for b in kepatuhan_langkah(kantor, jumat)}


def test_by_place_counts_every_application_in_its_kelurahan(kasus):
    kantor = Kantor.objects.get(kode="blitar")
    w = angka_wilayah(kantor, AGUSTUS)
    assert w.total == 3
    assert sum(k.jumlah for k in w.kecamatan) + w.luar == 3


def test_the_whole_dashboard_is_a_fixed_number_of_queries(kasus, django_assert_max_num_queries):
    kantor = Kantor.objects.get(kode="blitar")
    with django_assert_max_num_queries(20):
        dasbor_kantor(kantor, AGUSTUS)


def test_working_time_back_from_an_instant_skips_the_weekend_and_the_holiday():
    kantor = Kantor.objects.get(kode="blitar")
    assert mundur(kantor, dt.datetime(2026, 8, 18, 10, 0, tzinfo=WIB), 240) == JUMAT


def test_percentile_is_nearest_rank_over_the_histogram():
    assert persentil([(10, 1), (20, 1), (30, 1), (40, 1)], 0.5) == 20
    assert persentil([(10, 9), (500, 1)], 0.9) == 10
    assert persentil([(10, 9), (500, 2)], 0.9) == 500
    assert persentil([], 0.5) is None
