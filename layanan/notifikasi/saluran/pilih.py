"""Which channel module serves a kind of channel, and whom it can reach."""

from __future__ import annotations

from layanan.models import JenisSaluran
from layanan.notifikasi.saluran import Saluran


def menjangkau(jenis: str, *, telepon: str, email: str) -> str:
    """The recipient's address on this channel, or "" when it cannot reach them."""
    if jenis == JenisSaluran.EMAIL:
        return email
    if jenis == JenisSaluran.LOG:
        return telepon or email
    return ""


def saluran(jenis: str) -> Saluran:
    """The channel of this kind (imported late: a channel's libraries load only where used)."""
    if jenis == JenisSaluran.EMAIL:
        from layanan.notifikasi.saluran.email import SaluranEmail

        return SaluranEmail()
    if jenis == JenisSaluran.LOG:
        from layanan.notifikasi.saluran.log import SaluranLog

        return SaluranLog()
    raise ValueError(jenis)
