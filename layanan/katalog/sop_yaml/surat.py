"""The letter of an SOP file: its templates per DTKS result and the notices of an outcome that
issues no letter (TemplatSurat), read and checked like the rest, written with the service, and
each body checked in the letter sandbox as an administrator's template is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from layanan.katalog.sop_yaml.baca import KesalahanBaris, Pembaca, Peta, periksa_model, ringkas
from layanan.katalog.sop_yaml.skema import KOLOM_TEMPLAT, KUNCI_PEMBERITAHUAN, KUNCI_TEMPLAT
from layanan.models import BentukIsi, HasilAkhir, Layanan, TemplatSurat, VarianSurat
from layanan.models.sop import baris
from layanan.surat.konsep import periksa_templat, sumber_templat
from layanan.surat.pratinjau import konteks_contoh

URUTAN_VARIAN = [v.value for v in VarianSurat]


@dataclass
class RencanaTemplat:
    """One template of the file, not saved yet: a letter (by variant) or a notice (by outcome)."""

    templat: TemplatSurat
    hasil: str | None
    peta: Peta


def ekspor_templat(layanan: Layanan) -> dict[str, Any]:
    """The `templat` and `pemberitahuan` lists of the file's `surat` block (left out if empty)."""
    semua = list(TemplatSurat.objects.filter(layanan=layanan).select_related("hasil"))
    surat = sorted(
        (t for t in semua if t.hasil is None), key=lambda t: URUTAN_VARIAN.index(t.varian)
    )
    pemberitahuan = sorted((t for t in semua if t.hasil is not None), key=lambda t: t.hasil_id or 0)
    data: dict[str, Any] = {}
    if surat:
        data["templat"] = [{"varian": t.varian or None, **_kolom(t)} for t in surat]
    if pemberitahuan:
        data["pemberitahuan"] = [
            {"hasil": t.hasil.kode if t.hasil else None, **_kolom(t)} for t in pemberitahuan
        ]
    return {
        kunci: [{k: v for k, v in item.items() if v is not None} for item in daftar]
        for kunci, daftar in data.items()
    }


def _kolom(t: TemplatSurat) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for kunci, field, kind in KOLOM_TEMPLAT:
        if kunci == "isi":
            data["bentuk"] = t.bentuk  # always written: a file without it is read as HTML
        nilai = getattr(t, field)
        data[kunci] = (
            (baris(nilai) or None) if kind == "daftar" else (nilai if nilai != "" else None)
        )
    return data


def baca_templat(p: Pembaca, blok: Peta | None, kode_hasil: set[str]) -> list[RencanaTemplat]:
    """The letter templates and notices of the `surat` block, every problem with its line."""
    if blok is None:
        return []
    rencana = []
    for item in p.daftar_peta(blok, "templat"):
        p.kunci_dikenal(item, KUNCI_TEMPLAT)
        t = TemplatSurat(varian=p.pilihan(item, "varian", VarianSurat, VarianSurat.UMUM))
        rencana.append(RencanaTemplat(_isi(p, t, item), None, item))
    for item in p.daftar_peta(blok, "pemberitahuan"):
        p.kunci_dikenal(item, KUNCI_PEMBERITAHUAN)
        kode = p.wajib(item, "hasil")
        if kode is not None and str(kode) not in kode_hasil:
            p.salah(
                item.baris_dari("hasil"),
                _("outcome '%(k)s' of a notice is not listed under 'hasil'.")
                % {"k": ringkas(kode)},
            )
        rencana.append(RencanaTemplat(_isi(p, TemplatSurat(), item), str(kode or ""), item))
    dilihat: set[tuple[str, str]] = set()
    for r in rencana:  # one letter template per variant, one notice per outcome
        kunci = ("pemberitahuan", r.hasil) if r.hasil is not None else ("templat", r.templat.varian)
        if kunci in dilihat:
            p.salah(
                r.peta.baris,
                _("a second '%(apa)s' for '%(v)s'.")
                % {"apa": kunci[0], "v": kunci[1] or _("every application")},
            )
        dilihat.add(kunci)
    return rencana


def _isi(p: Pembaca, t: TemplatSurat, item: Peta) -> TemplatSurat:
    p.isi_kolom(t, item, KOLOM_TEMPLAT)
    # A file written before plain paragraphs existed holds HTML.
    t.bentuk = p.pilihan(item, "bentuk", BentukIsi, BentukIsi.HTML)
    for kunci in ("judul", "isi"):
        p.wajib(item, kunci)
    periksa_model(p, t, item.baris, ["layanan", "hasil"], wajib=("judul", "isi"))
    return t


def tulis_templat(
    layanan: Layanan, rencana: list[RencanaTemplat], hasil: dict[str, HasilAkhir]
) -> None:
    """The service's templates become the file's: kept ones updated in place, others removed."""
    ada = {(t.varian, t.hasil_id): t for t in TemplatSurat.objects.filter(layanan=layanan)}
    dipakai = set()
    for r in rencana:
        h = hasil[r.hasil] if r.hasil else None
        kunci = ("" if h else r.templat.varian, h.pk if h else None)
        obj = ada.get(kunci) or TemplatSurat(layanan=layanan, hasil=h, varian=kunci[0])
        for _kunci, field, _kind in KOLOM_TEMPLAT:
            setattr(obj, field, getattr(r.templat, field))
        obj.bentuk = r.templat.bentuk
        obj.save()
        dipakai.add(kunci)
    for kunci, t in ada.items():
        if kunci not in dipakai:
            t.delete()


def periksa_isi(layanan: Layanan, rencana: list[RencanaTemplat]) -> list[KesalahanBaris]:
    """Each body in the letter sandbox, against the variables of the service as just written
    (its fields, its signer): a tag, filter or variable the sandbox refuses is the file's fault."""
    return [
        KesalahanBaris(r.peta.baris_dari("isi"), _("letter template: %(e)s") % {"e": e})
        for r in rencana
        for e in periksa_templat(
            sumber_templat(r.templat), konteks_contoh(layanan, varian=r.templat.varian)
        )
    ]
