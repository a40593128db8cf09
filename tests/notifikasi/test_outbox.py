"""The outbox: an event's message written with the event, sent once by the worker after commit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from layanan.models import (
    AturanNotifikasi,
    KontakNotifikasi,
    Peristiwa,
    Permohonan,
    Pesan,
    StatusPesan,
    Surat,
)
from layanan.notifikasi import kirim
from layanan.notifikasi.services import catat_peristiwa
from layanan.surat.services import surat_cabut
from tests.factories import KASUS, daftar, pelaku, sampai_selesai
from tests.notifikasi.conftest import EMAIL_WARGA, KONTAK_EMAIL

pytestmark = pytest.mark.usefixtures("kantor_email")


def test_acceptance_queues_a_message_with_the_code_and_no_nik():
    p = daftar("blitar", kontak=KONTAK_EMAIL)
    pesan = Pesan.objects.get(permohonan=p)
    assert pesan.peristiwa == Peristiwa.DITERIMA
    assert pesan.status == StatusPesan.ANTRE
    assert (pesan.saluran, pesan.penerima) == ("email", EMAIL_WARGA)
    assert p.kode_lacak in pesan.isi
    assert "http://testserver/status/" in pesan.isi
    assert KASUS["blitar"][2] not in pesan.isi + pesan.subjek  # the NIK
    assert "Warga Uji" not in pesan.isi  # nor the name


def test_no_consent_no_message():
    p = daftar("blitar")
    assert not KontakNotifikasi.objects.get(permohonan=p).setuju
    assert not Pesan.objects.filter(permohonan=p).exists()


def test_an_incomplete_application_is_not_told_it_was_accepted():
    p = daftar("blitar", lengkap=False, kontak=KONTAK_EMAIL)
    assert not Pesan.objects.filter(permohonan=p).exists()


def test_message_is_written_in_the_events_transaction():
    class Batal(Exception):
        pass

    with pytest.raises(Batal), transaction.atomic():
        daftar("blitar", kontak=KONTAK_EMAIL)
        assert Pesan.objects.count() == 1
        raise Batal
    assert Pesan.objects.count() == 0


def test_the_worker_is_queued_only_after_commit(django_capture_on_commit_callbacks):
    sebelum = DBTaskResult.objects.count()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        daftar("blitar", kontak=KONTAK_EMAIL)
        assert DBTaskResult.objects.count() == sebelum
    assert callbacks
    tugas = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert tugas.task_path == "layanan.notifikasi.tugas.kirim_notifikasi"


def test_the_worker_sends_once_and_records_the_message_id():
    p = daftar("blitar", kontak=KONTAK_EMAIL)
    hasil = kirim.kirim_antrean()
    assert hasil.terkirim == 1
    assert len(mail.outbox) == 1
    surel = mail.outbox[0]
    assert surel.to == [EMAIL_WARGA]
    assert p.kode_lacak in surel.body
    pesan = Pesan.objects.get(permohonan=p)
    assert pesan.status == StatusPesan.TERKIRIM
    assert pesan.id_penyedia == surel.extra_headers["Message-ID"]
    assert pesan.percobaan == 1
    # A second sweep (a restarted worker) finds nothing to send.
    assert kirim.kirim_antrean().terkirim == 0
    assert len(mail.outbox) == 1


def test_a_row_is_claimed_by_one_sweep_only():
    daftar("blitar", kontak=KONTAK_EMAIL)
    pertama = kirim.klaim()
    assert len(pertama) == 1
    assert kirim.klaim() == []


def test_a_claim_never_recorded_becomes_unknown_and_is_not_sent_again():
    p = daftar("blitar", kontak=KONTAK_EMAIL)
    kirim.klaim()  # the worker is killed after claiming
    Pesan.objects.filter(permohonan=p).update(
        diklaim_pada=timezone.now() - kirim.KLAIM_BASI - dt.timedelta(seconds=1)
    )
    assert kirim.kirim_antrean().terkirim == 0
    assert Pesan.objects.get(permohonan=p).status == StatusPesan.TIDAK_PASTI
    assert mail.outbox == []


def test_the_event_can_be_switched_off_for_a_service(kantor_a, layanan_a):
    AturanNotifikasi.objects.create(
        kantor=kantor_a, layanan=layanan_a, peristiwa=Peristiwa.DITERIMA, aktif=False, teks="x"
    )
    p = daftar("blitar", kontak=KONTAK_EMAIL)
    assert not Pesan.objects.filter(permohonan=p).exists()


def test_a_services_text_overrides_the_offices(kantor_a, layanan_a):
    AturanNotifikasi.objects.create(
        kantor=kantor_a, peristiwa=Peristiwa.DITERIMA, teks="Kantor: {{ kode }}"
    )
    AturanNotifikasi.objects.create(
        kantor=kantor_a,
        layanan=layanan_a,
        peristiwa=Peristiwa.DITERIMA,
        subjek="Kode {{ kode }}",
        teks="Layanan {{ layanan }} & kode {{ kode }}",
    )
    p = daftar("blitar", kontak=KONTAK_EMAIL)
    pesan = Pesan.objects.get(permohonan=p)
    # Plain text: nothing HTML-escaped in a WhatsApp or e-mail message.
    assert pesan.isi == f"Layanan {layanan_a.nama_tampil} & kode {p.kode_lacak}"
    assert pesan.subjek == f"Kode {p.kode_lacak}"


# Saved before the checks (or by the superuser): 14 × 14 codes of 14 characters.
TEKS_PANJANG = (
    "{% for a in kode|make_list %}{% for b in kode|make_list %}{{ kode }}{% endfor %}{% endfor %}"
)


def test_the_offices_rule_applies_to_every_service(kantor_a):
    AturanNotifikasi.objects.create(
        kantor=kantor_a, peristiwa=Peristiwa.DITERIMA, aktif=False, teks="x"
    )
    p = daftar("blitar", kontak=KONTAK_EMAIL)
    assert not Pesan.objects.filter(permohonan=p).exists()


def test_a_text_that_fails_is_a_failed_message_and_the_event_stands(kantor_a):
    AturanNotifikasi.objects.create(
        kantor=kantor_a, peristiwa=Peristiwa.DITERIMA, teks=TEKS_PANJANG
    )
    p = daftar("blitar", kontak=KONTAK_EMAIL)
    assert p.kode_lacak  # accepted
    pesan = Pesan.objects.get(permohonan=p)
    assert pesan.status == StatusPesan.GAGAL
    assert pesan.galat


def test_withdrawn_consent_stops_messages():
    p = daftar("blitar", kontak=KONTAK_EMAIL)
    KontakNotifikasi.objects.filter(permohonan=p).update(berhenti_pada=timezone.now())
    Pesan.objects.all().delete()
    from layanan.notifikasi.services import catat_peristiwa

    assert catat_peristiwa(peristiwa=Peristiwa.DITERIMA, permohonan=p) == []


def test_signing_and_revoking_the_letter_each_queue_a_message():
    p = daftar("solok", kontak=KONTAK_EMAIL)
    sampai_selesai(p)
    surat = Surat.objects.get(permohonan=p)
    siap = Pesan.objects.get(permohonan=p, peristiwa=Peristiwa.SURAT_SIAP)
    assert surat.nomor in siap.isi
    surat_cabut(surat=surat, oleh=surat.ditandatangani_oleh, alasan="Salah nama")
    dicabut = Pesan.objects.get(permohonan=p, peristiwa=Peristiwa.SURAT_DICABUT)
    assert surat.nomor in dicabut.isi
    assert kirim.kirim_antrean().terkirim == 4  # accepted, ready, survey link, revoked
    assert pelaku  # (the factory's role holders signed)


def test_queueing_costs_a_fixed_number_of_queries(kantor_a, layanan_a, django_assert_num_queries):
    for peristiwa in (Peristiwa.DITERIMA, Peristiwa.SURAT_SIAP, Peristiwa.SURVEI_IKM):
        AturanNotifikasi.objects.create(kantor=kantor_a, peristiwa=peristiwa, teks="{{ kode }}")
    p = daftar("blitar", kontak=KONTAK_EMAIL)
    p = Permohonan.objects.select_related("kantor", "layanan", "pemohon").get(pk=p.pk)
    with transaction.atomic():
        with django_assert_num_queries(4):  # contact, channels, rules, the message
            catat_peristiwa(peristiwa=Peristiwa.SURAT_SIAP, permohonan=p, nomor_surat="1")
        with django_assert_num_queries(2):  # the office's settings kept for the transaction
            catat_peristiwa(peristiwa=Peristiwa.SURVEI_IKM, permohonan=p, tautan_survei="x")
    AturanNotifikasi.objects.filter(kantor=kantor_a).update(aktif=False)
    with transaction.atomic():  # a new transaction reads them again
        assert catat_peristiwa(peristiwa=Peristiwa.SURAT_SIAP, permohonan=p) == []
