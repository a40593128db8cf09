"""A batch too large for one request: recorded with each draft as its reader saw it, its
passphrase checked and handed over (titipan_frasa), and queued for the worker (batch_pekerja);
and what its progress page says about it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from layanan.models import BatchTugas, ButirBatchTugas, Pejabat, Pengguna, StatusBatch
from layanan.surat import titipan_frasa
from layanan.surat.batch import ButirBatch
from layanan.surat.batch_pekerja import batch_rapikan
from layanan.surat.services import penanda_bawaan
from layanan.surat.tanda_tangan import TandaTanganGagal
from layanan.tasks import batch_tugas


def batch_antrekan(
    *,
    butir: list[ButirBatch],
    oleh: Pengguna,
    frasa_sandi: str,
    perlu_frasa: bool,
    url_verifikasi: str,
) -> BatchTugas:
    """Queue a large batch. A signing batch's passphrase is checked here first (TandaTanganGagal
    tells a typo at once, and nothing is queued), then only its ciphertext is kept in the row."""
    batch_rapikan()
    if oleh.kantor is None:  # a national superuser has no inbox to batch
        raise TandaTanganGagal(
            _("Your account is not linked to an official; ask the administrator.")
        )
    if perlu_frasa:
        _periksa_frasa(oleh, frasa_sandi)
    with transaction.atomic():
        batch = BatchTugas.objects.create(
            kantor=oleh.kantor, oleh=oleh, jumlah=len(butir), url_verifikasi=url_verifikasi
        )
        ButirBatchTugas.objects.bulk_create(
            ButirBatchTugas(
                batch=batch, urutan=i, permohonan=b.permohonan, versi=b.versi, sidik=b.sidik
            )
            for i, b in enumerate(butir, start=1)
        )
        if perlu_frasa:
            batch.frasa_tersandi = titipan_frasa.titipkan(
                batch_id=batch.pk, frasa_sandi=frasa_sandi
            )
            batch.save(update_fields=["frasa_tersandi"])
        # Only the id travels with the task: its arguments are kept in the task-result table.
        transaction.on_commit(lambda: batch_tugas.enqueue(batch.pk))
    return batch


def _periksa_frasa(oleh: Pengguna, frasa_sandi: str) -> None:
    pejabat = Pejabat.objects.filter(pengguna=oleh, kantor=oleh.kantor, aktif=True).first()
    if pejabat is None:
        raise TandaTanganGagal(
            _("Your account is not linked to an official; ask the administrator.")
        )
    penanda_bawaan(pejabat.kantor_id).buka(pejabat=pejabat, frasa_sandi=frasa_sandi)


@dataclass(frozen=True)
class Kemajuan:
    """What the progress page and its updates say: plain values, the words already translated."""

    selesai: bool
    diproses: int
    jumlah: int
    ringkasan: str
    butir: list[dict[str, object]]


def kemajuan(batch: BatchTugas, butir: list[ButirBatchTugas]) -> Kemajuan:
    selesai = batch.status in (StatusBatch.SELESAI, StatusBatch.GAGAL)
    diproses = batch.berhasil + batch.gagal
    angka = {"n": diproses, "jumlah": batch.jumlah, "b": batch.berhasil, "g": batch.gagal}
    if batch.status == StatusBatch.ANTRE:
        ringkasan = _("Queued: waiting for the worker to start (%(jumlah)s drafts).") % angka
    elif batch.status == StatusBatch.BERJALAN:
        ringkasan = _("%(n)s of %(jumlah)s processed: %(b)s succeeded, %(g)s failed.") % angka
    elif batch.status == StatusBatch.SELESAI:
        ringkasan = _("Done: %(b)s of %(jumlah)s succeeded, %(g)s failed.") % angka
    else:
        ringkasan = _("Stopped: %(b)s of %(jumlah)s succeeded, %(g)s failed.") % angka
        ringkasan = f"{ringkasan} {batch.pesan}"
    return Kemajuan(
        selesai=selesai,
        diproses=diproses,
        jumlah=batch.jumlah,
        ringkasan=ringkasan,
        butir=[_keadaan_butir(b, selesai) for b in butir],
    )


def _keadaan_butir(b: ButirBatchTugas, batch_selesai: bool) -> dict[str, object]:
    if b.berhasil is None:
        keadaan, teks = (
            ("tidak_diproses", _("Not processed."))
            if batch_selesai
            else ("menunggu", _("Waiting."))
        )
    else:
        keadaan, teks = ("berhasil" if b.berhasil else "gagal"), b.pesan
    return {"urutan": b.urutan, "keadaan": keadaan, "teks": teks}
