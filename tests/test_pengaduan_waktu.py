"""A complaint's clocks: the inbox's one walk over the days counts as layanan.hari_kerja does,
and LAPOR!'s own clock runs beside ours and does not pause."""

from __future__ import annotations

import datetime as dt
import random
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from layanan.hari_kerja import menit_kerja
from layanan.models import Kantor
from layanan.pengaduan.waktu import JamKerja

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kode", ["metro", "tarakan"])  # WIB and WITA
def test_the_inbox_count_of_working_minutes_is_the_offices_own(kode):
    kantor = Kantor.objects.get(kode=kode)
    acak = random.Random(kode)
    awal = dt.datetime(2026, 3, 10, 14, 30, tzinfo=ZoneInfo(kantor.zona_waktu))  # Nyepi, Lebaran
    jam = JamKerja(kantor, awal)
    titik = [
        awal + dt.timedelta(minutes=acak.randint(-60 * 24 * 40, 60 * 24 * 40)) for _ in range(60)
    ]
    for a, b in pairwise(titik):
        harapan = menit_kerja(kantor, a, b) if a <= b else -menit_kerja(kantor, b, a)
        assert jam.menit(a, b) == pytest.approx(harapan), (a, b)


def test_a_complaint_is_almost_late_under_a_quarter_of_its_limit_and_late_past_it():
    from layanan import hari_kerja
    from layanan.hari_kerja import StatusWaktu
    from layanan.pengaduan.waktu import waktu_pengaduan
    from tests.test_pengaduan import aduan

    p = aduan(kategori="pungutan")  # 10 working days
    batas = 10 * 480
    assert p.batas_menit == batas

    def pada(bagian: float) -> dt.datetime:
        return hari_kerja.tenggat(p.kantor, p.langkah_siap_pada, batas * bagian)

    w = waktu_pengaduan(p, pada(0.5))
    assert (w.status, w.label, w.teks) == (StatusWaktu.TEPAT, "Tepat waktu", "sisa 5,0 hari kerja")
    w = waktu_pengaduan(p, pada(0.8))
    assert (w.status, w.label) == (StatusWaktu.HAMPIR, "Hampir terlambat")
    w = waktu_pengaduan(p, pada(1.1))
    assert (w.status, w.label, w.teks) == (
        StatusWaktu.TERLAMBAT,
        "Terlambat",
        "lewat 1,0 hari kerja",
    )


def test_a_paused_clock_stands_where_it_stopped_and_says_so():
    from layanan.pengaduan import penanganan
    from layanan.pengaduan.waktu import waktu_pengaduan
    from tests.test_pengaduan import aduan, orang

    p = aduan()
    p = penanganan.pengaduan_minta_info(
        pengaduan=p, oleh=orang("metro.petugas"), versi=p.versi, pertanyaan="Kapan?"
    )
    nanti = p.dijeda_pada + dt.timedelta(days=30)
    w, w_nanti = waktu_pengaduan(p), waktu_pengaduan(p, nanti)
    assert w.dijeda and w.sisa_menit == w_nanti.sisa_menit
    assert (w.label, w.teks) == ("Dihentikan", "menunggu pelapor; waktu tidak berjalan")
