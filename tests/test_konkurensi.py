"""Real concurrent connections on PostgreSQL: numbers are never shared, a form saves once."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connection

from layanan.demo import muat_demo
from layanan.forms.loket import FormulirPermohonan
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
