"""Rate limits of the public pages: per purpose and per client address, in the shared cache."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from layanan.permintaan import alamat_klien


def terlalu_sering(
    request: HttpRequest, tujuan: str, batas: int | None = None, per_detik: int | None = None
) -> bool:
    """True once this client has used `tujuan` (status, verifikasi, pengaduan...) more than
    `batas` times in the current window of `per_detik` seconds (DINSOS_BATAS_PERMINTAAN).

    Each purpose counts apart, so checking letters never uses up the status lookups; the
    address is the proxy-aware one, so two citizens behind our proxy never share a counter.
    """
    bawaan_batas, bawaan_detik = settings.DINSOS_BATAS_PERMINTAAN[tujuan]
    batas = bawaan_batas if batas is None else batas
    per_detik = bawaan_detik if per_detik is None else per_detik
    kunci = f"batas:{tujuan}:{_pengenal(alamat_klien(request))}"
    cache.add(kunci, 0, timeout=per_detik)
    try:
        jumlah = cache.incr(kunci)
    except ValueError:  # the window ended between add and incr
        cache.set(kunci, 1, timeout=per_detik)
        jumlah = 1
    return jumlah > batas


def _pengenal(alamat: str | None) -> str:
    """An IPv6 client holds a whole /64 and could walk through it: the /64 is what counts."""
    if alamat is None:
        return "tanpa-alamat"
    ip = ipaddress.ip_address(alamat)
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return alamat
