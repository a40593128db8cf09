"""The chart of a period's NRR per element, drawn on the server as SVG geometry for
`templates/ikm/_grafik.html` (the staff page, the public page and the PDF share it): no
script, no inline style — colours are SVG attributes, which the CSP allows."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from layanan.ikm.hitung import HasilIkm

LEBAR = 800
LABEL = 350  # the element names' column
BATANG = 340  # 0–4 across this width
TINGGI_BARIS = 30
ATAS = 28


@dataclass(frozen=True)
class Batang:
    y: int
    y_teks: int
    lebar: int
    x_nilai: int
    nama: str
    nilai: Decimal
    terlemah: bool


@dataclass(frozen=True)
class Grafik:
    lebar: int
    tinggi: int
    x0: int
    batang: list[Batang]
    garis: list[tuple[int, int]]  # (x, score) of the 0–4 grid lines
    bawah: int  # y of the axis
    tinggi_batang: int


def grafik(hasil: HasilIkm) -> Grafik | None:
    if not hasil.unsur:
        return None
    terlemah = set(hasil.terlemah)
    batang = []
    for i, u in enumerate(hasil.unsur):
        y = ATAS + i * TINGGI_BARIS
        lebar = round(BATANG * u.nrr / 4)
        batang.append(
            Batang(
                y=y + 6,
                y_teks=y + 20,
                lebar=lebar,
                x_nilai=LABEL + lebar + 6,
                nama=f"U{i + 1} {u.nama}"[:44],
                nilai=u.nrr_tampil(),
                terlemah=u.kode in terlemah,
            )
        )
    bawah = ATAS + len(batang) * TINGGI_BARIS
    return Grafik(
        lebar=LEBAR,
        tinggi=bawah + 26,
        x0=LABEL,
        batang=batang,
        garis=[(LABEL + BATANG * s // 4, s) for s in range(5)],
        bawah=bawah,
        tinggi_batang=TINGGI_BARIS - 12,
    )
