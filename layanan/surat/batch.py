"""Initialling and signing many drafts at once: each read by its giver, each still its own
transaction with its own number, signature and history; one that fails is reported and the
others go on. The passphrase is typed once for the batch. A small batch runs here, in the request,
the passphrase living only in its memory (the signer opened with it is forgotten when the request
ends); a larger one is run by the worker (batch_latar, the passphrase handed over as
titipan_frasa describes), through the same `proses_butir`."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from layanan import mesin
from layanan.models import AksiLangkah, Pengguna, Permohonan
from layanan.surat.services import penanda_bawaan, surat_tandatangani
from layanan.surat.tanda_tangan import Penanda, TandaTanganGagal

# What one reader's session holds. A batch above settings.DINSOS_BATCH_DALAM_PERMINTAAN runs in
# the worker (≈ 0.3 s a letter), so this bounds only the session, not the time.
MAKS_BATCH = 500


@dataclass(frozen=True)
class ButirBatch:
    """One application as its reader saw it: its step token and its draft's fingerprint."""

    permohonan: Permohonan
    versi: int
    sidik: str


@dataclass(frozen=True)
class HasilButir:
    permohonan: Permohonan
    berhasil: bool
    pesan: str


def aksi_batch(p: Permohonan) -> str | None:
    """What a batch can do on this application now: initial it, or sign its letter."""
    pilihan = mesin.pilihan_langkah(p)
    if AksiLangkah.PARAF in pilihan:
        return AksiLangkah.PARAF
    if AksiLangkah.TANDA_TANGAN in pilihan:
        return AksiLangkah.TANDA_TANGAN
    return None


def proses_butir(
    b: ButirBatch, *, oleh: Pengguna, frasa_sandi: str, url_verifikasi: str, penanda: Penanda
) -> HasilButir:
    """Initial or sign one draft in its own transaction; a refusal is its result, not an error."""
    p = b.permohonan
    try:
        aksi = aksi_batch(p)
        if aksi == AksiLangkah.PARAF:
            mesin.kerjakan_langkah(
                subjek=p, oleh=oleh, aksi=aksi, versi=b.versi, bukti={"sidik_konsep": b.sidik}
            )
            pesan = _("Initialled.")
        elif aksi == AksiLangkah.TANDA_TANGAN:
            surat = surat_tandatangani(
                permohonan=p,
                oleh=oleh,
                frasa_sandi=frasa_sandi,
                url_verifikasi=url_verifikasi,
                versi=b.versi,
                sidik_konsep=b.sidik,
                penanda=penanda,
            )
            pesan = _("Letter %(n)s signed.") % {"n": surat.nomor}
        else:
            raise mesin.TransisiDitolak(
                _("This application is not waiting for your initials or signature.")
            )
    except (mesin.TransisiDitolak, TandaTanganGagal) as exc:
        return HasilButir(p, False, str(exc))
    return HasilButir(p, True, pesan)


def proses_batch(
    *, butir: list[ButirBatch], oleh: Pengguna, frasa_sandi: str, url_verifikasi: str
) -> list[HasilButir]:
    """A small batch, in the request."""
    # One signer for the batch: the certificate is opened once (BSrE: one call a letter).
    penanda = penanda_bawaan(butir[0].permohonan.kantor_id if butir else None)
    return [
        proses_butir(
            b, oleh=oleh, frasa_sandi=frasa_sandi, url_verifikasi=url_verifikasi, penanda=penanda
        )
        for b in butir
    ]
