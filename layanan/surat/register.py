"""The office's registers (buku agenda), read scoped to the user: the letters it issued, and the
receipts it gave at the loket with the attempts it did not accept.

Beside `layanan.selectors`, whose scoping they reuse (`permohonan_untuk`): a letter or a receipt
is listed only when its application would be, so another office's, or a service none of the
user's roles works on, is never listed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypeVar

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from layanan.models import AksiSurat, Layanan, Pengguna, Permohonan, RiwayatSurat, Surat
from layanan.selectors import layanan_ids_untuk_peran, layanan_untuk, permohonan_untuk

M = TypeVar("M", Surat, Permohonan)


@dataclass(frozen=True)
class SaringanRegister:
    """A register's search; kept in the session, never in a URL (it may hold a NIK)."""

    nomor: str = ""
    nama: str = ""
    nik: str = ""
    layanan_id: int | None = None
    dari: dt.date | None = None
    sampai: dt.date | None = None


def layanan_register(user: Pengguna) -> QuerySet[Layanan]:
    """The services a register can be searched by: those the user's roles work on."""
    if user.kantor_id is None:
        return Layanan.objects.none()
    return layanan_untuk(user).filter(
        kantor_id=user.kantor_id,
        pk__in=layanan_ids_untuk_peran(user),
    )


def register_surat(user: Pengguna, saringan: SaringanRegister) -> QuerySet[Surat]:
    """Letters issued by the user's office on applications the user may see, newest first."""
    if user.kantor_id is None:
        return Surat.objects.none()
    dicabut_pada = RiwayatSurat.objects.filter(surat=OuterRef("pk"), aksi=AksiSurat.CABUT)
    qs: QuerySet[Surat] = (
        Surat.objects.filter(
            kantor_id=user.kantor_id,
            permohonan__in=permohonan_untuk(user),
        )
        .select_related(
            "permohonan__layanan", "permohonan__pemohon", "pejabat", "pengganti", "diganti"
        )
        .annotate(dicabut_pada=Subquery(dicabut_pada.order_by("-pada").values("pada")[:1]))
        # The order of the number's own unique index (kantor, tahun, urutan): the numbers are
        # handed out at signing, so the highest is the newest.
        .order_by("-tahun", "-urutan")
    )
    if saringan.nomor:
        qs = qs.filter(nomor__icontains=saringan.nomor)
    qs = _saring_permohonan(qs, saringan, "permohonan__")
    return _saring_tanggal(qs, user, "ditandatangani_pada", saringan)


def register_tanda_terima(user: Pengguna, saringan: SaringanRegister) -> QuerySet[Permohonan]:
    """Every application registered at the user's office's loket, newest first: the accepted ones
    with their registration number (per office and year), and the attempts not accepted, which
    have none."""
    qs = (
        permohonan_untuk(user)
        .select_related("layanan", "pemohon", "dibuat_oleh")
        .order_by("-dibuat_pada")  # the loket queue's index (kantor, -dibuat_pada)
    )
    if saringan.nomor:
        qs = qs.filter(nomor_registrasi__icontains=saringan.nomor)
    qs = _saring_permohonan(qs, saringan, "")
    return _saring_tanggal(qs, user, "dibuat_pada", saringan)


def _saring_permohonan(qs: QuerySet[M], saringan: SaringanRegister, awalan: str) -> QuerySet[M]:
    if saringan.nama:
        qs = qs.filter(**{f"{awalan}pemohon__nama__icontains": saringan.nama})
    if saringan.nik:
        qs = qs.filter(**{f"{awalan}pemohon__nik": saringan.nik})
    if saringan.layanan_id:
        qs = qs.filter(**{f"{awalan}layanan_id": saringan.layanan_id})
    return qs


def _saring_tanggal(
    qs: QuerySet[M], user: Pengguna, kolom: str, saringan: SaringanRegister
) -> QuerySet[M]:
    """Whole days of the office's own calendar: a letter signed at 07:30 WITA on the 2nd is the
    2nd's, though it is the 1st's in UTC."""
    zona = user.kantor.zona if user.kantor is not None else timezone.get_current_timezone()
    if saringan.dari:
        qs = qs.filter(**{f"{kolom}__gte": dt.datetime.combine(saringan.dari, dt.time.min, zona)})
    if saringan.sampai:
        besok = saringan.sampai + dt.timedelta(days=1)
        qs = qs.filter(**{f"{kolom}__lt": dt.datetime.combine(besok, dt.time.min, zona)})
    return qs
