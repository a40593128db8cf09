"""Writes one service's SOP as a human-editable YAML file."""

from __future__ import annotations

from typing import Any

import yaml

from layanan.katalog.sop_yaml.skema import (
    FORMAT,
    KOLOM_LAYANAN,
    KOLOM_STANDAR,
    KOLOM_SURAT,
)
from layanan.katalog.sop_yaml.surat import ekspor_templat
from layanan.models import (
    HasilAkhir,
    Langkah,
    Layanan,
    SifatBerkas,
)
from layanan.models.sop import baris


# ---------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------
class _Dumper(yaml.SafeDumper):
    """A SafeDumper of our own, so the multi-line representer stays out of PyYAML's global one."""


def _str_representer(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    # Multi-line text reads best as a literal block.
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str_representer)


def _nilai_ekspor(obj: Any, field: str, kind: str) -> Any:
    nilai = getattr(obj, field)
    if kind == "daftar":
        return baris(nilai) or None
    if kind == "bool":
        return nilai
    if kind == "bendera":
        return True if nilai else None
    return nilai if nilai not in ("", None) else None


def _blok(obj: Any, kolom: list[tuple[str, str, str]]) -> dict[str, Any]:
    data = {}
    for kunci, field, kind in kolom:
        nilai = _nilai_ekspor(obj, field, kind)
        if nilai is not None:
            data[kunci] = nilai
    return data


def _cabang_ekspor(nomor: int | None, hasil: HasilAkhir | None) -> int | str | None:
    return nomor if nomor is not None else (hasil.kode if hasil else None)


def _langkah_ekspor(langkah: Langkah) -> dict[str, Any]:
    data: dict[str, Any] = {
        "nomor": langkah.nomor,
        "kegiatan": langkah.kegiatan,
        "pelaksana": langkah.peran.kode,
        "jenis": langkah.jenis,
        "fungsi": langkah.fungsi or None,
        "paraf": [p.peran.kode for p in langkah.paraf.all()] or None,
        "kelengkapan": langkah.kelengkapan or None,
        "waktu": f"{langkah.waktu_nilai} {langkah.waktu_satuan}" if langkah.menit else None,
        "output": langkah.output or None,
        "keterangan": langkah.keterangan or None,
        "lanjut": _cabang_ekspor(langkah.lanjut_nomor, langkah.lanjut_hasil),
        "tidak": _cabang_ekspor(langkah.tidak_nomor, langkah.tidak_hasil),
    }
    return {k: v for k, v in data.items() if v is not None}


def sop_ke_data(layanan: Layanan) -> dict[str, Any]:
    """The service as plain data in the documented key order."""
    data: dict[str, Any] = {"format": FORMAT, "kode": layanan.kode}
    data.update(_blok(layanan, KOLOM_LAYANAN))
    if blok := _blok(layanan, KOLOM_STANDAR):
        data["standar"] = blok
    if blok := {**_blok(layanan, KOLOM_SURAT), **ekspor_templat(layanan)}:
        data["surat"] = blok
    kategori = [{"kode": k.kode, "nama": k.nama} for k in layanan.kategori.all()]
    berkas = [
        {
            k: v
            for k, v in {
                "nama": b.nama,
                "sifat": b.sifat if b.sifat != SifatBerkas.WAJIB else None,
                "kategori": b.kategori.kode if b.kategori else None,
                "keterangan": b.keterangan or None,
            }.items()
            if v is not None
        }
        for b in layanan.berkas.select_related("kategori")
    ]
    isian = [
        {
            k: v
            for k, v in {
                "kode": i.kode,
                "label": i.label,
                "tipe": i.tipe,
                "wajib": i.wajib,
                "pilihan": baris(i.pilihan) or None,
                "bantuan": i.bantuan or None,
            }.items()
            if v is not None
        }
        for i in layanan.isian.all()
    ]
    hasil = [{"kode": h.kode, "nama": h.nama, "jenis": h.jenis} for h in layanan.hasil.all()]
    langkah_qs = layanan.langkah.select_related("peran", "lanjut_hasil", "tidak_hasil")
    langkah = [_langkah_ekspor(s) for s in langkah_qs.prefetch_related("paraf__peran")]
    for kunci, daftar in (
        ("kategori", kategori),
        ("berkas", berkas),
        ("isian", isian),
        ("hasil", hasil),
        ("langkah", langkah),
    ):
        if daftar:
            data[kunci] = daftar
    return data


def ekspor_sop(layanan: Layanan) -> str:
    return yaml.dump(
        sop_ke_data(layanan),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1000,
    )
