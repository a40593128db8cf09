"""Which source answers an office's DTKS questions: its imported registry, an HTTP service, or
nobody (the operator checks SIKS-NG by hand)."""

from __future__ import annotations

from layanan.dtks import AdapterDtks
from layanan.dtks.http import AdapterHttp
from layanan.dtks.registri import AdapterRegistri
from layanan.models import JenisAdapter, PengaturanDtks


def adapter_untuk(
    pengaturan: PengaturanDtks, *, tenggat: float | None = None
) -> AdapterDtks | None:
    """The office's chosen source; None for the manual one (the operator answers).

    `tenggat` is a `time.monotonic()` instant no lookup may run past: past it a remote source
    answers "unavailable" at once.
    """
    if pengaturan.adapter == JenisAdapter.IMPOR:
        return AdapterRegistri(pengaturan.impor_aktif)
    if pengaturan.adapter == JenisAdapter.HTTP:
        return AdapterHttp(
            url=pengaturan.http_url,
            token=pengaturan.http_token,
            timeout=pengaturan.http_timeout,
            tenggat=tenggat,
        )
    return None
