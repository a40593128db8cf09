"""Writes of applications from home: scans kept for a form still being filled, the application
sent with its contact's one-time code, the code confirmed (one open application per NIK and
service), and the loket's decision, taken by the loket's own completeness step."""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from layanan import mesin
from layanan.daring import pesan
from layanan.forms.loket import AKSI_LENGKAP
from layanan.hari_kerja import MENIT_PER_HARI_KERJA, tenggat
from layanan.loket import services as loket
from layanan.loket.unggahan import BerkasBersih
from layanan.models import (
    STATUS_TERBUKA,
    KategoriPemohon,
    Layanan,
    PengaturanDaring,
    Pengguna,
    Permohonan,
    PermohonanDaring,
    PersyaratanBerkas,
    Pindaian,
    StatusDaring,
    StatusLayanan,
)
from layanan.penomoran import kode_lacak_baru

KODE_BERLAKU = dt.timedelta(minutes=15)
MAKS_PERCOBAAN_KODE = 5


class DaringDitolak(Exception):
    """A write refused; the message says why, in Indonesian."""


# ---------------------------------------------------------------------------
# Scans of a form still being filled, keyed to its token (kept in the session)
# ---------------------------------------------------------------------------
def pindaian_simpan(
    *,
    layanan: Layanan,
    token: uuid.UUID,
    persyaratan: PersyaratanBerkas,
    nama_asli: str,
    bersih: BerkasBersih,
) -> Pindaian:
    """The loket's own store of a checked scan, uploaded by nobody on the staff."""
    return loket.pindaian_simpan(
        oleh=None,
        kantor_id=layanan.kantor_id,
        token=token,
        persyaratan=persyaratan,
        nama_asli=nama_asli,
        bersih=bersih,
    )


def pindaian_draf(*, kantor_id: int, token: uuid.UUID) -> list[Pindaian]:
    return list(
        Pindaian.objects.filter(
            token_formulir=token,
            kantor_id=kantor_id,
            diunggah_oleh__isnull=True,
            permohonan__isnull=True,
        ).select_related("persyaratan")
    )


def pindaian_buang(*, kantor_id: int, token: uuid.UUID, ids: list[int]) -> None:
    for scan in Pindaian.objects.filter(
        pk__in=ids,
        token_formulir=token,
        kantor_id=kantor_id,
        diunggah_oleh__isnull=True,
        permohonan__isnull=True,
    ):
        scan.berkas.delete(save=False)
        scan.delete()


# ---------------------------------------------------------------------------
# Sending, and the contact's code
# ---------------------------------------------------------------------------
def _hash(d: PermohonanDaring, kode: str) -> str:
    return salted_hmac("layanan.daring.kode", f"{d.token}:{kode}").hexdigest()


def _kode_baru(d: PermohonanDaring) -> str:
    kode = f"{secrets.randbelow(1_000_000):06d}"
    d.kode_hash = _hash(d, kode)
    d.kode_berlaku_sampai = timezone.now() + KODE_BERLAKU
    d.kode_percobaan = 0
    return kode


@transaction.atomic
def daring_kirim(
    *,
    layanan: Layanan,
    token: uuid.UUID,
    isian: dict[str, Any],
    peringatan: list[str],
    telepon: str,
    email: str,
) -> PermohonanDaring:
    """The form, sent: kept with its token's scans, waiting for the contact's code. A form sent
    again (a second try, or a fix of a returned application) updates its own row."""
    if not Layanan.objects.filter(
        pk=layanan.pk, status=StatusLayanan.AKTIF, terima_daring=True
    ).exists():
        raise DaringDitolak(_("This service does not take online applications now."))
    d = PermohonanDaring.objects.select_for_update().filter(token=token).first()
    if d is not None and d.status in (StatusDaring.MENUNGGU, StatusDaring.DITERIMA):
        raise DaringDitolak(_("This application was already sent."))
    if d is not None and d.status == StatusDaring.KEDALUWARSA:
        raise DaringDitolak(
            _("This application was closed as not completed in time. Open the form again.")
        )
    if d is not None and d.status == StatusDaring.DIKEMBALIKAN and d.nik != isian["nik"]:
        # A returned application stays its NIK's (one open per NIK and service).
        raise DaringDitolak(
            _("A returned application keeps its NIK. For another NIK, send a new application.")
        )
    if d is None:
        d = PermohonanDaring(
            kantor_id=layanan.kantor_id,
            layanan=layanan,
            token=token,
            kode_lacak=kode_lacak_baru(),
        )
    d.nik = isian["nik"]
    d.isian, d.peringatan = isian, peringatan
    d.telepon, d.email = telepon, email
    d.setuju_pada = timezone.now()
    if d.status != StatusDaring.DIKEMBALIKAN:
        d.status = StatusDaring.KODE
    kode = _kode_baru(d)
    d.save()
    if not pesan.kirim_kode(d, kode):
        raise DaringDitolak(
            _("The office cannot send confirmation codes now. Please apply at the loket.")
        )
    return d


@transaction.atomic
def kode_kirim_ulang(*, daring: PermohonanDaring) -> None:
    d = PermohonanDaring.objects.select_for_update().get(pk=daring.pk)
    kode = _kode_baru(d)
    d.save(update_fields=["kode_hash", "kode_berlaku_sampai", "kode_percobaan"])
    pesan.kirim_kode(d, kode)


@dataclass(frozen=True)
class HasilKode:
    """A code confirmed (`tenggat` set: the check's deadline as told to whoever sent it) or
    refused (`salah`). The NIK may have had an application open for this service already: then
    no second one is made and the first one's contact is told where it stands, but the result
    reads the same, so the sender's screen cannot tell a known NIK from an unknown one."""

    salah: str = ""
    tenggat: dt.datetime | None = None


@transaction.atomic
def kode_konfirmasi(*, daring: PermohonanDaring, kode: str) -> HasilKode:
    """The contact confirmed: the application waits for the loket's check, with its deadline."""
    # Its own row only (FOR UPDATE over the join would lock the office's row too and queue
    # every confirmation of the office behind one another); the one-open rule is the
    # database's constraint.
    d = (
        PermohonanDaring.objects.select_for_update(of=("self",))
        .select_related("kantor")
        .get(pk=daring.pk)
    )
    if d.status not in (StatusDaring.KODE, StatusDaring.DIKEMBALIKAN) or not d.kode_hash:
        return HasilKode(salah=_("This application was already sent."))
    sekarang = timezone.now()
    if d.kode_percobaan >= MAKS_PERCOBAAN_KODE or (
        d.kode_berlaku_sampai is not None and d.kode_berlaku_sampai < sekarang
    ):
        return HasilKode(salah=_("This code has expired. Ask for a new one."))
    if not hmac.compare_digest(d.kode_hash, _hash(d, kode.strip())):
        d.kode_percobaan += 1
        d.save(update_fields=["kode_percobaan"])
        return HasilKode(salah=_("The code is not right. Check the message and type it again."))
    batas = tenggat(d.kantor, sekarang, _menit_periksa(d.kantor_id))
    if _terbuka_lain(d) is None:
        try:
            with transaction.atomic():
                d.status = StatusDaring.MENUNGGU
                d.kode_hash = ""
                d.kontak_dikonfirmasi_pada = sekarang
                d.dikirim_pada = sekarang
                d.pertama_dikirim_pada = d.pertama_dikirim_pada or sekarang
                d.tenggat_periksa = batas
                d.save()
        except IntegrityError:
            # Another code for this NIK and service was confirmed at the same moment and won
            # (the constraint "daring_satu_terbuka"): this one is the second, as below.
            d = PermohonanDaring.objects.get(pk=d.pk)
        else:
            pesan.kirim_terkirim(d)
            return HasilKode(tenggat=batas)
    if (lama := _terbuka_lain(d)) is not None:
        # Told to the first one's contact, not to this one: a stranger typing someone's NIK
        # learns nothing of their application.
        pesan.kirim_sudah_ada(lama)
    d.kode_hash = ""
    d.save(update_fields=["kode_hash"])
    return HasilKode(tenggat=batas)


def _terbuka_lain(d: PermohonanDaring) -> PermohonanDaring | None:
    """Another application of this NIK open for this service (waiting for the check, or
    returned): one at a time. The database holds the rule too, against two at once."""
    return (
        PermohonanDaring.objects.filter(
            layanan_id=d.layanan_id, nik=d.nik, status__in=STATUS_TERBUKA
        )
        .exclude(pk=d.pk)
        .select_related("layanan", "kantor")
        .first()
    )


def _menit_periksa(kantor_id: int) -> int:
    atur = PengaturanDaring.objects.filter(kantor_id=kantor_id).first()
    return (atur.hari_periksa if atur else 1) * MENIT_PER_HARI_KERJA


# ---------------------------------------------------------------------------
# The loket's decision
# ---------------------------------------------------------------------------
def _cd(d: PermohonanDaring, ada: dict[int, str], berlaku: list[PersyaratanBerkas]) -> dict:
    """The intake's data (layanan.forms.loket's cleaned_data) from what the citizen sent and
    what the loket ticked."""
    cd: dict[str, Any] = {k: v for k, v in d.isian.items() if k not in ("kategori",)}
    lahir = d.isian.get("tanggal_lahir")
    cd["tanggal_lahir"] = dt.date.fromisoformat(lahir) if lahir else None
    kategori = d.isian.get("kategori")
    cd["kategori"] = (
        KategoriPemohon.objects.filter(pk=kategori, layanan=d.layanan).first() if kategori else None
    )
    cd.update(
        token=uuid.uuid4(),  # each decision is one application, as at the counter
        alasan_tanpa_nik="",
        catatan_loket="",
        nomor_antrean=None,
        notif_setuju=True,
        notif_telepon=d.telepon,
        notif_email=d.email,
    )
    for p in berlaku:
        if p.pk in ada:
            cd[f"berkas_{p.pk}_ada"] = True
            cd[f"berkas_{p.pk}_bentuk"] = ada[p.pk]
    return cd


def berlaku_untuk(d: PermohonanDaring) -> list[PersyaratanBerkas]:
    kategori = d.isian.get("kategori")
    return [
        p
        for p in d.layanan.berkas.all()
        if p.kategori_id is None or (kategori and p.kategori_id == kategori)
    ]


@transaction.atomic
def daring_putuskan(
    *, daring: PermohonanDaring, oleh: Pengguna, ada: dict[int, str], aksi: str, catatan: str
) -> Permohonan:
    """Complete: registered, numbered and started by the engine, as at the counter, its clock
    from now, the scans its own. Incomplete: that attempt ends, on the record, as at the
    counter, and the citizen is told what is missing and fixes it with what they sent."""
    d = PermohonanDaring.objects.select_for_update().select_related("layanan").get(pk=daring.pk)
    if d.kantor_id != oleh.kantor_id:
        raise mesin.TransisiDitolak(_("This application belongs to another office."))
    if d.status != StatusDaring.MENUNGGU:
        raise mesin.TransisiDitolak(_("The completeness of this application was already decided."))
    berlaku = berlaku_untuk(d)
    kurang = [p.nama for p in berlaku if p.sifat == "wajib" and p.pk not in ada]
    lengkap = aksi == AKSI_LENGKAP
    if lengkap and kurang:
        raise mesin.TransisiDitolak(
            _("Not every mandatory document is ticked as seen: %(daftar)s.")
            % {"daftar": ", ".join(kurang)}
        )
    if not lengkap and not kurang and not catatan.strip():
        raise mesin.TransisiDitolak(
            _("Every mandatory document is ticked. Write why the documents are still incomplete.")
        )
    p = loket.permohonan_daftarkan(
        layanan=d.layanan,
        oleh=oleh,
        cd=_cd(d, ada, berlaku) | {"catatan_loket": catatan.strip()},
        lengkap=lengkap,
        peringatan=d.peringatan,
        berlaku=berlaku,
        daring=d,
    )
    d.diperiksa_pada = timezone.now()
    d.catatan_periksa = catatan.strip()
    if lengkap:
        d.status = StatusDaring.DITERIMA
        d.permohonan = p
        Pindaian.objects.filter(
            token_formulir=d.token, kantor_id=d.kantor_id, permohonan__isnull=True
        ).update(permohonan=p)
    else:
        d.status = StatusDaring.DIKEMBALIKAN
        d.kurang = kurang
        d.kali_dikembalikan += 1
        pesan.kirim_kembali(d)
    d.save()
    return p


@transaction.atomic
def asli_dilihat(*, daring: PermohonanDaring, oleh: Pengguna) -> None:
    """The loket saw the originals at hand-over (offices that ask for them)."""
    if daring.kantor_id != oleh.kantor_id or daring.status != StatusDaring.DITERIMA:
        raise mesin.TransisiDitolak(_("This application belongs to another office."))
    PermohonanDaring.objects.filter(pk=daring.pk, asli_dilihat_pada__isnull=True).update(
        asli_dilihat_pada=timezone.now()
    )
