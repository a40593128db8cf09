"""The channel contract: what every channel is given and answers, whatever it is (e-mail,
WhatsApp, an SMS gateway, the development log). One module per channel, chosen per office
(models.SaluranKantor) through saluran.pilih.

A failure says whether trying again may help: a provider that is down, slow or rate-limiting
(`sementara`) is tried again later; a recipient it refuses (no such number, an address that
bounces) is not."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class PesanKeluar:
    """One message as a channel sees it; `kunci` is our id, unique per message (providers that
    take an idempotency key or a reference get it)."""

    kunci: str
    penerima: str
    subjek: str
    isi: str
    templat: str = ""  # WhatsApp Cloud: the approved template's name
    parameter: tuple[str, ...] = ()  # and its body's parameters


@dataclass(frozen=True)
class HasilKirim:
    berhasil: bool
    id_penyedia: str = ""
    galat: str = ""
    sementara: bool = False  # a failure that may pass: try again later

    @classmethod
    def gagal_sementara(cls, galat: str) -> HasilKirim:
        return cls(False, galat=galat[:1000], sementara=True)

    @classmethod
    def ditolak(cls, galat: str) -> HasilKirim:
        return cls(False, galat=galat[:1000])


class Saluran(Protocol):
    def kirim(self, pesan: PesanKeluar) -> HasilKirim: ...
