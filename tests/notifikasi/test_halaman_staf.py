"""Staff's pages: the messages an application's page lists (in the office's time), and the
office's failed messages, sent again or noted — another office's a 404."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from layanan.models import KontakNotifikasi, Pesan, StatusPesan
from layanan.notifikasi import kirim
from tests.factories import daftar
from tests.notifikasi.conftest import KONTAK_EMAIL

pytestmark = pytest.mark.usefixtures("kantor_email")
GAGAL = reverse("layanan:notifikasi-gagal")


@pytest.fixture
def gagal(db) -> Pesan:
    p = daftar("blitar", kontak=KONTAK_EMAIL)
    Pesan.objects.filter(permohonan=p).update(
        status=StatusPesan.GAGAL, galat="#1: SMTPRecipientsRefused 550", percobaan=1
    )
    return Pesan.objects.get(permohonan=p)


def test_the_application_page_shows_what_was_sent_and_whether_it_arrived(petugas_a):
    p = daftar("blitar", kontak=KONTAK_EMAIL)
    kirim.kirim_antrean()
    Pesan.objects.filter(permohonan=p).update(
        status_antar="delivered", antar_pada=dt.datetime(2026, 1, 5, 3, 0, tzinfo=dt.UTC)
    )
    halaman = petugas_a.get(reverse("layanan:permohonan-detail", args=[p.pk])).content.decode()
    bagian = halaman.split('id="pesan-notifikasi"')[1].split("</ul>")[0]
    assert "Permohonan diterima" in bagian or "Application accepted" in bagian
    assert "E-mail" in bagian or "Surel" in bagian
    assert 'data-antar="delivered"' in bagian
    assert "5 Jan 2026 10:00 WIB" in bagian  # 03:00 UTC in Blitar's time


def test_the_failure_list_shows_the_offices_failures_only(petugas_a, admin_b, gagal):
    assert f'id="pesan-{gagal.pk}"' in petugas_a.get(GAGAL).content.decode()
    assert f'id="pesan-{gagal.pk}"' not in admin_b.get(GAGAL).content.decode()
    aksi = reverse("layanan:notifikasi-gagal-aksi", args=[gagal.pk])
    assert admin_b.post(aksi, {"aksi": "ulang"}).status_code == 404
    assert admin_b.post(aksi, {"aksi": "catat", f"p{gagal.pk}-catatan": "x"}).status_code == 404
    gagal.refresh_from_db()
    assert (gagal.status, gagal.catatan) == (StatusPesan.GAGAL, "")


def test_staff_send_a_failure_again(petugas_a, gagal, django_capture_on_commit_callbacks):
    aksi = reverse("layanan:notifikasi-gagal-aksi", args=[gagal.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert petugas_a.post(aksi, {"aksi": "ulang"}).status_code == 302
    gagal.refresh_from_db()
    assert (gagal.status, gagal.percobaan) == (StatusPesan.ANTRE, 0)
    assert "requeued by blitar.petugas" in gagal.galat
    assert kirim.kirim_antrean().terkirim == 1
    # Once queued it is no longer a failure to act on.
    assert petugas_a.post(aksi, {"aksi": "ulang"}).status_code == 404


def test_a_note_needs_words_and_then_takes_the_failure_off_the_list(petugas_a, gagal):
    aksi = reverse("layanan:notifikasi-gagal-aksi", args=[gagal.pk])
    r = petugas_a.post(aksi, {"aksi": "catat", f"p{gagal.pk}-catatan": "  "})
    assert r.status_code == 400
    assert f'id="pesan-{gagal.pk}"' in r.content.decode()
    r = petugas_a.post(aksi, {"aksi": "catat", f"p{gagal.pk}-catatan": "Ditelepon, surat diambil"})
    assert r.status_code == 302
    gagal.refresh_from_db()
    assert (gagal.catatan, gagal.ditangani_oleh.username) == (
        "Ditelepon, surat diambil",
        "blitar.petugas",
    )
    assert f'id="pesan-{gagal.pk}"' not in petugas_a.get(GAGAL).content.decode()


def test_no_second_send_after_the_applicant_stopped_the_messages(petugas_a, gagal):
    KontakNotifikasi.objects.filter(permohonan_id=gagal.permohonan_id).update(
        berhenti_pada=timezone.now()
    )
    aksi = reverse("layanan:notifikasi-gagal-aksi", args=[gagal.pk])
    r = petugas_a.post(aksi, {"aksi": "ulang"}, follow=True)
    assert "alert-danger" in r.content.decode() or "alert-error" in r.content.decode()
    gagal.refresh_from_db()
    assert gagal.status == StatusPesan.GAGAL
