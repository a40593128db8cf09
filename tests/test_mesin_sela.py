"""The engine's actions beside the steps (layanan.mesin.sela), on the test app's case file: an
application or a complaint could pause, be extended, be closed early or change hands the same
way. Times are set by hand on a Monday of the office's calendar, so working minutes are exact."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.utils import timezone

from layanan import hari_kerja, mesin
from layanan.models import AksiLangkah, Layanan, Pengguna, Peran, StatusJalan
from tests.mesin_uji.models import Perkara

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")
SENIN = dt.datetime(2026, 2, 2, 9, 0, tzinfo=WIB)  # a working Monday


def _orang(username: str) -> Pengguna:
    return Pengguna.objects.get(username=username)


@pytest.fixture
def jam(monkeypatch):
    """The engine's clock, set by the test."""
    kini = {"t": SENIN}
    monkeypatch.setattr(timezone, "now", lambda: kini["t"])
    return kini


def _perkara(jam) -> Perkara:
    layanan = Layanan.objects.get(kantor__kode="solok", kode="sk-dtks")
    perkara = Perkara.objects.create(kantor=layanan.kantor, layanan=layanan, judul="Uji")
    with transaction.atomic():
        p = mesin.kunci(perkara)
        mesin.terima(subjek=p, oleh=_orang("solok.petugas"), sekarang=jam["t"])
    return p


def test_a_paused_clock_stops_the_steps_and_moves_the_deadline_by_the_time_it_stood(jam):
    p = _perkara(jam)
    tenggat, siap = p.tenggat, p.langkah_siap_pada
    p = mesin.jeda(subjek=p, oleh=_orang("solok.operator"), versi=p.versi, catatan="KK?")
    assert p.dijeda_pada == SENIN
    with pytest.raises(mesin.TransisiDitolak, match="dihentikan"):
        mesin.kerjakan_langkah(subjek=p, oleh=_orang("solok.operator"), aksi="ya", versi=p.versi)
    jam["t"] = SENIN + dt.timedelta(hours=2)
    p = mesin.lanjutkan(subjek=p, oleh=_orang("solok.operator"), versi=p.versi)
    assert p.dijeda_pada is None
    assert p.tenggat == hari_kerja.tenggat(p.kantor, tenggat, 120)
    assert p.langkah_siap_pada == hari_kerja.tenggat(p.kantor, siap, 120)
    jeda, lanjut = list(p.riwayat.order_by("id"))[-2:]
    assert (jeda.aksi, jeda.catatan, jeda.standar_menit) == ("jeda", "KK?", None)
    assert lanjut.aksi == "lanjut" and "120" in lanjut.catatan


def test_the_clock_resumes_from_when_the_information_arrived_never_before_it_was_asked(jam):
    p = _perkara(jam)
    tenggat = p.tenggat
    p = mesin.jeda(subjek=p, oleh=_orang("solok.operator"), versi=p.versi, catatan="KK?")
    jam["t"] = SENIN + dt.timedelta(hours=5)
    operator = _orang("solok.operator")
    with pytest.raises(mesin.TransisiDitolak):
        mesin.lanjutkan(subjek=p, oleh=operator, versi=p.versi, sejak=SENIN - dt.timedelta(1))
    sejak = SENIN + dt.timedelta(hours=1)
    p = mesin.lanjutkan(subjek=p, oleh=operator, versi=p.versi, sejak=sejak)
    assert p.tenggat == hari_kerja.tenggat(p.kantor, tenggat, 60)


def test_pausing_needs_a_question_and_the_role_it_waits_for(jam):
    p = _perkara(jam)
    with pytest.raises(mesin.TransisiDitolak):
        mesin.jeda(subjek=p, oleh=_orang("solok.operator"), versi=p.versi, catatan=" ")
    for orang in ("solok.kadin", "bima.operator"):
        with pytest.raises(mesin.TransisiDitolak):
            mesin.jeda(subjek=p, oleh=_orang(orang), versi=p.versi, catatan="KK?")
    with pytest.raises(mesin.SudahDikerjakan):
        mesin.jeda(subjek=p, oleh=_orang("solok.operator"), versi=p.versi - 1, catatan="KK?")


def test_an_extension_moves_the_deadline_by_whole_working_days_with_its_reason(jam):
    p = _perkara(jam)
    lama = p.tenggat
    with pytest.raises(mesin.TransisiDitolak):
        mesin.perpanjang(
            subjek=p, oleh=_orang("solok.operator"), versi=p.versi, hari_kerja=2, catatan=""
        )
    p = mesin.perpanjang(
        subjek=p, oleh=_orang("solok.operator"), versi=p.versi, hari_kerja=2, catatan="Cek lokasi"
    )
    assert p.tenggat == hari_kerja.tenggat(p.kantor, lama, 2 * 480)
    r = p.riwayat.last()
    assert r.aksi == AksiLangkah.PERPANJANG and r.catatan.startswith("Cek lokasi")


def test_closing_early_ends_the_walk_with_an_outcome_of_its_own_sop_and_stops_the_clock(jam):
    p = _perkara(jam)
    p = mesin.jeda(subjek=p, oleh=_orang("solok.operator"), versi=p.versi, catatan="KK?")
    lain = Layanan.objects.get(kantor__kode="blitar", kode="kip").hasil.first()
    with pytest.raises(mesin.TransisiDitolak, match="SOP lain"):
        mesin.akhiri(
            subjek=p, oleh=_orang("solok.operator"), versi=p.versi, hasil=lain, catatan="x"
        )
    hasil = p.layanan.hasil.get(kode="tidak_terdaftar")
    p = mesin.akhiri(
        subjek=p, oleh=_orang("solok.operator"), versi=p.versi, hasil=hasil, catatan="Ditarik"
    )
    assert (p.status, p.hasil, p.langkah_nomor, p.dijeda_pada) == ("selesai", hasil, None, None)
    assert p.peran_saat_ini_id is None and p.riwayat.last().aksi == "ditutup"


def test_handing_a_roles_steps_to_another_role_changes_who_acts_from_now_on(jam):
    p = _perkara(jam)
    operator = Peran.objects.get(kantor__kode="solok", kode="operator")
    kadin = Peran.objects.get(kantor__kode="solok", kode="kadin")
    petugas = Peran.objects.get(kantor__kode="solok", kode="petugas")
    p = mesin.alihkan_peran(
        subjek=p,
        oleh=_orang("solok.operator"),
        versi=p.versi,
        ganti={operator.pk: kadin, petugas.pk: kadin},
        catatan="Konflik kepentingan",
    )
    assert p.peran_saat_ini == kadin
    assert {s.peran for s in mesin.potret(p).langkah if not s.pemohon} == {"Kepala Dinas Sosial"}
    assert p.riwayat.last().peran == "Operator DTKS"  # recorded under the role that acted
    with pytest.raises(mesin.TransisiDitolak):
        mesin.kerjakan_langkah(subjek=p, oleh=_orang("solok.operator"), aksi="ya", versi=p.versi)
    p = mesin.kerjakan_langkah(subjek=p, oleh=_orang("solok.kadin"), aksi="ya", versi=p.versi)
    assert p.status == StatusJalan.DITERIMA


def test_a_sops_roles_can_be_handed_over_when_the_walk_starts(jam):
    layanan = Layanan.objects.get(kantor__kode="solok", kode="sk-dtks")
    operator = Peran.objects.get(kantor__kode="solok", kode="operator")
    kadin = Peran.objects.get(kantor__kode="solok", kode="kadin")
    perkara = Perkara.objects.create(kantor=layanan.kantor, layanan=layanan, judul="Uji")
    with transaction.atomic():
        p = mesin.kunci(perkara)
        mesin.terima(
            subjek=p,
            oleh=_orang("solok.petugas"),
            sekarang=jam["t"],
            batas_menit=480,
            ganti_peran={operator.pk: kadin},
        )
    assert p.peran_saat_ini == kadin
    assert p.tenggat == hari_kerja.tenggat(p.kantor, SENIN, 480)
