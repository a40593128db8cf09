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
