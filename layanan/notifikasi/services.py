"""Writes of notifications: an event's messages queued in its own transaction (the one way in
for every event: the step engine's hook and the letter services call catat_peristiwa), and the
applicant's consent and contact recorded at the loket."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from layanan.models import (
    AturanNotifikasi,
    KontakNotifikasi,
    Pengguna,
    Permohonan,
    Pesan,
    SaluranKantor,
    StatusPesan,
)
from layanan.notifikasi import teks
from layanan.notifikasi.saluran.pilih import menjangkau
from layanan.surat.templat_aman import TemplatTidakAman

logger = logging.getLogger("layanan.notifikasi")
PESAN_ADA_NIK = "the text would carry the applicant's NIK: not sent"


def kontak_simpan(
    *, permohonan: Permohonan, setuju: bool, telepon: str = "", email: str = ""
) -> KontakNotifikasi:
    """The loket's record of consent (numbers already normalised by the form)."""
    kontak, _dibuat = KontakNotifikasi.objects.update_or_create(
        permohonan=permohonan,
        defaults={
            "setuju": setuju,
            "telepon": telepon if setuju else "",
            "email": email if setuju else "",
        },
    )
    return kontak


# What a citizen replies to stop the messages (WhatsApp), as people write it.
KATA_BERHENTI = frozenset({"STOP", "BERHENTI", "UNSUBSCRIBE", "STOP PESAN"})


def kontak_berhenti(*, kontak: KontakNotifikasi, lewat: str) -> bool:
    """The citizen withdraws consent: nothing more is queued for the application, and what
    waits in the outbox is stopped. False when it was already withdrawn. `lewat` (the status
    page, a reply) is kept in the contact's history."""
    with transaction.atomic():
        kontak = KontakNotifikasi.objects.select_for_update().get(pk=kontak.pk)
        if not kontak.setuju or kontak.berhenti_pada is not None:
            return False
        kontak.berhenti_pada = timezone.now()
        kontak._change_reason = lewat  # type: ignore[attr-defined]  # simple_history's reason
        kontak.save(update_fields=["berhenti_pada"])
        Pesan.objects.filter(
            permohonan_id=kontak.permohonan_id, status=StatusPesan.ANTRE, pengguna=None
        ).update(status=StatusPesan.BATAL)
    logger.info("consent withdrawn for application %s (%s)", kontak.permohonan_id, lewat)
    return True


def berhenti_lewat_balasan(*, kantor_ids: list[int], telepon: str, teks: str) -> int:
    """A reply saying STOP withdraws consent for every application of these offices that
    sends to that number."""
    if not kantor_ids or " ".join(teks.split()).upper() not in KATA_BERHENTI:
        return 0
    daftar = KontakNotifikasi.objects.filter(
        permohonan__kantor_id__in=kantor_ids, telepon=telepon, setuju=True, berhenti_pada=None
    )
    return sum(kontak_berhenti(kontak=k, lewat="balasan WhatsApp") for k in daftar)


def aturan_untuk(p: Permohonan, peristiwa: str) -> tuple[bool, str, str, str]:
    """(on, subject, text, WhatsApp template) of an event for this application's service: its
    own rule, else the office's, else the default text (on)."""
    aturan = {
        a.layanan_id: a
        for a in AturanNotifikasi.objects.filter(
            Q(layanan_id=p.layanan_id) | Q(layanan__isnull=True),
            kantor_id=p.kantor_id,
            peristiwa=peristiwa,
        )
    }
    pilihan = aturan.get(p.layanan_id) or aturan.get(None)
    templat_wa = f"dinsos_{peristiwa}"
    if pilihan is not None:
        subjek = pilihan.subjek or teks.BAWAAN[peristiwa][0]
        return pilihan.aktif, subjek, pilihan.teks, pilihan.templat_wa or templat_wa
    subjek, isi = teks.BAWAAN[peristiwa]
    return True, subjek, isi, templat_wa


def catat_peristiwa(*, peristiwa: str, permohonan: Permohonan, **data: Any) -> list[Pesan]:
    """Queue what this event tells the applicant, in the caller's transaction; the worker
    sends it once that commits. Nothing when they did not consent, withdrew it, the event is
    off, or no channel of the office reaches them. A text that cannot be filled in is kept as a
    failed message, for the office to see: the event itself never fails for it."""
    p = permohonan
    kontak = KontakNotifikasi.objects.filter(permohonan_id=p.pk, setuju=True).first()
    if kontak is None or kontak.berhenti_pada is not None:
        return []
    aktif, subjek, templat, templat_wa = aturan_untuk(p, peristiwa)
    if not aktif:
        return []
    for jenis in SaluranKantor.objects.filter(kantor_id=p.kantor_id, aktif=True).values_list(
        "jenis", flat=True
    ):
        penerima = menjangkau(jenis, telepon=kontak.telepon, email=kontak.email)
        if penerima:
            break
    else:
        return []
    pesan = Pesan(
        kantor_id=p.kantor_id,
        permohonan=p,
        peristiwa=peristiwa,
        saluran=jenis,
        penerima=penerima,
        kirim_setelah=timezone.now(),
    )
    try:
        data_teks = teks.konteks(p, **data)
        pesan.subjek = teks.isi(subjek, data_teks)[:150]
        pesan.isi = teks.isi(templat, data_teks)
        pesan.templat = templat_wa
        pesan.parameter = [str(data_teks[k]) for k in teks.PARAMETER_WA[peristiwa]]
    except TemplatTidakAman as exc:
        pesan.status, pesan.galat = StatusPesan.GAGAL, str(exc)
    if p.pemohon.nik and p.pemohon.nik in pesan.subjek + pesan.isi + "".join(pesan.parameter):
        pesan.status, pesan.galat, pesan.isi = StatusPesan.GAGAL, PESAN_ADA_NIK, ""
        pesan.parameter = []
    pesan.save()
    if pesan.status == StatusPesan.ANTRE:
        transaction.on_commit(_jadwalkan)
    return [pesan]


def _jadwalkan() -> None:
    from layanan.notifikasi.tugas import kirim_notifikasi

    try:
        kirim_notifikasi.enqueue()
    except Exception:  # the message is safe in the outbox; the next sweep sends it
        logger.exception("could not queue the notification task")


PESAN_SUDAH_DITANGANI = _("This message was already handled.")
PESAN_TANPA_IZIN = _("The applicant stopped the messages: it cannot be sent again.")


class TidakBisa(Exception):
    """A staff action on a failed message that cannot be done (the text is for them)."""


def _ambil_gagal(pesan: Pesan) -> Pesan:
    pesan = Pesan.objects.select_for_update().get(pk=pesan.pk)
    if pesan.status not in (StatusPesan.GAGAL, StatusPesan.TIDAK_PASTI) or pesan.ditangani_pada:
        raise TidakBisa(str(PESAN_SUDAH_DITANGANI))
    return pesan


def pesan_ulang(*, pesan: Pesan, oleh: Pengguna) -> Pesan:
    """Staff send a failed message again, on the same channel (its row queued again, attempts
    from zero: the provider may be back, or the number corrected). Not after consent was
    withdrawn."""
    with transaction.atomic():
        pesan = _ambil_gagal(pesan)
        if (
            pesan.permohonan_id is not None
            and not KontakNotifikasi.objects.filter(
                permohonan_id=pesan.permohonan_id, setuju=True, berhenti_pada=None
            ).exists()
        ):
            raise TidakBisa(str(PESAN_TANPA_IZIN))
        sekarang = timezone.now()
        pesan.galat = f"{pesan.galat}\n{sekarang:%Y-%m-%d %H:%M:%S}: requeued by {oleh.username}"
        pesan.status, pesan.percobaan, pesan.kirim_setelah = StatusPesan.ANTRE, 0, sekarang
        pesan.klaim, pesan.status_antar, pesan.antar_pada, pesan.id_penyedia = None, "", None, ""
        pesan.save(
            update_fields=[
                "galat",
                "status",
                "percobaan",
                "kirim_setelah",
                "klaim",
                "status_antar",
                "antar_pada",
                "id_penyedia",
            ]
        )
        transaction.on_commit(_jadwalkan)
    return pesan


def pesan_catat(*, pesan: Pesan, oleh: Pengguna, catatan: str) -> Pesan:
    """Staff note what they did instead (phoned the applicant…): the failure leaves the list."""
    with transaction.atomic():
        pesan = _ambil_gagal(pesan)
        pesan.catatan = catatan.strip()[:1000]
        pesan.ditangani_pada, pesan.ditangani_oleh = timezone.now(), oleh
        pesan.save(update_fields=["catatan", "ditangani_pada", "ditangani_oleh"])
    return pesan
