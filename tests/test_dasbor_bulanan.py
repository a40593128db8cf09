"""The month totals the database keeps (layanan.models.rekap, kept by the triggers of
layanan.dasbor.pemicu) give the dashboard the same figures as counting the rows does: for
whole months, for periods with days at their edges, after rows change and after rows go, in
each office's own month — on SQLite here and on PostgreSQL (the `postgresql` variant)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.utils import timezone

from layanan.dasbor import angka, kepatuhan
from layanan.dasbor.periode import Periode
from layanan.models import (
    Kantor,
    Permohonan,
    RekapLangkahBulan,
    RekapPermohonanBulan,
    RiwayatLangkah,
    StatusJalan,
)
from layanan.models.jalan import izin_mesin
from tests.factories import daftar, jalan

WIB = ZoneInfo("Asia/Jakarta")
PERIODE = [
    Periode.bulan(2026, 7),
    Periode.bulan(2026, 8),
    Periode(dt.date(2026, 7, 15), dt.date(2026, 8, 20)),  # edges on both sides
    Periode(dt.date(2026, 7, 1), dt.date(2026, 8, 18)),  # a whole month and an edge
    Periode(dt.date(2026, 8, 3), dt.date(2026, 8, 20)),  # all edge
    Periode.tahun(2026),
]


class Kembalikan(Exception):
    """Rolls a savepoint back."""


def _dari_baris(monkeypatch, fungsi):
    """The same figure counted from the rows alone: the period as all edge."""
    with monkeypatch.context() as m:
        m.setattr(Periode, "bulan_utuh", lambda self: (None, [self]))
        return fungsi()


def _figures(kantor: Kantor, periode: Periode):
    kelompok = angka.kelompok_permohonan(kantor, periode, dengan_wilayah=False)
    return (
        angka.angka_permohonan(kantor, periode, kelompok=kelompok),
        kepatuhan.kepatuhan_langkah(kantor, periode),
    )


def _kasus(monkeypatch) -> Kantor:
    """Blitar's KIP: applications registered late July and in August, walked some steps on
    days of both months, one not accepted, one in process past its deadline."""
    kini = {"t": dt.datetime(2026, 7, 30, 9, 0, tzinfo=WIB)}
    monkeypatch.setattr(timezone, "now", lambda: kini["t"])
    a, b = daftar("blitar"), daftar("blitar", lengkap=False)
    kini["t"] = dt.datetime(2026, 7, 31, 15, 0, tzinfo=WIB)
    c = daftar("blitar")
    jalan(a)
    kini["t"] = dt.datetime(2026, 8, 3, 10, 0, tzinfo=WIB)
    jalan(a)
    jalan(c)
    kini["t"] = dt.datetime(2026, 8, 19, 9, 0, tzinfo=WIB)
    d = daftar("blitar")
    jalan(d)
    kini["t"] = dt.datetime(2026, 8, 25, 9, 0, tzinfo=WIB)  # a and c past their deadline
    del b
    return Kantor.objects.get(kode="blitar")


def _sama_dengan_baris(monkeypatch, kantor):
    for periode in PERIODE:
        dari_rekap = _figures(kantor, periode)
        assert dari_rekap == _dari_baris(monkeypatch, lambda p=periode: _figures(kantor, p))
    assert _figures(kantor, Periode.bulan(2026, 8))[0].total.masuk > 0


@pytest.mark.django_db
def test_month_totals_give_the_figures_counting_the_rows_gives(monkeypatch):
    kantor = _kasus(monkeypatch)
    _sama_dengan_baris(monkeypatch, kantor)
    juli = angka.angka_permohonan(
        kantor, PERIODE[0], kelompok=angka.kelompok_permohonan(kantor, PERIODE[0], None, False)
    ).total
    assert (juli.masuk, juli.tidak_diterima, juli.proses, juli.terlambat) == (3, 1, 2, 2)


@pytest.mark.django_db
def test_totals_follow_rows_that_change_and_rows_that_go(monkeypatch):
    kantor = _kasus(monkeypatch)
    p = Permohonan.objects.filter(kantor=kantor, status=StatusJalan.DITERIMA).first()
    with izin_mesin():  # as a correction would: settled, after its deadline
        Permohonan.objects.filter(pk=p.pk).update(
            status=StatusJalan.SELESAI, selesai_pada=p.tenggat + dt.timedelta(hours=1)
        )
    RiwayatLangkah.objects.filter(permohonan=p).update(menit_kerja=1000)
    _sama_dengan_baris(monkeypatch, kantor)
    # Rows gone straight in the database (the triggers see every delete, whoever sends it),
    # in a savepoint put back afterwards: what still points at them would not let the test end.
    with pytest.raises(Kembalikan), transaction.atomic():
        RiwayatLangkah.objects.filter(permohonan__kantor=kantor)._raw_delete("default")
        Permohonan.objects.filter(kantor=kantor)._raw_delete("default")
        assert not RekapPermohonanBulan.objects.filter(kantor_id=kantor.pk).exclude(n=0).exists()
        assert not RekapLangkahBulan.objects.filter(kantor_id=kantor.pk).exclude(n=0).exists()
        raise Kembalikan


@pytest.mark.django_db
def test_an_application_counts_in_its_office_s_own_month(monkeypatch):
    """00:30 WIT on 1 March is still 28 February in UTC and in Jakarta: Jayapura's March."""
    kantor = Kantor.objects.get(kode="blitar")
    Kantor.objects.filter(pk=kantor.pk).update(zona_waktu="Asia/Jayapura")
    saat = dt.datetime(2026, 3, 1, 0, 30, tzinfo=ZoneInfo("Asia/Jayapura"))
    monkeypatch.setattr(timezone, "now", lambda: saat)
    p = daftar("blitar")
    rekap = RekapPermohonanBulan.objects.get(kantor_id=kantor.pk, status=p.status)
    assert rekap.bulan == dt.date(2026, 3, 1)
    assert RekapLangkahBulan.objects.filter(kantor_id=kantor.pk, bulan=dt.date(2026, 3, 1))


@pytest.mark.postgresql
@pytest.mark.django_db
def test_month_totals_on_postgresql(monkeypatch):
    test_month_totals_give_the_figures_counting_the_rows_gives(monkeypatch)


@pytest.mark.postgresql
@pytest.mark.django_db
def test_an_application_counts_in_its_office_s_own_month_on_postgresql(monkeypatch):
    test_an_application_counts_in_its_office_s_own_month(monkeypatch)


@pytest.mark.django_db
def test_triggers_missing_after_a_migrate_are_put_back_with_the_totals_recounted(monkeypatch):
    """A database without the triggers (built from the models, or restored without them) gets
    them from the next migrate's post_migrate, and totals counted from the rows it already has."""
    from django.db import connection

    from layanan.dasbor import pemicu

    kantor = _kasus(monkeypatch)
    with connection.cursor() as c:
        for perintah in pemicu.lepas(connection.vendor):
            c.execute(perintah)
    RekapPermohonanBulan.objects.all().delete()
    daftar("blitar")  # unseen by the totals: no trigger
    assert pemicu.pastikan(connection) is True
    assert pemicu.pastikan(connection) is False  # in place: it only looks
    _sama_dengan_baris(monkeypatch, kantor)
