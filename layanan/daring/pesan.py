"""What an application from home tells the citizen through the outbox (layanan.models.Pesan):
the one-time code, where an earlier application stands, and a return for missing documents.
Only the code, the service, the office and the status: never the NIK or the name."""

from __future__ import annotations

import os

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from layanan.models import JenisSaluran, Peristiwa, PermohonanDaring, Pesan, SaluranKantor
from layanan.notifikasi.saluran.pilih import menjangkau

TEKS_KODE = (
    "Kode konfirmasi permohonan {layanan} di {kantor}: {kode}. Berlaku 15 menit. "
    "Jangan berikan kode ini kepada siapa pun."
)
TEKS_SUDAH_ADA = (
    "Ada yang mencoba mengajukan lagi permohonan {layanan} di {kantor} untuk NIK Anda. "
    "Permohonan Anda sebelumnya ({kode_lacak}) masih berjalan: {status}. Ikuti di {tautan}"
)
TEKS_TERKIRIM = (
    "Permohonan {layanan} Anda terkirim ke {kantor} dan menunggu pemeriksaan loket. "
    "Kode lacak: {kode_lacak}. Ikuti di {tautan}"
)
TEKS_KEMBALI = (
    "Permohonan {layanan} Anda (kode {kode_lacak}) dikembalikan oleh {kantor}: berkas belum "
    "lengkap ({kurang}). Lengkapi di {tautan} dengan kode lacak Anda."
)


def _saluran(kantor_id: int) -> list[str]:
    """The office's channels in order; on a demo without any, the log (the outbox page shows
    the code)."""
    daftar = list(
        SaluranKantor.objects.filter(kantor_id=kantor_id, aktif=True).values_list(
            "jenis", flat=True
        )
    )
    if not daftar and (settings.DEBUG or os.environ.get("DINSOS_DEMO")):
        return [JenisSaluran.LOG]
    return daftar


def _kirim(d: PermohonanDaring, peristiwa: str, subjek: str, isi: str, param: list[str]) -> bool:
    for jenis in _saluran(d.kantor_id):
        penerima = menjangkau(jenis, telepon=d.telepon, email=d.email)
        if penerima:
            break
    else:
        return False
    Pesan.objects.create(
        kantor_id=d.kantor_id,
        peristiwa=peristiwa,
        saluran=jenis,
        penerima=penerima,
        subjek=subjek[:150],
        isi=isi,
        templat=f"dinsos_{peristiwa}",
        parameter=param,
        kirim_setelah=timezone.now(),
    )
    transaction.on_commit(_jadwalkan)
    return True


def _jadwalkan() -> None:
    from layanan.notifikasi.services import bangunkan_pekerja

    bangunkan_pekerja()


def _tautan() -> str:
    return settings.DINSOS_URL_PUBLIK + reverse("layanan:status")


def kirim_kode(d: PermohonanDaring, kode: str) -> bool:
    data = {"layanan": d.layanan.nama_tampil, "kantor": str(d.kantor), "kode": kode}
    return _kirim(d, Peristiwa.KODE_DARING, "Kode konfirmasi", TEKS_KODE.format(**data), [kode])


def kirim_terkirim(d: PermohonanDaring) -> bool:
    data = {
        "layanan": d.layanan.nama_tampil,
        "kantor": str(d.kantor),
        "kode_lacak": d.kode_lacak,
        "tautan": _tautan(),
    }
    isi = TEKS_TERKIRIM.format(**data)
    return _kirim(d, Peristiwa.KODE_DARING, "Permohonan terkirim", isi, [])


def kirim_sudah_ada(lama: PermohonanDaring) -> bool:
    """To the contact of the application already open: never to whoever tried again."""
    data = {
        "layanan": lama.layanan.nama_tampil,
        "kantor": str(lama.kantor),
        "kode_lacak": lama.kode_lacak,
        "status": str(lama.get_status_display()),
        "tautan": _tautan(),
    }
    isi = TEKS_SUDAH_ADA.format(**data)
    return _kirim(lama, Peristiwa.KODE_DARING, "Permohonan Anda masih berjalan", isi, [])


def kirim_kembali(d: PermohonanDaring) -> bool:
    data = {
        "layanan": d.layanan.nama_tampil,
        "kantor": str(d.kantor),
        "kode_lacak": d.kode_lacak,
        "kurang": ", ".join(d.kurang) or d.catatan_periksa[:200],
        "tautan": _tautan(),
    }
    isi = TEKS_KEMBALI.format(**data)
    param = [data["layanan"], d.kode_lacak]
    return _kirim(d, Peristiwa.DARING_DIKEMBALIKAN, "Permohonan perlu dilengkapi", isi, param)
