"""The dashboard's recaps as tables for CSV and XLSX: the same figures the page shows, in the
same order; counts and working minutes only, no citizen's data."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from layanan.dasbor.ringkasan import Dasbor

Tabel = tuple[str, list[str], list[list[object]]]


def _layanan(d: Dasbor) -> Tabel:
    kepala = [
        _("Service"),
        _("Received at the loket"),
        _("Accepted"),
        _("Not accepted"),
        _("Settled"),
        _("Settled within the limit"),
        _("In process"),
        _("Cancelled"),
        _("Late"),
        _("Compliance (%)"),
    ]
    baris: list[list[object]] = [
        [
            r.nama,
            r.masuk,
            r.diterima,
            r.tidak_diterima,
            r.selesai,
            r.selesai_tepat,
            r.proses,
            r.batal,
            r.terlambat,
            "" if r.persen_tepat is None else round(r.persen_tepat),
        ]
        for r in [*d.permohonan.per_layanan, d.permohonan.total]
    ]
    return _("Recap per service"), kepala, baris


def _hasil(d: Dasbor) -> Tabel:
    kepala = [_("Service"), _("Outcome"), _("Settled")]
    return (
        _("Settled by outcome"),
        kepala,
        [[h.layanan, h.hasil, h.jumlah] for h in d.permohonan.per_hasil],
    )


def _langkah(d: Dasbor) -> Tabel:
    kepala = [
        _("Service"),
        _("Step"),
        _("Activity"),
        _("Standard (working minutes)"),
        _("Done"),
        _("Over the standard"),
        _("Median (working minutes)"),
        _("90th percentile (working minutes)"),
    ]
    baris: list[list[object]] = [
        [
            b.layanan,
            b.nomor,
            b.kegiatan,
            b.standar_menit,
            b.jumlah,
            b.terlambat,
            "" if b.median is None else b.median,
            "" if b.p90 is None else b.p90,
        ]
        for b in d.langkah
    ]
    return _("Compliance per step"), kepala, baris


def _wilayah(d: Dasbor) -> Tabel:
    kepala = [_("Kecamatan"), _("Kelurahan/desa"), _("Applications")]
    baris: list[list[object]] = []
    assert d.wilayah is not None  # the recap is made with the places
    for kec in d.wilayah.kecamatan:
        baris.append([kec.nama, "", kec.jumlah])
        baris.extend([kec.nama, kel.nama, kel.jumlah] for kel in kec.kelurahan)
    baris.append([_("Outside the region or without a code"), "", d.wilayah.luar])
    return _("Applications by place"), kepala, baris


def _pengaduan(d: Dasbor) -> Tabel:
    a = d.pengaduan
    baris: list[list[object]] = [
        [_("Received"), "", a.jumlah],
        [_("Settled"), "", a.selesai],
        [_("Settled within the limit"), "", a.tepat],
        [_("Being handled"), "", a.terbuka],
    ]
    baris += [[_("Being handled, by stage"), t.nama, t.jumlah] for t in a.per_tahap]
    baris += [[_("Being handled, by age (working days)"), u, n] for u, n in a.per_umur]
    return _("Complaints"), [_("Figure"), _("Detail"), _("Count")], baris


REKAP: dict[str, Callable[[Dasbor], Tabel]] = {
    "layanan": _layanan,
    "hasil": _hasil,
    "langkah": _langkah,
    "wilayah": _wilayah,
    "pengaduan": _pengaduan,
}


def tabel(nama: str, d: Dasbor) -> Tabel:
    return REKAP[nama](d)
