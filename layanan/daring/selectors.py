"""Reads of applications from home: the public's (services open online, an application by its
random tracking code only) and the loket's (its own office's, of services whose loket role the
user holds; anything else a 404 like a missing one)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from layanan import selectors
from layanan.models import (
    KategoriPemohon,
    Layanan,
    PengaturanDaring,
    Pengguna,
    PermohonanDaring,
    Pindaian,
    StatusDaring,
    StatusLayanan,
)


def layanan_daring() -> QuerySet[Layanan]:
    """Services open for online applications, of every office."""
    return (
        Layanan.objects.filter(status=StatusLayanan.AKTIF, terima_daring=True)
        .select_related("kantor")
        .order_by("kantor__nama_daerah", "nama_singkat", "pk")
    )


def ambil_layanan_daring(*, kode_kantor: str, kode: str) -> Layanan:
    layanan = layanan_daring().filter(kantor__kode=kode_kantor, kode=kode).first()
    if layanan is None:
        raise Http404
    return layanan


def daring_dengan_token(token: str | None) -> PermohonanDaring | None:
    """The session's own application (its token never leaves the session)."""
    if not token:
        return None
    return PermohonanDaring.objects.filter(token=token).select_related("layanan", "kantor").first()


def daring_dengan_kode(kode: str) -> PermohonanDaring | None:
    """The status page's lookup: by the random tracking code only, never by NIK."""
    kode = kode.replace("-", "")
    if len(kode) != 12:
        return None
    return (
        PermohonanDaring.objects.filter(kode_lacak=f"{kode[:4]}-{kode[4:8]}-{kode[8:]}")
        .exclude(status=StatusDaring.KODE)
        .select_related("layanan", "kantor")
        .first()
    )


def _layanan_loket_ids(user: Pengguna) -> list[int]:
    return [layanan.pk for layanan in selectors.layanan_loket_untuk(user)]


def antrean_daring(user: Pengguna) -> QuerySet[PermohonanDaring]:
    """Waiting for this loket's check, nearest deadline first (the index daring_antrean)."""
    if user.kantor_id is None:
        return PermohonanDaring.objects.none()
    return (
        PermohonanDaring.objects.filter(kantor_id=user.kantor_id)
        .filter(status=StatusDaring.MENUNGGU)
        .filter(layanan_id__in=_layanan_loket_ids(user))
        .select_related("layanan")
        .only(
            "pk",
            "kode_lacak",
            "isian",
            "dikirim_pada",
            "tenggat_periksa",
            "kali_dikembalikan",
            "layanan__nama_singkat",
            "layanan__kode",
            "layanan__kantor_id",
        )
        .order_by("tenggat_periksa", "pk")
    )


def ambil_daring(user: Pengguna, pk: int) -> PermohonanDaring:
    """One application from home for this user's loket; a 404 for anyone else."""
    if user.kantor_id is None:
        raise Http404
    d = (
        PermohonanDaring.objects.filter(pk=pk)
        .filter(kantor_id=user.kantor_id)
        .filter(layanan_id__in=_layanan_loket_ids(user))
        .exclude(status=StatusDaring.KODE)
        .select_related("layanan", "kantor", "permohonan")
        .first()
    )
    if d is None:
        raise Http404
    return d


def pindaian_daring(d: PermohonanDaring) -> list[Pindaian]:
    """The scans the citizen sent, by the document they are."""
    return list(
        Pindaian.objects.filter(token_formulir=d.token, kantor_id=d.kantor_id)
        .select_related("persyaratan")
        .order_by("persyaratan_id", "pk")
    )


def ambil_pindaian_daring(
    user: Pengguna, *, pk: int, scan_pk: int
) -> tuple[PermohonanDaring, Pindaian]:
    d = ambil_daring(user, pk)
    scan = Pindaian.objects.filter(pk=scan_pk, token_formulir=d.token, kantor_id=d.kantor_id)
    hasil = scan.first()
    if hasil is None:
        raise Http404
    return d, hasil


def bawa_asli(kantor_id: int) -> bool:
    """Whether the office asks for the originals at hand-over."""
    atur = PengaturanDaring.objects.filter(kantor_id=kantor_id).first()
    return bool(atur and atur.bawa_asli)


def kategori_layanan(layanan: Layanan, pk: int) -> KategoriPemohon | None:
    return KategoriPemohon.objects.filter(pk=pk, layanan=layanan).first()
