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

from layanan import workflow
from layanan.models import AksiLangkah, Pejabat, Pengguna, Permohonan, StatusSurat, Surat
from layanan.penomoran import nomor_berikut
from layanan.surat import nomor_surat, render_surat, templat_untuk
from layanan.tanda_tangan import Penanda, TandaTanganGagal
from layanan.tanda_tangan.lokal import PenandaLokal


def penanda_bawaan() -> Penanda:
    return PenandaLokal()


def surat_tandatangani(
    *,
    permohonan: Permohonan,
    oleh: Pengguna,
    frasa_sandi: str,
    url_verifikasi: str,
    penanda: Penanda | None = None,
) -> Surat:
    """`url_verifikasi` has a `{token}` placeholder: the QR code's target."""
    penanda = penanda or penanda_bawaan()
    berkas_dibuat: list[Surat] = []
    try:  # the number, the row and the step stand or fall together
        with transaction.atomic():
            p = (
                Permohonan.objects.select_for_update()
                .select_related("kantor", "layanan", "pemohon")
                .get(pk=permohonan.pk)
            )
            if (
                AksiLangkah.TANDA_TANGAN not in workflow.pilihan_langkah(p)
                or not oleh.peran.filter(pk=p.peran_saat_ini_id or 0).exists()
            ):
                raise workflow.TransisiDitolak(
                    _("This application is not waiting for your signature.")
                )
            if templat_untuk(p) is None:
                raise TandaTanganGagal(_("This service has no letter template."))
            pejabat = Pejabat.objects.filter(pengguna=oleh, kantor=p.kantor, aktif=True).first()
            if pejabat is None:
                raise TandaTanganGagal(
                    _("Your account is not linked to an official; ask the administrator.")
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
            workflow.kerjakan_langkah(
                permohonan=p,
                oleh=oleh,
                aksi=AksiLangkah.TANDA_TANGAN,
                langkah_nomor=p.langkah_nomor,
                paraf_ke=p.paraf_ke,
                catatan=surat.nomor,
                surat=surat,
            )
            return surat
    except BaseException:
        for surat in berkas_dibuat:  # the row rolled back; its file must not stay behind
            surat.berkas.delete(save=False)
        raise


@transaction.atomic
def surat_cabut(*, surat: Surat, oleh: Pengguna, alasan: str) -> Surat:
    """Revoke a wrong letter: it stays stored as signed; the verification page says it is revoked."""
    s = Surat.objects.select_for_update().get(pk=surat.pk)
    if s.status != StatusSurat.SAH:
        raise TandaTanganGagal(_("This letter was already revoked."))
    if not alasan.strip():
        raise TandaTanganGagal(_("Say why the letter is revoked."))
    if (
        not (oleh.adalah_admin_kantor or s.pejabat.pengguna_id == oleh.pk)
        or oleh.kantor_id != s.kantor_id
    ):
        raise TandaTanganGagal(
            _("Only the signing official or the office administrator can revoke a letter.")
        )
    s.status = StatusSurat.DICABUT
    s.alasan_cabut = alasan.strip()
    s.save(update_fields=["status", "alasan_cabut"])
    return s


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
        p, nomor=nomor, tanggal=tanggal, url_verifikasi=url_verifikasi.format(token=token)
    )
    ditandatangani = penanda.tandatangani(pdf, pejabat=pejabat, frasa_sandi=frasa_sandi)
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
    )
    surat.berkas.save(f"{token}.pdf", ContentFile(ditandatangani), save=False)
    try:
        surat.save()
    except BaseException:
        surat.berkas.delete(save=False)
        raise
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
    penanda = penanda or penanda_bawaan()
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
            return baru
    except BaseException:
        if baru is not None:
            baru.berkas.delete(save=False)
        raise
