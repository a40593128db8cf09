"""DTKS's part in the engine: a YES/NO step that checks DTKS follows the latest check of the
persons the service's rule names (layanan.dtks.penentu); nobody decides it by hand."""

from __future__ import annotations

from django.utils.translation import gettext as _

from layanan.dtks import penentu
from layanan.mesin import Kait, Transisi, TransisiDitolak
from layanan.models import AksiLangkah, FungsiLangkah, JenisLangkah, Permohonan


def keputusan_dtks(p: Permohonan, keputusan: penentu.Keputusan | None = None) -> str | None:
    """YA/TIDAK of a DTKS decision under the office's eligibility rule; None until the
    deciding persons are checked."""
    memenuhi = (keputusan or penentu.keputusan(p)).memenuhi
    if memenuhi is None:
        return None
    return AksiLangkah.YA if memenuhi else AksiLangkah.TIDAK


class KaitDtks(Kait):
    untuk = Permohonan

    def sebelum(self, t: Transisi) -> None:
        if not (
            t.langkah.fungsi == FungsiLangkah.CEK_DTKS and t.langkah.jenis == JenisLangkah.KEPUTUSAN
        ):
            return
        hasil = keputusan_dtks(t.subjek)  # type: ignore[arg-type]
        if hasil is None:
            raise TransisiDitolak(_("Check DTKS first: its answer decides this step."))
        if t.aksi != hasil:
            raise TransisiDitolak(_("The DTKS check says otherwise; this step follows it."))
        if not t.catatan.strip():
            t.catatan = _("Decided by the latest DTKS check.")
