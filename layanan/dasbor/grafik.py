"""Bar charts drawn on the server as SVG (templates/dasbor/_grafik.html): the geometry here, the
drawing in the template; no script, no style attribute, so the strict CSP stays as it is and the
same chart prints in the PDF. Each chart stands beside a table holding the same figures, which
is what a screen reader reads (the drawing is hidden from it)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

LEBAR = 640
KIRI = 230  # the labels' column
KANAN = 70  # the values' column
TINGGI_BARIS = 22
MAKS_HURUF = 34


@dataclass(frozen=True)
class Batang:
    label: str
    teks: str  # the value as written beside the bar
    y: int
    lebar: float
    sorot: bool  # drawn in the warning colour (a late step)

    @property
    def y_teks(self) -> int:
        return self.y + 15


@dataclass(frozen=True)
class Grafik:
    batang: tuple[Batang, ...]
    tinggi: int
    lebar: int = LEBAR
    kiri: int = KIRI

    @property
    def ruang(self) -> int:
        """The width a full bar takes."""
        return self.lebar - self.kiri - KANAN

    @property
    def x_nilai(self) -> int:
        return self.lebar - KANAN + 6

    @property
    def x_label(self) -> int:
        return self.kiri - 6


def grafik_batang(
    data: Iterable[tuple[str, float, str, bool]], maks: float | None = None
) -> Grafik:
    """(label, value, value as text, highlighted) per bar; bars scaled to `maks` or the largest."""
    daftar = list(data)
    puncak = maks if maks is not None else max([d[1] for d in daftar] + [0])
    ruang = LEBAR - KIRI - KANAN
    batang = tuple(
        Batang(
            label=_pendek(label),
            teks=teks,
            y=4 + i * TINGGI_BARIS,
            lebar=round(ruang * nilai / puncak, 1) if puncak else 0,
            sorot=sorot,
        )
        for i, (label, nilai, teks, sorot) in enumerate(daftar)
    )
    return Grafik(batang=batang, tinggi=8 + len(batang) * TINGGI_BARIS)


def _pendek(label: str) -> str:
    return label if len(label) <= MAKS_HURUF else label[: MAKS_HURUF - 1].rstrip() + "…"
