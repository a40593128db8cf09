"""Scoped reads; here the timeline, whose steps are measured in the office's working minutes."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from layanan import hari_kerja, selectors
from layanan.hari_kerja import libur_berubah
from layanan.models import Permohonan, RiwayatLangkah
from tests.views.test_loket import data_kip

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


def wib(tahun: int, bulan: int, hari: int, jam: int, menit: int) -> dt.datetime:
    return dt.datetime(tahun, bulan, hari, jam, menit, tzinfo=WIB)


@pytest.fixture
def permohonan(petugas_a, layanan_a) -> Permohonan:
    libur_berubah()  # other tests write holidays directly; start from the database
    petugas_a.post(reverse("layanan:permohonan-baru", args=["kip"]), data_kip(layanan_a))
    return Permohonan.objects.select_related("kantor").get()


def catat_langkah(p: Permohonan, siap: dt.datetime, selesai: dt.datetime, standar: int) -> int:
    """Give the application's first record these times, as if the step had taken them."""
    r = p.riwayat.order_by("id").first()
    RiwayatLangkah.objects.filter(pk=r.pk).update(
        siap_pada=siap, selesai_pada=selesai, standar_menit=standar
    )
    return r.pk


def _baris(p: Permohonan, pk: int) -> selectors.BarisRiwayat:
    return next(b for b in selectors.riwayat_permohonan(p) if b.riwayat.pk == pk)


@pytest.mark.parametrize(
    ("siap", "selesai"),
    [
        # Monday 15:50 → Tuesday 08:10: ten minutes before closing, ten after opening.
        (wib(2026, 11, 23, 15, 50), wib(2026, 11, 24, 8, 10)),
        # Friday 15:50 → Monday 08:10: the weekend counts for nothing.
        (wib(2026, 11, 20, 15, 50), wib(2026, 11, 23, 8, 10)),
        # Tuesday 17 March 15:50 → Wednesday 25 March 08:10: Nyepi, Idul Fitri, cuti bersama.
        (wib(2026, 3, 17, 15, 50), wib(2026, 3, 25, 8, 10)),
    ],
    ids=["overnight", "weekend", "holidays"],
)
def test_a_step_done_next_working_morning_took_twenty_working_minutes(permohonan, siap, selesai):
    pk = catat_langkah(permohonan, siap, selesai, standar=105)
    baris = _baris(permohonan, pk)
    assert baris.menit_kerja == 20
    assert not baris.terlambat


def test_a_step_past_its_standard_in_working_minutes_is_late(permohonan):
    senin = wib(2026, 11, 23, 15, 50)
    pk = catat_langkah(permohonan, senin, senin + dt.timedelta(hours=16, minutes=20), standar=15)
    assert _baris(permohonan, pk).terlambat
    tepat = catat_langkah(permohonan, senin, senin + dt.timedelta(hours=16, minutes=20), standar=20)
    assert not _baris(permohonan, tepat).terlambat


def test_the_timeline_reads_in_queries_that_do_not_grow_with_its_steps(permohonan, monkeypatch):
    monkeypatch.setattr(hari_kerja, "SEGAR_DETIK", 3600.0)  # the holiday memo stays warm

    def hitung() -> int:
        with CaptureQueriesContext(connection) as kueri:
            for b in selectors.riwayat_permohonan(permohonan):
                str(b.riwayat.oleh)
        return len(kueri)

    hitung()
    sedikit = hitung()
    for r in list(permohonan.riwayat.all()) * 5:
        r.pk = None
        r.save()
    assert hitung() == sedikit


# ---------------------------------------------------------------------------
# Inbox
# ---------------------------------------------------------------------------
def test_the_inbox_reads_no_sop_snapshot_and_shows_the_steps_standard():
    from layanan import mesin
    from tests.factories import daftar, user

    p = daftar("blitar")
    peksos = user("blitar.peksos")
    with CaptureQueriesContext(connection) as kueri:
        [t] = selectors.tugas_untuk(peksos)[0:26]
        tampil = (t.nomor_registrasi, t.pemohon.nama, t.layanan.nama_singkat, t.peran_saat_ini.nama)
        waktu = (t.langkah_nomor, t.langkah_siap_pada, t.langkah_standar_menit)
    assert len(kueri) == 2  # the user's roles, then one page of one role's queue
    assert '"alur"' not in kueri[-1]["sql"] and '"isian"' not in kueri[-1]["sql"]
    assert tampil == (
        p.nomor_registrasi,
        p.pemohon.nama,
        p.layanan.nama_singkat,
        p.peran_saat_ini.nama,
    )
    assert waktu == (3, p.langkah_siap_pada, mesin.langkah_kini(p).menit)


def test_an_inbox_of_two_roles_is_one_queue_in_the_databases_order():
    from layanan.models import StatusPermohonan
    from layanan.models.jalan import izin_mesin
    from tests.factories import daftar, jalan, user

    _, b, c, d = (daftar("blitar") for _ in range(4))
    jalan(b)  # b and d go on to step 4, the petugas's; the others wait for the peksos
    jalan(d)
    with izin_mesin():  # a service without a time standard gives no deadline
        Permohonan.objects.filter(pk=c.pk).update(tenggat=None)
    orang = user("blitar.peksos")
    orang.peran.add(*user("blitar.petugas").peran.all())
    satu_kueri = list(
        Permohonan.objects.filter(
            kantor=orang.kantor,
            status=StatusPermohonan.DITERIMA,
            peran_saat_ini__in=orang.peran.all(),
        )
        .order_by("tenggat", "pk")
        .values_list("pk", flat=True)
    )
    kotak = selectors.tugas_untuk(orang)
    assert len(kotak.per_peran) == 2
    assert [p.pk for p in kotak[0:26]] == satu_kueri and len(satu_kueri) == 4
    assert [p.pk for p in kotak[1:3]] == satu_kueri[1:3]
