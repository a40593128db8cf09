"""Writes the security log (CatatanKeamanan): one function, so every event has the same shape."""

from __future__ import annotations

from django.http import HttpRequest

from layanan.models import CatatanKeamanan, JenisCatatanKeamanan, Kantor, Pengguna
from layanan.permintaan import alamat_klien


def catat_keamanan(
    *,
    jenis: JenisCatatanKeamanan,
    kantor: Kantor | None = None,
    oleh: Pengguna | None = None,
    sasaran: Pengguna | None = None,
    keterangan: str = "",
    request: HttpRequest | None = None,
) -> CatatanKeamanan:
    if kantor is None:
        kantor = (sasaran or oleh).kantor if (sasaran or oleh) else None  # type: ignore[union-attr]
    return CatatanKeamanan.objects.create(
        kantor=kantor,
        jenis=jenis,
        oleh=oleh,
        sasaran=sasaran,
        keterangan=keterangan[:500],
        alamat_ip=alamat_klien(request) if request is not None else None,
    )
