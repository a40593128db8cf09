"""A person's applications from home (layanan.daring) in their data: produced with the rest,
and erased where no law requires keeping. One that the loket registered (accepted, or returned
as incomplete: each decision is a Permohonan on the record) is kept with that record as the
record is, losing its scans and contact once nothing of it is in process; one never registered
(its code never confirmed, or still waiting) goes wholly, its scans, access rows and all."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from layanan.data_pribadi.retensi import SELESAI
from layanan.models import (
    AksesData,
    JanjiTemu,
    Peristiwa,
    PermohonanDaring,
    Pesan,
    Pindaian,
    StatusPesan,
)
from layanan.models.daring import STATUS_TERBUKA
from layanan.permintaan import pengguna

# What the citizen typed and confirmed, and where the check stands; not the code's secrets nor
# the session's key to the scans.
KOLOM_DARING = (
    "kantor",
    "layanan",
    "kode_lacak",
    "status",
    "nik",
    "isian",
    "telepon",
    "email",
    "kontak_dikonfirmasi_pada",
    "setuju_pada",
    "pertama_dikirim_pada",
    "dikirim_pada",
    "tenggat_periksa",
    "diperiksa_pada",
    "kurang",
    "catatan_periksa",
    "kali_dikembalikan",
    "permohonan",
    "asli_dilihat_pada",
    "dibuat_pada",
)
PESAN_DARING = (Peristiwa.KODE_DARING, Peristiwa.DARING_DIKEMBALIKAN)
PESAN_SELESAI = (
    StatusPesan.TERKIRIM,
    StatusPesan.GAGAL,
    StatusPesan.TIDAK_PASTI,
    StatusPesan.BATAL,
)


def daring_orang(request: HttpRequest, nik: str) -> QuerySet[PermohonanDaring]:
    user = pengguna(request)
    qs = PermohonanDaring.objects.filter(nik=nik)
    return qs if user.is_superuser else qs.filter(kantor=user.kantor_id)


def pindaian_lepas(daring: QuerySet[PermohonanDaring]) -> QuerySet[Pindaian]:
    """The scans sent from home that no registered application made its own (those go with
    the application's scans)."""
    return Pindaian.objects.filter(
        permohonan__isnull=True, token_formulir__in=daring.values("token")
    ).filter(kantor_id__in=daring.values("kantor_id"))


def janji_orang(daring: QuerySet[PermohonanDaring]) -> QuerySet[JanjiTemu]:
    return JanjiTemu.objects.filter(daring__in=daring)


@dataclass
class HapusDaring:
    dihapus: int = 0  # never registered: erased wholly
    berjalan: int = 0  # in process: nothing of theirs erased
    kontak: int = 0
    pesan: int = 0


def daring_hapus(daring: QuerySet[PermohonanDaring], scans: list[Pindaian]) -> HapusDaring:
    """Inside the caller's transaction; the scans to delete are appended to `scans` (the
    caller deletes their rows, history and files)."""
    hasil = HapusDaring()
    terdaftar = Q(permohonan__isnull=False) | Q(percobaan__isnull=False)
    berjalan = daring.filter(
        Q(status__in=STATUS_TERBUKA)
        | Q(permohonan__isnull=False) & ~Q(permohonan__status__in=SELESAI)
    )
    hasil.berjalan = berjalan.count()
    usai = daring.exclude(pk__in=berjalan.values("pk"))
    scans += list(pindaian_lepas(usai))
    kontak = [(d.kantor_id, d.telepon, d.email) for d in usai]
    for kantor_id, telepon, email in kontak:
        hasil.pesan += Pesan.objects.filter(
            kantor_id=kantor_id,
            peristiwa__in=PESAN_DARING,
            penerima__in=[x for x in (telepon, email) if x],
            status__in=PESAN_SELESAI,
        ).delete()[0]
    hasil.kontak = sum(1 for _k, telepon, email in kontak if telepon or email)
    lepas = list(usai.exclude(terdaftar).values_list("pk", flat=True))
    AksesData.objects.filter(daring__in=lepas).delete()
    hasil.dihapus = (
        PermohonanDaring.objects.filter(pk__in=lepas)
        .delete()[1]
        .get(PermohonanDaring._meta.label, 0)
    )
    PermohonanDaring.objects.filter(pk__in=usai.values("pk")).update(telepon="", email="")
    return hasil
