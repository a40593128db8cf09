"""Initialling and signing many drafts at once: each read by its giver, each still its own
transaction with its own number, signature and history; one that fails is reported and the
others go on. The passphrase is typed once for the batch and lives only in this request's memory
(the signer opened with it is forgotten when the request ends)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from layanan import mesin
from layanan.models import AksiLangkah, Pengguna, Permohonan
from layanan.surat.services import penanda_bawaan, surat_tandatangani
from layanan.surat.tanda_tangan import TandaTanganGagal

MAKS_BATCH = 50  # ≈ 0.3 s a letter: a batch stays well inside a request's 30 seconds


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


def proses_batch(
    *, butir: list[ButirBatch], oleh: Pengguna, frasa_sandi: str, url_verifikasi: str
) -> list[HasilButir]:
    penanda = penanda_bawaan()  # one signer for the batch: the certificate is opened once
    hasil = []
    for b in butir[:MAKS_BATCH]:
        p = b.permohonan
        try:
            aksi = aksi_batch(p)
            if aksi == AksiLangkah.PARAF:
                mesin.kerjakan_langkah(
                    subjek=p,
                    oleh=oleh,
                    aksi=aksi,
                    versi=b.versi,
                    bukti={"sidik_konsep": b.sidik},
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
            hasil.append(HasilButir(p, False, str(exc)))
        else:
            hasil.append(HasilButir(p, True, pesan))
    return hasil
