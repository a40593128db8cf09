"""Letters' part in the engine: a signature step with a letter is signed by signing the letter; a
paraf or signature is given to the draft its giver read, and initials of a draft that changed
since do not stand; a hand-over hands over the valid letter and names who received it; an
application with a valid letter is not cancelled (its letter is revoked instead)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from layanan import mesin
from layanan.mesin import Kait, Transisi, TransisiDitolak
from layanan.models import (
    AksiLangkah,
    AksiSurat,
    JenisLangkah,
    Pengguna,
    Permohonan,
    RiwayatLangkah,
    RiwayatSurat,
    StatusPermohonan,
    StatusSurat,
    Surat,
    TemplatSurat,
)
from layanan.models.jalan import JalanSop
from layanan.surat.konsep import paraf_berlaku, sidik_surat
from layanan.surat.templat_aman import TemplatTidakAman


class KaitSurat(Kait):
    untuk = Permohonan

    def sebelum(self, t: Transisi) -> None:
        p: Permohonan = t.subjek  # type: ignore[assignment]
        if (
            t.aksi == AksiLangkah.TANDA_TANGAN
            and "surat" not in t.lampiran
            and TemplatSurat.objects.filter(layanan_id=p.layanan_id, hasil=None).exists()
        ):
            # A service that issues a letter is signed by signing the letter (services.surat).
            raise TransisiDitolak(_("Sign the letter with your passphrase."))
        if t.aksi in (AksiLangkah.PARAF, AksiLangkah.TANDA_TANGAN):
            t.sidik = _sidik_dibaca(t)
        if t.langkah.jenis == JenisLangkah.PENYERAHAN:
            t.temuan["diserahkan"] = _surat_diserahkan(p, t.catatan)

    def sesudah(self, t: Transisi) -> None:
        surat: Surat | None = t.temuan.get("diserahkan")
        if surat is not None:  # the record says which letter went to whom, and when
            surat.diserahkan_pada = t.sekarang
            surat.diserahkan_kepada = t.catatan.strip()[:255]
            surat.save(update_fields=["diserahkan_pada", "diserahkan_kepada"])
            RiwayatSurat.objects.create(
                surat=surat, aksi=AksiSurat.SERAH, oleh=t.oleh, pada=t.sekarang, catatan=t.catatan
            )

    def sebelum_batal(self, subjek: JalanSop, oleh: Pengguna) -> None:
        if Surat.objects.filter(permohonan_id=subjek.pk, status=StatusSurat.SAH).exists():
            raise TransisiDitolak(
                _("A valid letter was signed for this application: revoke the letter instead.")
            )


def _sidik_dibaca(t: Transisi) -> str:
    p: Permohonan = t.subjek  # type: ignore[assignment]
    try:
        sidik = sidik_surat(p)
    except TemplatTidakAman as exc:
        raise TransisiDitolak(str(exc)) from exc
    if sidik and t.bukti.get("sidik_konsep") != sidik:
        raise TransisiDitolak(
            _("The letter draft changed since you opened it. Read it again, then initial.")
        )
    if sidik and any(r.sidik_konsep != sidik for r in paraf_berlaku(p)):
        raise TransisiDitolak(_("The draft changed after it was initialled: void them first."))
    return sidik


def _surat_diserahkan(p: Permohonan, catatan: str) -> Surat | None:
    """At a hand-over step of a service that issued a letter: the valid letter, which is what
    is handed over. A revoked letter is not, and a hand-over waits for its replacement."""
    if not Surat.objects.filter(permohonan=p).exists():
        return None
    sah = Surat.objects.filter(permohonan=p, status=StatusSurat.SAH).order_by("-pk").first()
    if sah is None:
        raise TransisiDitolak(
            _("The letter was revoked: its replacement must be signed before it is handed over.")
        )
    if not catatan.strip():
        raise TransisiDitolak(_("Write who received the letter."))
    return sah


def batalkan_paraf_usang(*, permohonan: Permohonan, oleh: Pengguna) -> list[RiwayatLangkah]:
    """Void the initials given to a draft that has changed since (its data, its template, its
    signer): the chain starts again from its first paraf. Returns the voided records.
    Called before a signature is taken."""
    with transaction.atomic():
        p = mesin.kunci(permohonan)
        if p.status != StatusPermohonan.DITERIMA:
            return []
        sidik = sidik_surat(p)
        berlaku = paraf_berlaku(p)
        if not sidik or all(r.sidik_konsep == sidik for r in berlaku):
            return []
        nama = ", ".join(str(r.oleh) for r in berlaku)
        mesin.ulangi_paraf(
            subjek=p,
            oleh=oleh,
            nomor=berlaku[0].nomor,
            catatan=_(
                "The draft changed after the initials of %(nama)s; they must initial it again."
            )
            % {"nama": nama},
        )
        return berlaku
