"""Signing a letter: number it, render it with its QR code, sign it, store it, move the step on.

All in one transaction: a wrong passphrase or any failure takes the number back, so the office's
sequence has no gaps.
"""

from __future__ import annotations

import hashlib
import secrets

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from layanan import mesin
from layanan.models import (
    AksiLangkah,
    AksiSurat,
    Pejabat,
    PengaturanBsre,
    Pengguna,
    Peristiwa,
    Permohonan,
    RiwayatSurat,
    StatusPermohonan,
    StatusSurat,
    Surat,
)
from layanan.notifikasi.services import catat_peristiwa
from layanan.penomoran import nomor_berikut
from layanan.surat.kait import batalkan_paraf_usang
from layanan.surat.konsep import (
    nomor_surat,
    penandatangan_surat,
    render_surat,
    sidik_surat,
    templat_untuk,
)
from layanan.surat.tanda_tangan import Penanda, TandaTanganGagal
from layanan.surat.tanda_tangan.bsre import PenandaBsre
from layanan.surat.tanda_tangan.lokal import PenandaLokal
from layanan.surat.templat_aman import TemplatTidakAman

PESAN_PARAF_BATAL = gettext_lazy(
    "The draft changed after it was initialled: the initials were voided and it goes back "
    "to be initialled again."
)

PESAN_TIDAK_SAH = gettext_lazy(
    "The signed letter does not validate against a certificate authority this system trusts; "
    "nothing was issued. Ask the administrator to check the signing certificate."
)


def penanda_bawaan(kantor_id: int | None = None) -> Penanda:
    """How this office signs: through BSrE when its administrator turned that on, else with each
    official's uploaded certificate. Without an office (a file checked on the public page), the
    local check, which validates any signature against the trusted roots."""
    if kantor_id is not None:
        pengaturan = (
            PengaturanBsre.objects.select_related("kantor")
            .filter(kantor_id=kantor_id, aktif=True)
            .first()
        )
        if pengaturan is not None:
            return PenandaBsre(pengaturan)
    return PenandaLokal()


def surat_tandatangani(
    *,
    permohonan: Permohonan,
    oleh: Pengguna,
    frasa_sandi: str,
    url_verifikasi: str,
    versi: int | None,
    sidik_konsep: str,
    penanda: Penanda | None = None,
) -> Surat:
    """`url_verifikasi` has a `{token}` placeholder: the QR code's target. `versi` and
    `sidik_konsep` are the step token and the draft's fingerprint the signer's page showed: the
    signature is given to that draft, in that state, or not at all."""
    penanda = penanda or penanda_bawaan(permohonan.kantor_id)
    berkas_dibuat: list[Surat] = []
    try:  # the number, the row and the step stand or fall together
        if batalkan_paraf_usang(permohonan=permohonan, oleh=oleh):
            raise TandaTanganGagal(str(PESAN_PARAF_BATAL))
        with transaction.atomic():
            p = (
                Permohonan.objects.select_for_update()
                .select_related("kantor", "layanan", "pemohon")
                .get(pk=permohonan.pk)
            )
            if AksiLangkah.TANDA_TANGAN not in mesin.pilihan_langkah(
                p
            ) or not mesin.boleh_bertindak(oleh, p):
                raise mesin.TransisiDitolak(
                    _("This application is not waiting for your signature.")
                )
            if p.versi != versi:
                raise mesin.SudahDikerjakan(
                    _("This application changed since you opened it; open it again.")
                )
            if templat_untuk(p) is None:
                raise TandaTanganGagal(_("This service has no letter template."))
            if sidik_surat(p) != sidik_konsep:
                raise TandaTanganGagal(
                    _("The letter draft changed since you opened it. Read it again, then sign.")
                )
            pejabat = pejabat_penanda(oleh, p.kantor_id)
            if pejabat is None:
                raise TandaTanganGagal(
                    _("Your account is not linked to an official; ask the administrator.")
                )
            if pejabat != penandatangan_surat(p):
                raise TandaTanganGagal(
                    _("The draft names another official as its signer; ask the administrator.")
                )
            surat = terbitkan(
                p,
                oleh=oleh,
                pejabat=pejabat,
                frasa_sandi=frasa_sandi,
                url_verifikasi=url_verifikasi,
                penanda=penanda,
            )
            berkas_dibuat.append(surat)
            mesin.kerjakan_langkah(
                subjek=p,
                oleh=oleh,
                aksi=AksiLangkah.TANDA_TANGAN,
                versi=versi,
                catatan=surat.nomor,
                bukti={"sidik_konsep": sidik_konsep},
                lampiran={"surat": surat},
            )
            return surat
    except BaseException as exc:
        for surat in berkas_dibuat:  # the row rolled back; its file must not stay behind
            surat.berkas.delete(save=False)
        if isinstance(exc, TemplatTidakAman):  # the administrator's template fails on this data
            raise TandaTanganGagal(str(exc)) from exc
        raise


def pejabat_penanda(oleh: Pengguna, kantor_id: int) -> Pejabat | None:
    """The official this account signs as, in this office."""
    return Pejabat.objects.filter(pengguna=oleh, kantor_id=kantor_id, aktif=True).first()


def alasan_tidak_bisa_menandatangani(
    *, oleh: Pengguna, kantor_id: int, permohonan: Permohonan | None = None
) -> str:
    """What stops this user signing (this application's letter), said before the passphrase is
    typed, so the signing form is not offered at all: no official linked to the account, another
    official named on the draft, or a certificate that cannot sign (missing, out of date, or not
    chaining to an authority trusted now). "" when nothing does; signing checks it all again."""
    pejabat = pejabat_penanda(oleh, kantor_id)
    if (
        pejabat is not None
        and permohonan is not None
        and pejabat != penandatangan_surat(permohonan)
    ):
        return _("The draft names another official as its signer; ask the administrator.")
    return penanda_bawaan(kantor_id).alasan_tidak_siap(pejabat)


def alasan_di_halaman(
    *, oleh: Pengguna, permohonan: Permohonan, menandatangani: bool, surat: list[Surat]
) -> str:
    """Why this user cannot sign on an application's page, checked only where a signing form
    would be shown: the letter at the signature step (`menandatangani`), or a replacement of one
    of their own revoked letters among `surat`."""
    mengganti = any(
        s.status == StatusSurat.DICABUT and s.pejabat.pengguna_id == oleh.pk for s in surat
    )
    if not (menandatangani or mengganti):
        return ""
    return alasan_tidak_bisa_menandatangani(
        oleh=oleh, kantor_id=permohonan.kantor_id, permohonan=permohonan if menandatangani else None
    )


def boleh_cabut(oleh: Pengguna, surat: Surat) -> bool:
    """Revoking a letter is an act of the official who signed it, or of the official now holding
    the same role (a successor, a Plt.). Not of the office administrator: configuring the office
    grants no say over what its letters certify."""
    if oleh.kantor_id != surat.kantor_id:
        return False
    if surat.pejabat.pengguna_id == oleh.pk:
        return True
    peran_id = surat.pejabat.peran_id
    return peran_id is not None and (
        Pejabat.objects.filter(
            kantor_id=surat.kantor_id, pengguna=oleh, peran_id=peran_id, aktif=True
        ).exists()
    )


@transaction.atomic
def surat_cabut(*, surat: Surat, oleh: Pengguna, alasan: str) -> Surat:
    """Revoke a wrong letter: it stays stored as signed; the verification page says it is revoked."""
    s = Surat.objects.select_for_update().get(pk=surat.pk)
    if s.status != StatusSurat.SAH:
        raise TandaTanganGagal(_("This letter was already revoked."))
    if not alasan.strip():
        raise TandaTanganGagal(_("Say why the letter is revoked."))
    if not boleh_cabut(oleh, s):
        raise TandaTanganGagal(
            _("Only the signing official, or whoever now holds that office, can revoke a letter.")
        )
    s.status = StatusSurat.DICABUT
    s.alasan_cabut = alasan.strip()
    s.save(update_fields=["status", "alasan_cabut"])
    catat_surat(s, AksiSurat.CABUT, oleh, s.alasan_cabut)
    catat_peristiwa(peristiwa=Peristiwa.SURAT_DICABUT, permohonan=s.permohonan, nomor_surat=s.nomor)
    return s


def catat_surat(surat: Surat, aksi: str, oleh: Pengguna, catatan: str = "") -> None:
    """A letter's own history, in the transaction of what happened to it."""
    RiwayatSurat.objects.create(
        surat=surat, aksi=aksi, oleh=oleh, pada=timezone.now(), catatan=catatan[:2000]
    )


def terbitkan(
    p: Permohonan,
    *,
    oleh: Pengguna,
    pejabat: Pejabat,
    frasa_sandi: str,
    url_verifikasi: str,
    penanda: Penanda,
) -> Surat:
    """Number, render, sign and store one letter (inside the caller's transaction)."""
    sekarang = timezone.now()
    tanggal = timezone.localtime(sekarang, p.kantor.zona).date()
    # Year 0 holds the sequence of an office whose numbers never restart.
    urutan = nomor_berikut(
        kantor=p.kantor, jenis="surat", tahun=tanggal.year if p.kantor.nomor_surat_per_tahun else 0
    )
    nomor = nomor_surat(p.layanan, urutan, tanggal)
    token = secrets.token_hex(16)
    pdf = render_surat(
        p,
        nomor=nomor,
        tanggal=tanggal,
        url_verifikasi=url_verifikasi.format(token=token),
        pejabat=pejabat,
        tampilan=penanda.tampilan,
    )
    ditandatangani = penanda.tandatangani(pdf, pejabat=pejabat, frasa_sandi=frasa_sandi)
    # The bytes kept are checked as the public page will check them: a letter it would call
    # not valid is never issued.
    hasil = penanda.periksa(ditandatangani)
    if not hasil.sah:
        raise TandaTanganGagal(str(PESAN_TIDAK_SAH))
    surat = Surat(
        permohonan=p,
        kantor=p.kantor,
        nomor=nomor,
        tahun=tanggal.year,
        urutan=urutan,
        token=token,
        sha256=hashlib.sha256(ditandatangani).hexdigest(),
        pejabat=pejabat,
        ditandatangani_pada=sekarang,
        ditandatangani_oleh=oleh,
        otoritas=hasil.otoritas,
    )
    surat.berkas.save(f"{token}.pdf", ContentFile(ditandatangani), save=False)
    try:
        surat.save()
    except BaseException:
        surat.berkas.delete(save=False)
        raise
    catat_surat(surat, AksiSurat.TERBIT, oleh, pejabat.nama)
    return surat


def surat_terbitkan_ulang(
    *,
    surat: Surat,
    oleh: Pengguna,
    frasa_sandi: str,
    url_verifikasi: str,
    penanda: Penanda | None = None,
) -> Surat:
    """A revoked letter replaced under a new number; the old token then says "replaced"."""
    penanda = penanda or penanda_bawaan(surat.kantor_id)
    baru: Surat | None = None
    try:
        with transaction.atomic():
            lama = (
                Surat.objects.select_for_update()
                .select_related("permohonan__kantor", "permohonan__layanan", "pejabat")
                .get(pk=surat.pk)
            )
            if lama.status != StatusSurat.DICABUT:
                raise TandaTanganGagal(_("Only a revoked letter can be replaced."))
            if lama.permohonan.status == StatusPermohonan.DIBATALKAN:
                raise TandaTanganGagal(_("Nothing is issued for a cancelled application."))
            if lama.pejabat.pengguna_id != oleh.pk:
                raise TandaTanganGagal(
                    _("Only the official who signed it can sign its replacement.")
                )
            baru = terbitkan(
                lama.permohonan,
                oleh=oleh,
                pejabat=lama.pejabat,
                frasa_sandi=frasa_sandi,
                url_verifikasi=url_verifikasi,
                penanda=penanda,
            )
            lama.status = StatusSurat.DIGANTI
            lama.pengganti = baru
            lama.save(update_fields=["status", "pengganti"])
            catat_surat(lama, AksiSurat.GANTI, oleh, baru.nomor)
            return baru
    except BaseException:
        if baru is not None:
            baru.berkas.delete(save=False)
        raise
