"""The SOP as a walk follows it: a typed, frozen copy taken when the walk starts, so later edits of
the SOP do not touch a walk under way. Stored as JSON on the walked row (`alur`), with a version."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from layanan.models import HasilAkhir, Layanan, Peran

VERSI_POTRET = 1


@dataclass(frozen=True)
class Cabang:
    """Where a branch leads: another step, or an ending with an outcome."""

    nomor: int | None = None
    hasil_id: int | None = None
    hasil: str = ""

    @classmethod
    def dari(cls, nomor: int | None, hasil: HasilAkhir | None) -> Cabang | None:
        if nomor is not None:
            return cls(nomor=nomor)
        if hasil is not None:
            return cls(hasil_id=hasil.pk, hasil=hasil.nama)
        return None


@dataclass(frozen=True)
class ParafPotret:
    peran_id: int
    peran: str


@dataclass(frozen=True)
class LangkahPotret:
    nomor: int
    kegiatan: str
    jenis: str  # JenisLangkah
    fungsi: str  # FungsiLangkah
    peran_id: int
    peran: str
    pemohon: bool  # a step of the applicant, recorded by the loket
    menit: int | None
    lanjut: Cabang | None
    tidak: Cabang | None
    paraf: tuple[ParafPotret, ...] = ()


@dataclass(frozen=True)
class Potret:
    langkah: tuple[LangkahPotret, ...] = field(default_factory=tuple)
    versi: int = VERSI_POTRET

    # -- reading -------------------------------------------------------------------------------
    def ke(self, nomor: int | None) -> LangkahPotret | None:
        return next((s for s in self.langkah if s.nomor == nomor), None)

    def berikut(self, nomor: int) -> Cabang | None:
        """The step after `nomor` in the SOP's order (a step that says nothing goes on)."""
        daftar = [s.nomor for s in self.langkah]
        i = daftar.index(nomor)
        return Cabang(nomor=daftar[i + 1]) if i + 1 < len(daftar) else None

    def urutan(self, nomor: int | None) -> int | None:
        daftar = [s.nomor for s in self.langkah]
        return daftar.index(nomor) if nomor in daftar else None

    # -- storing -------------------------------------------------------------------------------
    def ke_json(self) -> dict[str, Any]:
        # Through JSON and back: what is kept is exactly what the database will give back.
        return json.loads(json.dumps(asdict(self)))

    @classmethod
    def dari_json(cls, data: dict[str, Any] | None) -> Potret:
        """Read a stored snapshot; those stored before versioning (no `versi`) read the same."""
        if not data:
            return cls()
        return cls(
            langkah=tuple(_langkah(s) for s in data.get("langkah", [])),
            versi=int(data.get("versi", 0)),
        )


def _cabang(data: dict[str, Any] | None) -> Cabang | None:
    if not data:
        return None
    return Cabang(
        nomor=data.get("nomor"), hasil_id=data.get("hasil_id"), hasil=data.get("hasil", "")
    )


def _langkah(s: dict[str, Any]) -> LangkahPotret:
    return LangkahPotret(
        nomor=int(s["nomor"]),
        kegiatan=s["kegiatan"],
        jenis=s["jenis"],
        fungsi=s.get("fungsi", ""),
        peran_id=int(s["peran_id"]),
        peran=s["peran"],
        pemohon=bool(s.get("pemohon")),
        menit=s.get("menit"),
        lanjut=_cabang(s.get("lanjut")),
        tidak=_cabang(s.get("tidak")),
        paraf=tuple(ParafPotret(int(p["peran_id"]), p["peran"]) for p in s.get("paraf", [])),
    )


def potret_alur(layanan: Layanan, ganti_peran: Mapping[int, Peran] | None = None) -> Potret:
    """Freeze the service's SOP as it stands now. `ganti_peran` hands the steps (and initials)
    of a role to another role for this walk only: a complaint's category names who handles it,
    and a complaint about an officer is kept from the roles that officer holds."""
    ganti = ganti_peran or {}

    def peran(asli: Peran) -> Peran:
        return ganti.get(asli.pk, asli)

    return Potret(
        langkah=tuple(
            LangkahPotret(
                nomor=s.nomor,
                kegiatan=s.kegiatan,
                jenis=s.jenis,
                fungsi=s.fungsi,
                peran_id=peran(s.peran).pk,
                peran=peran(s.peran).nama,
                pemohon=s.peran.adalah_pemohon,
                menit=s.menit,
                lanjut=Cabang.dari(s.lanjut_nomor, s.lanjut_hasil),
                tidak=Cabang.dari(s.tidak_nomor, s.tidak_hasil),
                paraf=tuple(
                    ParafPotret(peran(p.peran).pk, peran(p.peran).nama)
                    for p in s.paraf.select_related("peran")
                ),
            )
            for s in layanan.langkah.select_related("peran", "lanjut_hasil", "tidak_hasil")
        )
    )
