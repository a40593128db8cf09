"""Rate limits: per purpose and per client address (or staff account), in the shared cache."""

from __future__ import annotations

import ipaddress
import math
from time import time as jam  # the limiter's clock (a test sets it)

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import ngettext

from layanan.permintaan import alamat_klien


def tunggu_detik(
    request: HttpRequest,
    tujuan: str,
    batas: int | None = None,
    per_detik: int | None = None,
    *,
    pengenal: str | None = None,
) -> int:
    """0 while this client may use `tujuan` (status, verifikasi, pengaduan...); once it has used
    it more than `batas` times in the current window of `per_detik` seconds
    (DINSOS_BATAS_PERMINTAAN), the whole seconds until the window ends — what the page says and
    what `Retry-After` carries.

    Windows are fixed (aligned on the clock), each with its own counter key, so a refused
    request never lengthens the wait: when the page says "in 40 seconds", it is 40 seconds.
    Each purpose counts apart, so checking letters never uses up the status lookups; the
    address is the proxy-aware one, so two citizens behind our proxy never share a counter.
    Staff count by `pengenal` (their account) instead: an office shares one address.
    """
    bawaan_batas, bawaan_detik = settings.DINSOS_BATAS_PERMINTAAN[tujuan]
    batas = bawaan_batas if batas is None else batas
    per_detik = bawaan_detik if per_detik is None else per_detik
    kini = jam()
    jendela = int(kini // per_detik)
    kunci = f"batas:{tujuan}:{pengenal or _pengenal(alamat_klien(request))}:{jendela}"
    cache.add(kunci, 0, timeout=per_detik + 1)
    try:
        jumlah = cache.incr(kunci)
    except ValueError:  # the key expired between add and incr
        cache.set(kunci, 1, timeout=per_detik + 1)
        jumlah = 1
    if jumlah <= batas:
        return 0
    return max(1, math.ceil((jendela + 1) * per_detik - kini))


def pesan_tunggu(detik: int) -> str:
    """ "Try again in …", in the units a person reads: seconds under two minutes, else minutes."""
    if detik < 120:
        return ngettext(
            "Too many attempts. Please try again in %(n)s second.",
            "Too many attempts. Please try again in %(n)s seconds.",
            detik,
        ) % {"n": detik}
    menit = math.ceil(detik / 60)
    return ngettext(
        "Too many attempts. Please try again in %(n)s minute.",
        "Too many attempts. Please try again in %(n)s minutes.",
        menit,
    ) % {"n": menit}


def _pengenal(alamat: str | None) -> str:
    """An IPv6 client holds a whole /64 and could walk through it: the /64 is what counts."""
    if alamat is None:
        return "tanpa-alamat"
    ip = ipaddress.ip_address(alamat)
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return alamat
