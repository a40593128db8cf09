"""Kemendagri region codes (fixtures/wilayah): an office's kecamatan/kelurahan, and NIK prefixes."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

FOLDER = Path(settings.BASE_DIR) / "fixtures" / "wilayah"


@dataclass(frozen=True)
class Wilayah:
    kode: str  # dotted, e.g. 35.72.01.1001
    nama: str

    @property
    def kode_polos(self) -> str:
        return self.kode.replace(".", "")


@cache
def _semua() -> dict[str, str]:
    with (FOLDER / "wilayah_2025.csv").open(encoding="utf-8") as f:
        return {baris["kode"]: baris["nama"] for baris in csv.DictReader(f)}


@cache
def _historis() -> dict[str, str]:
    with (FOLDER / "wilayah_historis.csv").open(encoding="utf-8") as f:
        return {baris["kode"]: baris["nama"] for baris in csv.DictReader(f)}


@cache
def kode_kecamatan_nik() -> frozenset[str]:
    """Six-digit kecamatan codes a NIK may start with: the 2025 list and every older one."""
    kode = [k for k in (*_semua(), *_historis()) if k.count(".") == 2]
    return frozenset(k.replace(".", "") for k in kode)


def nama(kode: str) -> str | None:
    return _semua().get(kode) or _historis().get(kode)


def anak(kode_induk: str) -> list[Wilayah]:
    """The regions directly under a code: kecamatan of a kota, kelurahan of a kecamatan."""
    titik = kode_induk.count(".") + 1
    awalan = kode_induk + "."
    return sorted(
        (
            Wilayah(k, n)
            for k, n in _semua().items()
            if k.startswith(awalan) and k.count(".") == titik
        ),
        key=lambda w: w.nama,
    )
