"""The worker's side of a large batch: pick it up (taking the passphrase out of the cache and the
row before anything is signed), then initial or sign each draft through `proses_butir`, each in
its own transaction, writing each result and the counts as it goes for the progress page."""

from __future__ import annotations

import datetime as dt
import logging
import traceback

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from layanan.models import BatchTugas, ButirBatchTugas, Permohonan, StatusBatch
from layanan.surat import titipan_frasa
from layanan.surat.batch import ButirBatch, HasilButir, proses_butir
from layanan.surat.services import penanda_bawaan

logger = logging.getLogger(__name__)

# A running batch writes after every draft (≈ 0.3 s each); this long without a word, its worker
# is taken as gone.
BATAS_DETAK = dt.timedelta(minutes=5)
PESAN_KEDALUWARSA = gettext_lazy(
    "The worker did not start this batch while your passphrase could be kept (%(menit)s "
    "minutes): nothing was signed. Open the batch again and type your passphrase."
)
PESAN_TERHENTI = gettext_lazy(
    "The worker stopped during this batch. The drafts not processed still wait in your inbox."
)
PESAN_GALAT_BUTIR = gettext_lazy(
    "This draft could not be processed (an internal error, recorded for the administrator)."
)


class BatchGagal(Exception):
    """What the task records when a batch breaks off: its id and the kind of error, no more."""


def _pesan_kedaluwarsa() -> str:
    return str(PESAN_KEDALUWARSA) % {"menit": max(1, settings.DINSOS_BATCH_KUNCI_DETIK // 60)}


def batch_rapikan() -> None:
    """Fail the batches that can no longer run: queued ones past the key's lifetime (their
    ciphertext blanked, their key deleted) and running ones whose worker went silent. Reads
    first and writes only when something is stale."""
    sekarang = timezone.now()
    batas_kunci = sekarang - dt.timedelta(seconds=settings.DINSOS_BATCH_KUNCI_DETIK)
    kedaluwarsa = list(
        BatchTugas.objects.filter(
            status=StatusBatch.ANTRE, dibuat_pada__lt=batas_kunci
        ).values_list("pk", flat=True)
    )
    for pk in kedaluwarsa:
        titipan_frasa.buang_kunci(pk)
        BatchTugas.objects.filter(pk=pk, status=StatusBatch.ANTRE).update(
            status=StatusBatch.GAGAL,
            frasa_tersandi="",
            pesan=_pesan_kedaluwarsa(),
            selesai_pada=sekarang,
        )
    terhenti = BatchTugas.objects.filter(
        status=StatusBatch.BERJALAN, detak_pada__lt=sekarang - BATAS_DETAK
    )
    if terhenti.exists():
        terhenti.update(status=StatusBatch.GAGAL, pesan=str(PESAN_TERHENTI), selesai_pada=sekarang)


def jalankan_batch(batch_id: int) -> dict[str, int]:
    """Run one queued batch; returns its counts (the task's result: nothing else)."""
    with translation.override(settings.LANGUAGE_CODE):
        batch_rapikan()
        diambil = _ambil(batch_id)
        if diambil is None:  # already run, or failed before it started
            return {"berhasil": 0, "gagal": 0}
        batch, tersandi, kunci = diambil
        frasa = titipan_frasa.buka(tersandi, kunci)
        if tersandi and frasa is None:  # a signing batch whose key is gone or expired
            _akhiri(batch, StatusBatch.GAGAL, _pesan_kedaluwarsa())
            return {"berhasil": 0, "gagal": 0}
        try:
            _jalankan(batch, frasa or "")
        except Exception as exc:
            logger.error(
                "Batch %s broke off:\n%s",
                batch.pk,
                titipan_frasa.tanpa_frasa("".join(traceback.format_exception(exc)), frasa),
            )
            _akhiri(batch, StatusBatch.GAGAL, str(PESAN_TERHENTI))
            raise BatchGagal(f"batch {batch.pk}: {type(exc).__name__}") from None
        _akhiri(batch, StatusBatch.SELESAI, "")
        batch.refresh_from_db(fields=["berhasil", "gagal"])
        return {"berhasil": batch.berhasil, "gagal": batch.gagal}


def _ambil(batch_id: int) -> tuple[BatchTugas, str, bytes | None] | None:
    """Pick the batch up: the key out of the cache and the ciphertext out of the row, in one
    transaction, before the first letter is signed."""
    with transaction.atomic():
        batch = (
            BatchTugas.objects.select_for_update()
            .filter(pk=batch_id, status=StatusBatch.ANTRE)
            .first()
        )
        if batch is None:
            return None
        kunci = titipan_frasa.ambil_kunci(batch.pk)
        tersandi = batch.frasa_tersandi
        sekarang = timezone.now()
        batch.frasa_tersandi = ""
        batch.status = StatusBatch.BERJALAN
        batch.mulai_pada = batch.detak_pada = sekarang
        batch.save(update_fields=["frasa_tersandi", "status", "mulai_pada", "detak_pada"])
    return batch, tersandi, kunci


def _jalankan(batch: BatchTugas, frasa: str) -> None:
    # Opened once for the batch: the certificate is read once (BSrE: one call a letter).
    oleh = batch.oleh
    penanda = penanda_bawaan(oleh.kantor_id)
    for butir in batch.butir.filter(berhasil__isnull=True).order_by("urutan"):
        # Each application read at its turn: the batch may run for minutes.
        p = Permohonan.objects.select_related("kantor", "layanan", "pemohon").get(
            pk=butir.permohonan_id
        )
        try:
            hasil = proses_butir(
                ButirBatch(p, butir.versi, butir.sidik),
                oleh=oleh,
                frasa_sandi=frasa,
                url_verifikasi=batch.url_verifikasi,
                penanda=penanda,
            )
        except Exception as exc:  # one draft's failure is its own; the others go on
            logger.error(
                "Batch %s, draft %s:\n%s",
                batch.pk,
                butir.urutan,
                titipan_frasa.tanpa_frasa("".join(traceback.format_exception(exc)), frasa),
            )
            hasil = HasilButir(p, False, str(PESAN_GALAT_BUTIR))
        _catat(batch, butir, hasil)


def _catat(batch: BatchTugas, butir: ButirBatchTugas, hasil: HasilButir) -> None:
    sekarang = timezone.now()
    with transaction.atomic():
        butir.berhasil = hasil.berhasil
        butir.pesan = hasil.pesan[:2000]
        butir.selesai_pada = sekarang
        butir.save(update_fields=["berhasil", "pesan", "selesai_pada"])
        BatchTugas.objects.filter(pk=batch.pk).update(
            berhasil=F("berhasil") + int(hasil.berhasil),
            gagal=F("gagal") + int(not hasil.berhasil),
            detak_pada=sekarang,
        )


def _akhiri(batch: BatchTugas, status: str, pesan: str) -> None:
    BatchTugas.objects.filter(pk=batch.pk).update(
        status=status, pesan=pesan, selesai_pada=timezone.now()
    )
