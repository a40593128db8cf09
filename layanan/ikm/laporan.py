"""What the results pages and the SKM report show of a period, built once as plain data: the
index, the elements with the weakest marked, the chart, the sample, the profile, the
suggestions (staff and report only) and the follow-up plan per weak element. The report is a
PDF from the project's pipeline (layanan.pdf), under the office's letterhead."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from layanan.ikm import selectors
from layanan.ikm.grafik import grafik
from layanan.ikm.hitung import KATEGORI, HasilIkm, NrrUnsur, ikm_periode
from layanan.ikm.periode import Periode
from layanan.ikm.unsur import unsur_kantor
from layanan.models import Kantor, Layanan, PengaturanIkm, RencanaTindakLanjut
from layanan.pdf import render_pdf


@dataclass(frozen=True)
class BarisUnsur:
    no: int
    u: NrrUnsur
    terlemah: bool
    lemah: bool
    rtl: RencanaTindakLanjut | None


def konteks_hasil(
    kantor: Kantor,
    periode: Periode,
    layanan: Layanan | None = None,
    *,
    pribadi: bool = False,
) -> dict[str, Any]:
    """`pribadi`: for staff and the report (suggestions, written by citizens, may name people);
    the public page never has them."""
    hasil: HasilIkm = ikm_periode(kantor, periode.mulai, periode.selesai, layanan)
    rtl = selectors.rtl_periode(kantor, periode) if layanan is None else {}
    terlemah, lemah = set(hasil.terlemah), set(hasil.lemah)
    baris = [
        BarisUnsur(i, u, u.kode in terlemah, u.kode in lemah, rtl.get(u.kode))
        for i, u in enumerate(hasil.unsur, start=1)
    ]
    konteks: dict[str, Any] = {
        "kantor": kantor,
        "periode": periode,
        "layanan": layanan,
        "hasil": hasil,
        "baris": baris,
        "baris_lemah": [b for b in baris if b.lemah],
        "rtl_ada": [b for b in baris if b.rtl is not None],
        "grafik": grafik(hasil),
        "profil_bagian": _profil_bagian(selectors.profil(kantor, periode, layanan)),
        "kategori_semua": KATEGORI,
        "pertanyaan": unsur_kantor(kantor, semua=True),
    }
    if pribadi:
        konteks["saran"] = selectors.saran_periode(kantor, periode, layanan)
    return konteks


def _profil_bagian(p: selectors.Profil) -> list[tuple[str, list[selectors.Baris]]]:
    return [
        (_("Sex"), p.jenis_kelamin),
        (_("Age (years)"), p.umur),
        (_("Last education"), p.pendidikan),
        (_("Main occupation"), p.pekerjaan),
    ]


def render_laporan(kantor: Kantor, periode: Periode, layanan: Layanan | None = None) -> bytes:
    konteks = konteks_hasil(kantor, periode, layanan, pribadi=True)
    atur = PengaturanIkm.objects.filter(kantor=kantor).select_related("penandatangan").first()
    konteks["penandatangan"] = atur.penandatangan if atur else None
    bagian = konteks["profil_bagian"]
    konteks["profil_baris"] = [bagian[i : i + 2] for i in range(0, len(bagian), 2)]
    konteks["saran"] = selectors.saran_dikelompokkan(kantor, periode, layanan)
    konteks["tanggal"] = timezone.localtime(timezone.now(), kantor.zona).date()
    konteks["per_layanan"] = (
        [
            (lay, ikm_periode(kantor, periode.mulai, periode.selesai, lay))
            for lay in selectors.layanan_kantor(kantor)
        ]
        if layanan is None
        else []
    )
    return render_pdf("dokumen/laporan_ikm.html", konteks)
