"""Shared fields and widgets: dates typed day-first everywhere (loket and admin), scans' size
told to the browser (issue 12, 14)."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.urls import reverse

from layanan.forms.widgets import PindaianInput, TanggalField
from layanan.models import HariLibur

pytestmark = pytest.mark.django_db


class _Form(forms.Form):
    tanggal = TanggalField()
    scan = forms.FileField(widget=PindaianInput)


@pytest.mark.parametrize(
    "ketik", ["22/07/1992", "22-07-1992", "22.7.1992", "22071992", "1992-07-22"]
)
def test_a_date_is_read_day_first_however_it_is_typed(ketik):
    form = _Form({"tanggal": ketik})
    form.is_valid()
    assert form.cleaned_data["tanggal"] == dt.date(1992, 7, 22)


@pytest.mark.parametrize("ketik", ["07/22/1992", "2271992", "220719920", "22/07/92", "31/02/1992"])
def test_a_date_that_can_not_be_read_one_way_is_refused(ketik):
    form = _Form({"tanggal": ketik})
    assert not form.is_valid()
    assert form.errors["tanggal"] == [
        "Ketik tanggal yang ada, dengan hari lebih dulu: hh/bb/tttt, mis. 22/07/1992."
    ]


def test_a_date_is_shown_day_first_with_its_calendar():
    html = str(_Form(initial={"tanggal": dt.date(1992, 7, 22)})["tanggal"])
    assert 'type="text"' in html and 'value="22/07/1992"' in html
    assert 'placeholder="hh/bb/tttt"' in html and "data-tanggal=" in html
    assert "Pilih tanggal dari kalender" in html  # the calendar's words, in Indonesian
    assert "js/tanggal.js" in str(_Form().media)


def test_a_scan_input_carries_the_size_limit_and_speaks_indonesian(settings):
    settings.DINSOS_MAKS_UNGGAHAN_MB = 3
    html = str(_Form()["scan"])
    assert f'data-maks-bytes="{3 * 1024 * 1024}"' in html
    assert "lebih besar dari 3 MB" in html
    assert "Pilih berkas" in html and "Belum ada berkas dipilih" in html


def test_the_admin_takes_and_shows_dates_day_first(admin_a, kantor_a):
    url = reverse("admin:layanan_harilibur_add")
    halaman = admin_a.get(url).content.decode()
    assert 'placeholder="hh/bb/tttt"' in halaman and "vDateField" not in halaman
    admin_a.post(url, {"tanggal": "17082026", "nama": "Hari Jadi Kota", "jenis": "daerah"})
    libur = HariLibur.objects.get(nama="Hari Jadi Kota")
    assert libur.tanggal == dt.date(2026, 8, 17)
    ubah = admin_a.get(reverse("admin:layanan_harilibur_change", args=[libur.pk]))
    assert 'value="17/08/2026"' in ubah.content.decode()


def test_every_file_input_of_the_admin_speaks_indonesian(admin_a, kantor_a):
    halaman = admin_a.get(reverse("admin:layanan_kantor_change", args=[kantor_a.pk]))
    html = halaman.content.decode()
    assert 'class="pilih-berkas-asli"' in html and "Pilih berkas" in html
    assert "js/berkas.js" in html
