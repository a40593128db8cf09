"""Records every read of a citizen's data, as UU PDP obliges the office to be able to show."""

from __future__ import annotations

from django.http import HttpRequest

from layanan.models import AksesData, JenisAkses, Permohonan
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
