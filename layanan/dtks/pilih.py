"""Which source answers an office's DTKS questions: its imported registry, an HTTP service, or
nobody (the operator checks SIKS-NG by hand)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from layanan.dtks import AdapterDtks, HasilDtks, tidak_tersedia
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
        sumber = pengaturan.sumber
        if sumber is None or not sumber.kantor.filter(pk=pengaturan.kantor_id).exists():
            # The national administrator withdrew the source: no answer rather than a guess.
            return TanpaSumber()
        return AdapterHttp(
            url=sumber.url, token=sumber.token, timeout=sumber.timeout, tenggat=tenggat
        )
    return None


class TanpaSumber:
    """The office chose a remote source that is no longer offered to it."""

    def _jawab(self) -> HasilDtks:
        return tidak_tersedia(
            _("The remote DTKS source is no longer offered to this office; ask the administrator.")
        )

    def cari_nik(self, nik: str) -> HasilDtks:
        return self._jawab()

    def cari_kk(self, nomor_kk: str) -> HasilDtks:
        return self._jawab()
