"""Records every read of a citizen's data, as UU PDP obliges the office to be able to show."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest

from layanan.models import (
    AksesData,
    AksesPengaduan,
    JenisAkses,
    JenisAksesPengaduan,
    Pengaduan,
    Permohonan,
    PermohonanDaring,
)
from layanan.permintaan import alamat_klien, pengguna


def akses_catat(
    request: HttpRequest, permohonan: Permohonan, jenis: JenisAkses, keterangan: str = ""
) -> None:
    AksesData.objects.create(
        permohonan=permohonan,
        pengguna=pengguna(request),
        jenis=jenis,
        keterangan=keterangan[:255],
        alamat_ip=alamat_klien(request),
    )


def akses_daring_catat(
    request: HttpRequest, daring: PermohonanDaring, jenis: JenisAkses, keterangan: str = ""
) -> None:
    """An application from home read by the loket before its decision (no Permohonan yet)."""
    AksesData.objects.create(
        daring=daring,
        pengguna=pengguna(request),
        jenis=jenis,
        keterangan=keterangan[:255],
        alamat_ip=alamat_klien(request),
    )


def akses_catat_banyak(
    request: HttpRequest, permohonan_ids: Iterable[int], jenis: JenisAkses, keterangan: str = ""
) -> None:
    """One row per application in an export: each citizen's trail shows that their data left
    in it, as it shows a single print."""
    oleh, alamat = pengguna(request), alamat_klien(request)
    AksesData.objects.bulk_create(
        (
            AksesData(
                permohonan_id=pk,
                pengguna=oleh,
                jenis=jenis,
                keterangan=keterangan[:255],
                alamat_ip=alamat,
            )
            for pk in dict.fromkeys(permohonan_ids)  # once per application, in order
        ),
        batch_size=500,
    )


def akses_pengaduan_catat(
    request: HttpRequest,
    pengaduan: Pengaduan,
    jenis: JenisAksesPengaduan,
    keterangan: str = "",
) -> None:
    """A complaint read by staff: its page, its complainant's identity, its attachment."""
    AksesPengaduan.objects.create(
        pengaduan=pengaduan,
        pengguna=pengguna(request),
        jenis=jenis,
        keterangan=keterangan[:255],
        alamat_ip=alamat_klien(request),
    )
