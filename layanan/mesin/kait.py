"""How a capability adds its own guards and effects to the engine's transitions, without the
engine knowing it: DTKS decides its YES/NO steps, letters are signed by signing the letter and
handed over by name. One small interface; capabilities register in their AppConfig.ready()."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from layanan.mesin.potret import LangkahPotret
from layanan.models import Pengguna
from layanan.models.jalan import JalanSop


@dataclass
class Transisi:
    """One action about to be taken on the current step of a walk (or one paraf of it)."""

    subjek: JalanSop
    langkah: LangkahPotret
    aksi: str  # AksiLangkah
    oleh: Pengguna
    catatan: str
    sekarang: dt.datetime
    # What the acting user's page showed (a draft's fingerprint): given by the request.
    bukti: Mapping[str, str] = field(default_factory=dict)
    # What a capability's own service attaches to the transition it drives (the signed letter).
    lampiran: Mapping[str, Any] = field(default_factory=dict)
    # Recorded on the history row: the fingerprint of the draft this action was given to.
    sidik: str = ""
    # What a capability's guard found and its effect uses (the letter being handed over).
    temuan: dict[str, Any] = field(default_factory=dict)


class Kait:
    """A capability's part in the engine's transitions; every method may be left as it is.
    `untuk` names the kind of subject it belongs to (letters and DTKS: applications)."""

    untuk: type = JalanSop  # a JalanSop subclass

    def sebelum(self, t: Transisi) -> None:
        """Guard, inside the transition's lock: raise TransisiDitolak to refuse; may set
        t.catatan (a default note) or t.sidik."""

    def sesudah(self, t: Transisi) -> None:
        """Effect in the same transaction, after the state changed (side effects that leave
        the database go to transaction.on_commit)."""

    def sesudah_terima(self, subjek: JalanSop, sekarang: dt.datetime) -> None:
        """Effect of a walk's start (the loket accepted it), in the same transaction."""

    def sebelum_batal(self, subjek: JalanSop, oleh: Pengguna) -> None:
        """Guard of a cancellation: raise TransisiDitolak to refuse."""

    def sebelum_sela(self, t: Transisi) -> None:
        """Guard of an action beside the steps (layanan.mesin.sela: pausing or resuming the
        clock, extending the limit, closing early, changing the handling roles), inside its
        lock; `t.aksi` says which. Raise TransisiDitolak to refuse."""

    def sesudah_sela(self, t: Transisi) -> None:
        """Effect of an action beside the steps, in the same transaction."""


_KAIT: list[Kait] = []


def daftarkan(kait: Kait) -> None:
    if not any(type(k) is type(kait) for k in _KAIT):
        _KAIT.append(kait)


def untuk(subjek: JalanSop) -> tuple[Kait, ...]:
    """The hooks that belong to this kind of subject."""
    return tuple(k for k in _KAIT if isinstance(subjek, k.untuk))
