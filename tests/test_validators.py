"""NIK and KK: what is refused, what only warns (issue 3, bad input table)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from layanan.loket.validators import bersihkan_kk, peringatan_nik, urai_nik

HARI_INI = dt.date(2026, 11, 21)
# 35.72.01 (Kota Blitar, Kepanjenkidul), born 05-01-1989 (man), serial 0001.
NIK_SAH = "3572010501890001"


@pytest.mark.parametrize(
    ("nilai", "kode"),
    [
        ("357201050189000", "panjang"),  # 15 digits
        ("35720105018900011", "panjang"),  # 17 digits
        ("35720105O1890001", "bukan_angka"),  # a letter O
        ("３５７２０１０５０１８９０００１", "bukan_angka"),  # full-width digits
        ("٣٥٧٢٠١٠٥٠١٨٩٠٠٠١", "bukan_angka"),  # Arabic-Indic digits
        ("0000000000000000", "nol"),
        ("0000000501890001", "wilayah_nol"),
        ("0072010501890001", "wilayah_nol"),  # province 00
        ("3572010501890000", "urut_nol"),
        ("3572010513890001", "bulan"),  # month 13
        ("3572010500890001", "bulan"),  # month 00
        ("3572013201890001", "hari"),  # day 32
        ("3572014001890001", "hari"),  # day 40
        ("3572017201890001", "hari"),  # day 72
        ("3572013102890001", "tanggal"),  # 31 February
        ("3572012902010001", "tanggal"),  # 29-02: neither 1901 nor 2001 was a leap year
        ("3.57201E+15", "notasi_ilmiah"),
        ("3,572010501890E+15", "notasi_ilmiah"),
        ("", "panjang"),
    ],
)
def test_refused_nik(nilai, kode):
    with pytest.raises(ValidationError) as info:
        urai_nik(nilai, hari_ini=HARI_INI)
    assert info.value.code == kode


@pytest.mark.parametrize(
    ("nilai", "tanggal", "perempuan"),
    [
        (NIK_SAH, [dt.date(1989, 1, 5)], False),
        ("35.7201.050189.0001", [dt.date(1989, 1, 5)], False),  # dots and spaces typed
        ("3572 0145 0189 0001", [dt.date(1989, 1, 5)], True),  # woman: day + 40
        ("3572012902000001", [dt.date(2000, 2, 29)], False),  # 2000 was a leap year
        ("3572010101100001", [dt.date(1910, 1, 1), dt.date(2010, 1, 1)], False),
    ],
)
def test_accepted_nik(nilai, tanggal, perempuan):
    hasil = urai_nik(nilai, hari_ini=HARI_INI)
    assert len(hasil.nik) == 16
    assert list(hasil.tanggal_lahir_mungkin) == tanggal
    assert hasil.perempuan is perempuan


@pytest.mark.parametrize("awal", ["657101", "920203", "930101", "940101", "950101", "960101"])
def test_new_provinces_are_valid_regions(awal):
    # Kalimantan Utara (65) and the Papua provinces (92-96) are missing from python-stdnum's table.
    nik = urai_nik(awal + "0501890001", hari_ini=HARI_INI)
    assert peringatan_nik(nik, tanggal_lahir=None, perempuan=None) == []


def test_unknown_region_only_warns():
    nik = urai_nik("9999990501890001", hari_ini=HARI_INI)
    (peringatan,) = peringatan_nik(nik, tanggal_lahir=None, perempuan=None)
    assert "999999" in peringatan
    assert "tidak ada di daftar Kemendagri" in peringatan


def test_typed_birth_date_and_sex_that_disagree_only_warn():
    nik = urai_nik(NIK_SAH, hari_ini=HARI_INI)
    assert peringatan_nik(nik, tanggal_lahir=dt.date(1989, 1, 5), perempuan=False) == []
    peringatan = peringatan_nik(nik, tanggal_lahir=dt.date(1989, 1, 6), perempuan=True)
    assert len(peringatan) == 2
    assert "05-01-89" in peringatan[0]


@pytest.mark.parametrize(
    "nilai",
    ["35720105018900", "3572010000000000", "0000000000000000", "3.5720E+15", "ABCDEFGHIJKLMNOP"],
)
def test_refused_kk(nilai):
    with pytest.raises(ValidationError):
        bersihkan_kk(nilai)


def test_accepted_kk():
    assert bersihkan_kk("3572 0112 0318 0004") == "3572011203180004"
