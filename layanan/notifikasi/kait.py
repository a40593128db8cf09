"""Notifications' part in the step engine: an accepted application, one sent back to its
applicant, a signed letter, a letter handed over (the survey link) and a complaint closed with
its answer each queue their message in the transition's own transaction."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse

from layanan.ikm.selectors import token_tautan
from layanan.mesin import Kait, Transisi, langkah_kini
from layanan.models import AksiLangkah, JenisLangkah, Pengaduan, Peristiwa, Permohonan
from layanan.models.jalan import JalanSop
from layanan.notifikasi.services import catat_pengaduan_dijawab, catat_peristiwa

TIDAK_MAJU = (AksiLangkah.TIDAK, AksiLangkah.KEMBALI)


class KaitNotifikasi(Kait):
    untuk = Permohonan

    def sesudah_terima(self, subjek: JalanSop, sekarang: dt.datetime) -> None:
        catat_peristiwa(peristiwa=Peristiwa.DITERIMA, permohonan=subjek)  # type: ignore[arg-type]

    def sesudah(self, t: Transisi) -> None:
        p: Permohonan = t.subjek  # type: ignore[assignment]
        surat = t.lampiran.get("surat")
        if t.langkah.jenis == JenisLangkah.PENYERAHAN and t.aksi not in TIDAK_MAJU:
            # Handed over: the satisfaction survey's own link for this application.
            tautan = reverse("layanan:ikm-isi", args=[token_tautan(p)])
            catat_peristiwa(
                peristiwa=Peristiwa.SURVEI_IKM,
                permohonan=p,
                tautan_survei=settings.DINSOS_URL_PUBLIK + tautan,
            )
        elif t.aksi == AksiLangkah.TANDA_TANGAN and surat is not None:
            catat_peristiwa(peristiwa=Peristiwa.SURAT_SIAP, permohonan=p, nomor_surat=surat.nomor)
        elif t.aksi in TIDAK_MAJU:
            tujuan = langkah_kini(p)  # the step the walk just moved to
            if tujuan is not None and tujuan.pemohon:
                catat_peristiwa(peristiwa=Peristiwa.DIKEMBALIKAN, permohonan=p)


class KaitNotifikasiPengaduan(Kait):
    """A complaint closed with its answer: the complainant is told, if they asked."""

    untuk = Pengaduan

    def sesudah_sela(self, t: Transisi) -> None:
        if t.aksi == AksiLangkah.DITUTUP:
            catat_pengaduan_dijawab(pengaduan=t.subjek)  # type: ignore[arg-type]
