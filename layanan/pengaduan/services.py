"""Writes of complaint intake: a complaint from the public form or recorded by staff from any
channel, its attachments, its number and tracking code, and the start of its walk; a reopening or
an appeal of a closed one."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from layanan import mesin
from layanan.loket.unggahan import BerkasBersih
from layanan.models import (
    JenisLanjutan,
    JenisPengaduan,
    Kantor,
    KategoriPengaduan,
    LampiranPengaduan,
    Pengaduan,
    PengaturanPengaduan,
    Pengguna,
    Permohonan,
    SaluranPengaduan,
    StatusJalan,
    StatusLayanan,
)
from layanan.models.sop import MENIT_PER_HARI_KERJA
from layanan.pengaduan.aturan import ganti_peran_awal
from layanan.penomoran import kode_lacak_baru, nomor_berikut

FORMAT_NOMOR = "{urutan:05d}/ADU/{tahun}"
JENIS_NOMOR = "pengaduan"


class SudahTerkirim(Exception):
    """The same form was sent twice (a double click, a reload): here is the first complaint."""

    def __init__(self, pengaduan: Pengaduan):
        self.pengaduan = pengaduan
        super().__init__(str(pengaduan))


@dataclass(frozen=True)
class Isian:
    """What a complaint says, from whichever channel it came."""

    jenis: JenisPengaduan
    kategori: KategoriPengaduan
    uraian: str
    saluran: str = SaluranPengaduan.WEB
    rujukan: str = ""
    nama_pelapor: str = ""
    kontak_pelapor: str = ""
    kabari_pelapor: bool = False
    terlapor_nama: str = ""
    terlapor: Pengguna | None = None
    lapor_id: str = ""
    lapor_diterima_pada: dt.datetime | None = None


# ---------------------------------------------------------------------------
# Attachments
# ---------------------------------------------------------------------------
def lampiran_simpan(
    *, kantor: Kantor, token: uuid.UUID, nama_asli: str, bersih: BerkasBersih
) -> LampiranPengaduan:
    """Keep a checked attachment for a form still being filled: file and row stand or fall
    together. A complaint has one attachment: a new one replaces the draft's."""
    lampiran_buang_draf(kantor=kantor, token=token)
    lampiran = LampiranPengaduan(
        kantor=kantor,
        token_formulir=token,
        nama_asli=nama_asli[:255],
        jenis_konten=bersih.jenis_konten,
        ukuran=len(bersih.isi),
        sha256=bersih.sha256,
    )
    lampiran.berkas.save(f"lampiran{bersih.ekstensi}", ContentFile(bersih.isi), save=False)
    try:
        with transaction.atomic():
            lampiran.save()
    except Exception:
        lampiran.berkas.delete(save=False)
        raise
    return lampiran


def lampiran_draf(*, kantor: Kantor, token: uuid.UUID) -> LampiranPengaduan | None:
    return LampiranPengaduan.objects.filter(
        kantor=kantor, token_formulir=token, pengaduan__isnull=True
    ).first()


def lampiran_buang_draf(*, kantor: Kantor, token: uuid.UUID) -> None:
    for lampiran in LampiranPengaduan.objects.filter(
        kantor=kantor, token_formulir=token, pengaduan__isnull=True
    ):
        lampiran.berkas.delete(save=False)
        lampiran.delete()


def lampiran_hapus_draf_lama(*, sebelum: dt.datetime) -> int:
    """Attachments of forms never sent are not kept (run daily with the scans' cleaning)."""
    jumlah = 0
    for lampiran in LampiranPengaduan.objects.filter(
        pengaduan__isnull=True, diunggah_pada__lt=sebelum
    ):
        lampiran.berkas.delete(save=False)
        lampiran.delete()
        jumlah += 1
    return jumlah


# ---------------------------------------------------------------------------
# Intake
# ---------------------------------------------------------------------------
def pengaduan_terima(
    *, kantor: Kantor, isian: Isian, token: uuid.UUID, oleh: Pengguna | None
) -> Pengaduan:
    """Record a complaint with its attachment, number it, and start it on the office's complaint
    SOP. `oleh` is the staff member who recorded it; None for the public form."""
    atur = _pengaturan(kantor)
    if (lama := Pengaduan.objects.filter(token_formulir=token).first()) is not None:
        raise SudahTerkirim(lama)
    try:
        with transaction.atomic():
            p = Pengaduan.objects.create(
                kantor=kantor,
                layanan=atur.layanan,
                jenis=isian.jenis,
                kategori=isian.kategori,
                saluran=isian.saluran,
                uraian=isian.uraian,
                rujukan=isian.rujukan,
                permohonan_terkait=_permohonan_dengan_rujukan(kantor, isian.rujukan),
                nama_pelapor=isian.nama_pelapor,
                kontak_pelapor=isian.kontak_pelapor,
                kabari_pelapor=isian.kabari_pelapor,
                terlapor_nama=isian.terlapor_nama,
                terlapor=isian.terlapor,
                rahasia=isian.kategori.rahasia or isian.terlapor is not None,
                lapor_id=isian.lapor_id,
                lapor_diterima_pada=isian.lapor_diterima_pada,
                token_formulir=token,
                dibuat_oleh=oleh,
            )
            LampiranPengaduan.objects.filter(
                kantor=kantor, token_formulir=token, pengaduan__isnull=True
            ).update(pengaduan=p)
            return _mulai(p, atur, oleh=oleh)
    except IntegrityError:
        # Two submissions of one form raced past the check above: the first one won.
        lama = Pengaduan.objects.filter(token_formulir=token).first()
        if lama is None:
            raise
        raise SudahTerkirim(lama) from None


def _pengaturan(kantor: Kantor) -> PengaturanPengaduan:
    atur = (
        PengaturanPengaduan.objects.select_related("layanan")
        .filter(kantor=kantor, layanan__status=StatusLayanan.AKTIF)
        .first()
    )
    if atur is None:
        raise mesin.TransisiDitolak(_("This office does not receive complaints here yet."))
    return atur


def _mulai(p: Pengaduan, atur: PengaturanPengaduan, *, oleh: Pengguna | None) -> Pengaduan:
    """Number, tracking code, and the walk: the category's limit, the handling roles."""
    p = mesin.kunci(p)
    sekarang = timezone.now()
    p.tahun = timezone.localtime(sekarang, p.kantor.zona).year
    p.urutan = nomor_berikut(kantor=p.kantor, jenis=JENIS_NOMOR, tahun=p.tahun)
    p.nomor = FORMAT_NOMOR.format(urutan=p.urutan, tahun=p.tahun)
    p.kode_lacak = kode_lacak_unik()
    hari = p.kategori.batas_berlaku or p.layanan.batas_waktu_hari_kerja
    p.batas_menit = hari * MENIT_PER_HARI_KERJA if hari else None
    p.save(update_fields=["tahun", "urutan", "nomor", "kode_lacak", "batas_menit"])
    mesin.terima(
        subjek=p,
        oleh=oleh,
        sekarang=sekarang,
        batas_menit=p.batas_menit,
        ganti_peran=ganti_peran_awal(
            atur,
            p.kategori,
            rahasia=p.rahasia,
            terlapor=p.terlapor,
            banding=p.jenis_lanjutan == JenisLanjutan.BANDING,
        ),
    )
    return p


def kode_lacak_unik() -> str:
    """A tracking code no application and no complaint holds: the status page finds either."""
    while True:
        kode = kode_lacak_baru()
        if not (
            Pengaduan.objects.filter(kode_lacak=kode).exists()
            or Permohonan.objects.filter(kode_lacak=kode).exists()
        ):
            return kode


def _permohonan_dengan_rujukan(kantor: Kantor, rujukan: str) -> Permohonan | None:
    """The office's application a complaint names by registration number or tracking code."""
    kode = rujukan.strip().upper()
    if not kode:
        return None
    return (
        Permohonan.objects.filter(kantor=kantor)
        .filter(Q(nomor_registrasi=kode) | Q(kode_lacak=kode))
        .first()
    )


# ---------------------------------------------------------------------------
# Reopening and appeal
# ---------------------------------------------------------------------------
def pengaduan_lanjutan(
    *, induk: Pengaduan, jenis: str, alasan: str, oleh: Pengguna | None
) -> Pengaduan:
    """Reopen (staff) or appeal (the complainant) a closed complaint, once: a new complaint
    linked to it, walked from the start; an appeal goes to the office's appeal role."""
    if jenis not in JenisLanjutan.values:
        raise mesin.TransisiDitolak(_("Reopen or appeal?"))
    if not alasan.strip():
        raise mesin.TransisiDitolak(_("Say why the complaint is not settled."))
    with transaction.atomic():
        induk = Pengaduan.objects.select_for_update().get(pk=induk.pk)
        if induk.status != StatusJalan.SELESAI:
            raise mesin.TransisiDitolak(_("Only a closed complaint can be reopened or appealed."))
        if Pengaduan.objects.filter(induk=induk).exists():
            raise mesin.TransisiDitolak(_("This complaint was already reopened or appealed once."))
        atur = _pengaturan(induk.kantor)
        p = Pengaduan.objects.create(
            kantor=induk.kantor,
            layanan=atur.layanan,
            jenis=induk.jenis,
            kategori=induk.kategori,
            saluran=SaluranPengaduan.WEB if oleh is None else induk.saluran,
            uraian=alasan.strip(),
            rujukan=induk.nomor,
            permohonan_terkait=induk.permohonan_terkait,
            nama_pelapor=induk.nama_pelapor,
            kontak_pelapor=induk.kontak_pelapor,
            kabari_pelapor=induk.kabari_pelapor,
            terlapor_nama=induk.terlapor_nama,
            terlapor=induk.terlapor,
            rahasia=induk.rahasia,
            lapor_id=induk.lapor_id,
            token_formulir=uuid.uuid4(),
            dibuat_oleh=oleh,
            induk=induk,
            jenis_lanjutan=jenis,
        )
        return _mulai(p, atur, oleh=oleh)


def data_isian(cd: dict[str, Any]) -> Isian:
    """An Isian from a form's cleaned data (public or staff)."""
    return Isian(
        jenis=cd["jenis"],
        kategori=cd["kategori"],
        uraian=cd["uraian"],
        saluran=cd.get("saluran") or SaluranPengaduan.WEB,
        rujukan=cd.get("rujukan", ""),
        nama_pelapor=cd.get("nama_pelapor", ""),
        kontak_pelapor=cd.get("kontak_pelapor", ""),
        kabari_pelapor=bool(cd.get("kabari_pelapor")),
        terlapor_nama=cd.get("terlapor_nama", ""),
        terlapor=cd.get("terlapor"),
        lapor_id=cd.get("lapor_id", ""),
        lapor_diterima_pada=cd.get("lapor_diterima_pada"),
    )
