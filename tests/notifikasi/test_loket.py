"""The loket records the applicant's consent and where to send, normalised or refused."""

from __future__ import annotations

import pytest

from layanan.models import KontakNotifikasi, Permohonan, Pesan
from tests.views.test_loket import _url, data_kip

pytestmark = pytest.mark.django_db


def test_consent_and_a_normalised_number_are_recorded(petugas_a, layanan_a, kantor_email):
    data = data_kip(layanan_a, notif_setuju="on", notif_telepon="0813-1111-2222")
    r = petugas_a.post(_url(), data)
    assert r.status_code == 302
    kontak = KontakNotifikasi.objects.get()
    assert (kontak.setuju, kontak.telepon, kontak.email) == (True, "+6281311112222", "")


def test_without_a_number_the_applicants_mobile_phone_is_used(petugas_a, layanan_a):
    r = petugas_a.post(_url(), data_kip(layanan_a, notif_setuju="on"))  # phone 0812 3456 7890
    assert r.status_code == 302
    assert KontakNotifikasi.objects.get().telepon == "+6281234567890"


def test_consent_without_anywhere_to_send_is_refused(petugas_a, layanan_a):
    r = petugas_a.post(_url(), data_kip(layanan_a, notif_setuju="on", telepon=""))
    assert r.status_code == 200
    assert r.context["form"].errors["notif_telepon"]
    assert not Permohonan.objects.exists()


def test_an_invalid_number_is_refused_and_nothing_typed_is_lost(petugas_a, layanan_a):
    r = petugas_a.post(
        _url(), data_kip(layanan_a, notif_setuju="on", notif_telepon="0812", notif_email="a@b.id")
    )
    assert r.status_code == 200
    form = r.context["form"]
    assert "bukan nomor seluler yang sah" in " ".join(form.errors["notif_telepon"])
    assert (form["notif_telepon"].value(), form["notif_email"].value()) == ("0812", "a@b.id")
    assert form["nama"].value() == "Budi Santoso"
    assert not Permohonan.objects.exists()


def test_the_form_shows_the_consent_fields(petugas_a, layanan_a):
    halaman = petugas_a.get(_url()).content.decode()
    for nama in ("notif_setuju", "notif_telepon", "notif_email"):
        assert f'name="{nama}"' in halaman


def test_no_consent_no_contact_kept(petugas_a, layanan_a, kantor_email):
    data = data_kip(layanan_a, notif_telepon="0813-1111-2222")
    assert petugas_a.post(_url(), data).status_code == 302
    kontak = KontakNotifikasi.objects.get()
    assert (kontak.setuju, kontak.telepon) == (False, "")
    assert not Pesan.objects.exists()
