"""Real concurrent connections on PostgreSQL: numbers are never shared, a form saves once."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
from django.db import connection
from django.utils import timezone

from layanan.demo import muat_demo
from layanan.forms.loket import FormulirPermohonan
from layanan.hari_kerja import tenggat
from layanan.loket import services as services
from layanan.models import Kantor, Layanan, Pengguna, Permohonan
from layanan.penomoran import nomor_berikut
from tests.views.test_loket import data_kip

pytestmark = [pytest.mark.postgresql]


def _serentak(n: int, kerja) -> list:
    """Run `kerja` in n threads released at the same moment; each has its own connection."""
    mulai = threading.Barrier(n)
    hasil: list = []

    def jalan() -> None:
        try:
            mulai.wait()
            hasil.append(kerja())
        except Exception as exc:
            hasil.append(exc)
        finally:
            connection.close()

    utas = [threading.Thread(target=jalan) for _ in range(n)]
    for u in utas:
        u.start()
    for u in utas:
        u.join()
    return hasil


@pytest.fixture
def demo(transactional_db):
    muat_demo()


def test_twenty_simultaneous_numbers_are_one_to_twenty(demo):
    kantor = Kantor.objects.get(kode="blitar")
    hasil = _serentak(20, lambda: nomor_berikut(kantor=kantor, jenis="uji", tahun=2026))
    assert sorted(hasil) == list(range(1, 21))


def test_a_form_submitted_twice_at_once_saves_one_application(demo):
    layanan = Layanan.objects.get(kantor__kode="blitar", kode="kip")
    petugas = Pengguna.objects.get(username="blitar.petugas")
    form = FormulirPermohonan(data_kip(layanan, token=str(uuid.uuid4())), layanan=layanan)
    assert form.is_valid(), form.errors

    def kirim():
        return services.permohonan_daftarkan(
            layanan=layanan,
            oleh=petugas,
            cd=form.cleaned_data,
            lengkap=True,
            peringatan=[],
            berlaku=form.berkas_berlaku(form.cleaned_data),
        )

    hasil = _serentak(2, kirim)
    assert Permohonan.objects.count() == 1
    assert sum(isinstance(h, Permohonan) for h in hasil) == 1
    (kedua,) = [h for h in hasil if not isinstance(h, Permohonan)]
    assert isinstance(kedua, services.SudahTerkirim)
    assert kedua.permohonan == Permohonan.objects.get()


def test_two_users_on_one_step_at_once_one_wins_the_other_is_told_who(demo):
    from layanan import mesin
    from layanan.models import Peran

    layanan = Layanan.objects.get(kantor__kode="blitar", kode="kip")
    petugas = Pengguna.objects.get(username="blitar.petugas")
    form = FormulirPermohonan(data_kip(layanan, token=str(uuid.uuid4())), layanan=layanan)
    assert form.is_valid(), form.errors
    p = services.permohonan_daftarkan(
        layanan=layanan,
        oleh=petugas,
        cd=form.cleaned_data,
        lengkap=True,
        peringatan=[],
        berlaku=form.berkas_berlaku(form.cleaned_data),
    )
    # A second Pekerja Sosial, so two people hold the role of step 3.
    kedua = Pengguna.objects.create(username="blitar.peksos2", kantor=p.kantor, first_name="Rani")
    kedua.peran.set([Peran.objects.get(kantor=p.kantor, kode="peksos")])
    pertama = Pengguna.objects.get(username="blitar.peksos")
    giliran = iter([pertama, kedua])
    kunci = threading.Lock()

    def kerjakan():
        with kunci:
            oleh = next(giliran)
        return mesin.kerjakan_langkah(subjek=p, oleh=oleh, aksi="selesai", versi=p.versi)

    hasil = _serentak(2, kerjakan)
    menang = [h for h in hasil if isinstance(h, Permohonan)]
    kalah = [h for h in hasil if isinstance(h, mesin.SudahDikerjakan)]
    assert len(menang) == 1 and len(kalah) == 1
    p.refresh_from_db()
    assert p.langkah_nomor == 4
    assert p.riwayat.filter(nomor=3, aksi="selesai").count() == 1
    pemenang = p.riwayat.get(nomor=3, aksi="selesai").oleh
    assert str(pemenang) in str(kalah[0])


def test_twenty_letters_signed_at_once_are_numbered_one_to_twenty(demo):
    from layanan.demo import FRASA_TTD_DEMO
    from layanan.models import Surat
    from layanan.surat.konsep import sidik_surat
    from layanan.surat.services import surat_tandatangani
    from tests.factories import daftar, jalan

    siap = []
    for _ in range(20):
        p = daftar("solok")
        while p.langkah_nomor != 4:  # Solok's step 4: the Kadin signs
            p = jalan(p)
        siap.append(p)
    kadin = Pengguna.objects.get(username="solok.kadin")
    antrean = iter(siap)
    kunci = threading.Lock()

    def tandatangani():
        with kunci:
            p = next(antrean)
        return surat_tandatangani(
            permohonan=p,
            oleh=kadin,
            frasa_sandi=FRASA_TTD_DEMO,
            url_verifikasi="http://testserver/v/{token}/",
            versi=p.versi,
            sidik_konsep=sidik_surat(p),
        )

    hasil = _serentak(20, tandatangani)
    assert all(isinstance(h, Surat) for h in hasil), [h for h in hasil if not isinstance(h, Surat)]
    assert sorted(Surat.objects.values_list("urutan", flat=True)) == list(range(1, 21))
    assert len(set(Surat.objects.values_list("nomor", flat=True))) == 20


def test_two_codes_for_one_nik_confirmed_at_once_open_one_online_application(demo, monkeypatch):
    """Each confirmation locks only its own row: the partial unique constraint lets one open."""
    from layanan.daring import pesan
    from layanan.daring import services as daring
    from layanan.models import PermohonanDaring, StatusDaring

    layanan = Layanan.objects.get(kantor__kode="blitar", kode="kip")
    tenggat(layanan.kantor, timezone.now(), 1)  # the year's holidays, seeded on first use
    tugas = []
    for telepon in ("081234567890", "081311112222"):
        d = PermohonanDaring(
            kantor_id=layanan.kantor_id,
            layanan=layanan,
            token=uuid.uuid4(),
            kode_lacak=f"TEST-{telepon[-8:-4]}-{telepon[-4:]}",
            nik="3572010501890001",
            telepon=telepon,
            setuju_pada=timezone.now(),
        )
        kode = daring._kode_baru(d)
        d.save()
        tugas.append(lambda d=d, kode=kode: daring.kode_konfirmasi(daring=d, kode=kode))

    # Hold each one after its look-up and save, before its commit, until the other gets there
    # too, or waits on a lock (with the constraint, the second waits on the first's row).
    tiba: list[int] = []
    asli = pesan.kirim_terkirim

    def tahan(d):
        tiba.append(d.pk)
        sampai = time.monotonic() + 10
        while len(tiba) < 2 and time.monotonic() < sampai:
            with connection.cursor() as c:
                c.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                if c.fetchone()[0]:
                    break
            time.sleep(0.02)
        return asli(d)

    monkeypatch.setattr(pesan, "kirim_terkirim", tahan)
    hasil = _serentak(2, lambda: tugas.pop()())  # list.pop is atomic: one each
    assert [h.salah for h in hasil] == ["", ""]  # both read the same to their sender
    assert PermohonanDaring.objects.filter(status=StatusDaring.MENUNGGU).count() == 1
