"""The worker's side of the outbox: claim due messages, send each once, record the outcome.

Never twice: a message is claimed by a status change (queued → being sent, with this sweep's
token) in a transaction of its own before anything leaves, and only the claimer records its
outcome. Two workers never claim one row (PostgreSQL: SELECT … FOR UPDATE SKIP LOCKED; SQLite
serialises writers, and the update re-checks the status). A worker killed between sending and
recording leaves the row "being sent"; after KLAIM_BASI it is marked "outcome unknown" for the
office to look at, and not sent again by itself.

Nothing lost: a failure that may pass (the provider down, slow, rate-limiting) puts the message
back in the queue, further off each time (JEDA), until DINSOS_NOTIFIKASI_MAKS_PERCOBAAN."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Min
from django.utils import timezone

from layanan.models import KontakNotifikasi, Pesan, SaluranKantor, StatusPesan
from layanan.notifikasi.saluran import HasilKirim, PesanKeluar, Saluran
from layanan.notifikasi.saluran.pilih import menjangkau, saluran

UKURAN_KLAIM = 50  # messages claimed, sent and recorded together
KLAIM_BASI = dt.timedelta(minutes=15)
# Wait before the n-th retry (the last one repeats): a provider's outage of hours loses nothing.
JEDA = (30, 120, 600, 1800, 3600, 3 * 3600, 6 * 3600)


@dataclass
class HasilSapu:
    terkirim: int = 0
    diulang: int = 0
    gagal: int = 0
    coba_lagi_pada: dt.datetime | None = None


def jeda(percobaan: int) -> dt.timedelta:
    return dt.timedelta(seconds=JEDA[min(percobaan, len(JEDA)) - 1])


def klaim(n: int = UKURAN_KLAIM) -> list[Pesan]:
    """Up to `n` due messages, now "being sent" and ours alone."""
    token, sekarang = uuid.uuid4(), timezone.now()
    with transaction.atomic():
        antre = Pesan.objects.filter(status=StatusPesan.ANTRE, kirim_setelah__lte=sekarang)
        if connection.features.has_select_for_update_skip_locked:
            antre = antre.select_for_update(skip_locked=True)
        ids = list(antre.order_by("kirim_setelah", "pk").values_list("pk", flat=True)[:n])
        if not ids:
            return []
        Pesan.objects.filter(pk__in=ids, status=StatusPesan.ANTRE).update(
            status=StatusPesan.MENGIRIM,
            klaim=token,
            diklaim_pada=sekarang,
            percobaan=F("percobaan") + 1,
        )
    return list(Pesan.objects.filter(klaim=token, status=StatusPesan.MENGIRIM).order_by("pk"))


def _catat(pesan: Pesan, hasil: HasilKirim, sekarang: dt.datetime) -> str:
    """The outcome written on the claimed row; returns its new status."""
    kolom: dict[str, object] = {}
    if hasil.berhasil:
        kolom = {"status": StatusPesan.TERKIRIM, "id_penyedia": hasil.id_penyedia[:200]}
        kolom["terkirim_pada"] = sekarang
    else:
        galat = f"{pesan.galat}\n#{pesan.percobaan} {sekarang:%Y-%m-%d %H:%M:%S}: {hasil.galat}"
        kolom["galat"] = galat.strip()[-4000:]
        if hasil.sementara and pesan.percobaan < settings.DINSOS_NOTIFIKASI_MAKS_PERCOBAAN:
            kolom["status"] = StatusPesan.ANTRE
            kolom["kirim_setelah"] = sekarang + jeda(pesan.percobaan)
        else:
            kolom["status"] = StatusPesan.GAGAL
    Pesan.objects.filter(pk=pesan.pk, klaim=pesan.klaim, status=StatusPesan.MENGIRIM).update(
        **kolom
    )
    return str(kolom["status"])


def _saluran(kanal: dict[tuple[int, str], Saluran], pesan: Pesan) -> Saluran:
    kunci = (pesan.kantor_id, pesan.saluran)
    if kunci not in kanal:
        konfig = SaluranKantor.objects.filter(kantor_id=pesan.kantor_id, jenis=pesan.saluran)
        kanal[kunci] = saluran(
            konfig.first() or SaluranKantor(kantor_id=pesan.kantor_id, jenis=pesan.saluran)
        )
    return kanal[kunci]


def cadangan(pesan: Pesan) -> Pesan | None:
    """A message that failed for good goes again by the office's next active channel that
    reaches the applicant and was not tried for it yet (a new row, the same text)."""
    asal = pesan.asal or pesan
    if pesan.permohonan_id is None:
        return None
    kontak = KontakNotifikasi.objects.filter(
        permohonan_id=pesan.permohonan_id, setuju=True, berhenti_pada=None
    ).first()
    if kontak is None:
        return None
    dicoba = {asal.saluran, *asal.cadangan.values_list("saluran", flat=True)}
    for jenis in (
        SaluranKantor.objects.filter(kantor_id=pesan.kantor_id, aktif=True)
        .exclude(jenis__in=dicoba)
        .values_list("jenis", flat=True)
    ):
        penerima = menjangkau(jenis, telepon=kontak.telepon, email=kontak.email)
        if penerima:
            return Pesan.objects.create(
                kantor_id=pesan.kantor_id,
                permohonan_id=pesan.permohonan_id,
                peristiwa=pesan.peristiwa,
                saluran=jenis,
                penerima=penerima,
                subjek=pesan.subjek,
                isi=pesan.isi,
                templat=pesan.templat,
                parameter=pesan.parameter,
                asal=asal,
                kirim_setelah=timezone.now(),
            )
    return None


def tandai_basi() -> int:
    """Claims nobody recorded an outcome for (the worker was killed mid-send)."""
    return Pesan.objects.filter(
        status=StatusPesan.MENGIRIM, diklaim_pada__lt=timezone.now() - KLAIM_BASI
    ).update(status=StatusPesan.TIDAK_PASTI)


def kirim_antrean(maks: int | None = None) -> HasilSapu:
    """Send what is due until nothing is (or `maks` messages were tried)."""
    tandai_basi()
    hasil = HasilSapu()
    kanal: dict[tuple[int, str], Saluran] = {}
    while maks is None or hasil.terkirim + hasil.diulang + hasil.gagal < maks:
        daftar = klaim()
        if not daftar:
            break
        keluaran = []
        for pesan in daftar:
            s = _saluran(kanal, pesan)
            keluar = PesanKeluar(
                kunci=str(pesan.pk),
                penerima=pesan.penerima,
                subjek=pesan.subjek,
                isi=pesan.isi,
                templat=pesan.templat,
                parameter=tuple(pesan.parameter),
            )
            try:
                keluaran.append((pesan, s.kirim(keluar)))
            except Exception as exc:  # a channel's own bug must not strand the rest
                keluaran.append((pesan, HasilKirim.gagal_sementara(repr(exc))))
        with transaction.atomic():
            sekarang = timezone.now()
            for pesan, h in keluaran:
                status = _catat(pesan, h, sekarang)
                if status == StatusPesan.TERKIRIM:
                    hasil.terkirim += 1
                elif status == StatusPesan.ANTRE:
                    hasil.diulang += 1
                else:
                    hasil.gagal += 1
                    cadangan(pesan)
    if hasil.diulang:
        hasil.coba_lagi_pada = Pesan.objects.filter(status=StatusPesan.ANTRE).aggregate(
            t=Min("kirim_setelah")
        )["t"]
    return hasil
