"""Notifications' part in the step engine: an accepted application, one sent back to its
applicant, and a signed letter each queue their message in the transition's own transaction."""

from __future__ import annotations

import datetime as dt

from layanan.mesin import Kait, Transisi, langkah_kini
from layanan.models import AksiLangkah, Peristiwa, Permohonan
from layanan.models.jalan import JalanSop
from layanan.notifikasi.services import catat_peristiwa


class KaitNotifikasi(Kait):
    untuk = Permohonan

    def sesudah_terima(self, subjek: JalanSop, sekarang: dt.datetime) -> None:
        catat_peristiwa(peristiwa=Peristiwa.DITERIMA, permohonan=subjek)  # type: ignore[arg-type]

    def sesudah(self, t: Transisi) -> None:
        p: Permohonan = t.subjek  # type: ignore[assignment]
        surat = t.lampiran.get("surat")
        if t.aksi == AksiLangkah.TANDA_TANGAN and surat is not None:
            catat_peristiwa(peristiwa=Peristiwa.SURAT_SIAP, permohonan=p, nomor_surat=surat.nomor)
        elif t.aksi in (AksiLangkah.TIDAK, AksiLangkah.KEMBALI):
            tujuan = langkah_kini(p)  # the step the walk just moved to
            if tujuan is not None and tujuan.pemohon:
                catat_peristiwa(peristiwa=Peristiwa.DIKEMBALIKAN, permohonan=p)
