"""The complaint answered (to a complainant who asked, at the contact they left) and the
satisfaction survey's link after the letter is handed over: through the same outbox."""

from __future__ import annotations

import pytest

from layanan.forms.pengaduan import FormulirPengaduan
from layanan.models import Kantor, Peristiwa, Pesan
from layanan.notifikasi import kirim
from layanan.notifikasi.nomor import PESAN_KONTAK_KABAR
from tests.factories import daftar, sampai_selesai
from tests.notifikasi.conftest import EMAIL_WARGA, KONTAK_EMAIL, saluran
from tests.test_pengaduan import aduan, tutup

pytestmark = pytest.mark.usefixtures("kantor_email")


@pytest.mark.parametrize(
    ("kabari", "kontak", "penerima"),
    [
        (True, EMAIL_WARGA, EMAIL_WARGA),
        (True, "0812-3456-7890", "+6281234567890"),  # the development log reaches a number
        (False, EMAIL_WARGA, None),
        (True, "", None),
    ],
)
def test_the_complainant_who_asked_is_told_the_answer_is_there(kabari, kontak, penerima):
    saluran("metro", "email", "log")
    p = tutup(aduan(kabari_pelapor=kabari, kontak_pelapor=kontak), "metro.petugas")
    pesan = Pesan.objects.filter(pengaduan=p)
    if penerima is None:
        assert not pesan.exists()
        return
    [m] = pesan
    assert (m.peristiwa, m.penerima) == (Peristiwa.PENGADUAN_DIJAWAB, penerima)
    assert p.nomor in m.isi and p.kode_lacak in m.isi
    assert "Beres." not in m.isi  # the answer is read on the status page, with the code
    assert kirim.kirim_antrean().terkirim == 1


@pytest.mark.parametrize("kontak", ["", "bukan nomor", "021 555 1234", "a@b"])
def test_asking_to_be_told_needs_a_mobile_number_or_an_e_mail(kontak):
    kantor = Kantor.objects.get(kode="metro")
    form = FormulirPengaduan({"kabari_pelapor": "on", "kontak_pelapor": kontak}, kantor=kantor)
    form.is_valid()
    assert form.errors["kabari_pelapor"] == [str(PESAN_KONTAK_KABAR)]


def test_the_survey_link_follows_the_hand_over():
    p = daftar("solok", kontak=KONTAK_EMAIL)
    sampai_selesai(p)
    [m] = Pesan.objects.filter(permohonan=p, peristiwa=Peristiwa.SURVEI_IKM)
    assert "http://testserver/ikm/t/" in m.isi
    assert p.kode_lacak not in m.isi  # the survey's link never opens the status page
