"""Writes of notifications: an event's messages queued in its own transaction (the one way in
for every event: the step engine's hook and the letter services call catat_peristiwa), and the
applicant's consent and contact recorded at the loket."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from layanan.models import (
    KontakNotifikasi,
    Pengaduan,
    Pengguna,
    Peristiwa,
    Permohonan,
    Pesan,
    StatusPesan,
)
from layanan.notifikasi import teks
from layanan.notifikasi.konfigurasi import aturan_kantor, aturan_untuk, baca, konfigurasi_kantor
from layanan.notifikasi.nomor import alamat_kabar
from layanan.notifikasi.saluran.pilih import menjangkau
from layanan.surat.templat_aman import DataPolos, TemplatTidakAman

logger = logging.getLogger("layanan.notifikasi")
PESAN_ADA_NIK = "the text would carry the applicant's NIK: not sent"
SQL_KONTAK = (
    f"SELECT telepon, email, berhenti_pada FROM {KontakNotifikasi._meta.db_table} "
    "WHERE permohonan_id = %s AND setuju = %s"
)


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


def catat_peristiwa(*, peristiwa: str, permohonan: Permohonan, **data: Any) -> list[Pesan]:
    """Queue what this event tells the applicant, in the caller's transaction; the worker
    sends it once that commits. Nothing when they did not consent, withdrew it, the event is
    off, or no channel of the office reaches them. A text that cannot be filled in is kept as a
    failed message, for the office to see: the event itself never fails for it."""
    p = permohonan
    kontak = baca(SQL_KONTAK, [p.pk, True])
    if not kontak or kontak[0][2] is not None:  # none, or withdrawn
        return []
    telepon, email, _berhenti = kontak[0]
    aktif, subjek, templat, templat_wa = aturan_untuk(p, peristiwa)
    if not aktif:
        return []
    tujuan = _saluran_pertama(p.kantor_id, telepon=telepon, email=email)
    if tujuan is None:
        return []
    pesan = Pesan(kantor_id=p.kantor_id, permohonan=p, peristiwa=peristiwa)
    _isi(pesan, tujuan, (subjek, templat, templat_wa), lambda: teks.konteks(p, **data))
    if p.pemohon.nik and p.pemohon.nik in pesan.subjek + pesan.isi + "".join(pesan.parameter):
        pesan.status, pesan.galat, pesan.isi = StatusPesan.GAGAL, PESAN_ADA_NIK, ""
        pesan.parameter = []
    return _simpan(pesan)


def catat_pengaduan_dijawab(*, pengaduan: Pengaduan) -> list[Pesan]:
    """A closed complaint's answer announced to its complainant, when they asked for it and
    left a mobile number or an e-mail address (the answer itself is read on the status page)."""
    p = pengaduan
    telepon, email = alamat_kabar(p.kontak_pelapor) if p.kabari_pelapor else ("", "")
    if not (telepon or email):
        return []
    aktif, subjek, templat, templat_wa = aturan_kantor(p.kantor_id, Peristiwa.PENGADUAN_DIJAWAB)
    tujuan = _saluran_pertama(p.kantor_id, telepon=telepon, email=email) if aktif else None
    if tujuan is None:
        return []
    pesan = Pesan(kantor_id=p.kantor_id, pengaduan=p, peristiwa=Peristiwa.PENGADUAN_DIJAWAB)
    _isi(pesan, tujuan, (subjek, templat, templat_wa), lambda: teks.konteks_pengaduan(p))
    return _simpan(pesan)


def _saluran_pertama(kantor_id: int, *, telepon: str, email: str) -> tuple[str, str] | None:
    """(channel, recipient) by the office's first active channel that reaches them."""
    for jenis in konfigurasi_kantor(kantor_id).saluran:
        if penerima := menjangkau(jenis, telepon=telepon, email=email):
            return jenis, penerima
    return None


def _isi(
    pesan: Pesan,
    tujuan: tuple[str, str],
    aturan: tuple[str, str, str],
    data: Callable[[], dict[str, Any]],
) -> None:
    """The message's channel, recipient and text filled in (a broken text: failed, kept)."""
    subjek, templat, templat_wa = aturan
    pesan.saluran, pesan.penerima = tujuan
    pesan.kirim_setelah = timezone.now()
    try:
        data_teks = data()
        polos = DataPolos(data_teks)  # checked once for the subject and the text
        pesan.subjek = teks.isi(subjek, polos)[:150]
        pesan.isi = teks.isi(templat, polos)
        pesan.templat = templat_wa
        pesan.parameter = [str(data_teks[k]) for k in teks.PARAMETER_WA.get(pesan.peristiwa, ())]
    except TemplatTidakAman as exc:
        pesan.status, pesan.galat = StatusPesan.GAGAL, str(exc)


def _simpan(pesan: Pesan) -> list[Pesan]:
    pesan.save()
    if pesan.status == StatusPesan.ANTRE:
        transaction.on_commit(bangunkan_pekerja)
    return [pesan]


def bangunkan_pekerja() -> None:
    """Queue the worker's sweep (after the commit that wrote messages)."""
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
        transaction.on_commit(bangunkan_pekerja)
    return pesan


def pesan_catat(*, pesan: Pesan, oleh: Pengguna, catatan: str) -> Pesan:
    """Staff note what they did instead (phoned the applicant…): the failure leaves the list."""
    with transaction.atomic():
        pesan = _ambil_gagal(pesan)
        pesan.catatan = catatan.strip()[:1000]
        pesan.ditangani_pada, pesan.ditangani_oleh = timezone.now(), oleh
        pesan.save(update_fields=["catatan", "ditangani_pada", "ditangani_oleh"])
    return pesan
