"""Reads an SOP YAML file as an office administrator may write it, which is hostile input: plain
YAML only (no aliases, at most 1 MB, nested a few levels), every value's line kept, and a
reader that turns values into model fields collecting each problem with its line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from layanan.katalog.sop_yaml.skema import POLA_KODE
from layanan.models import Kantor, Peran

BATAS_UKURAN = 1024 * 1024  # an SOP with its letters is some tens of kB; this is not one
BATAS_KEDALAMAN = 12  # the format nests 4 levels deep


def ringkas(nilai: Any, batas: int = 60) -> str:
    """A value as a message quotes it: short, whatever was written."""
    teks = str(nilai)
    return teks if len(teks) <= batas else teks[: batas - 1] + "…"


@dataclass(frozen=True)
class KesalahanBaris:
    baris: int
    alasan: str

    def __str__(self) -> str:
        return _("line %(baris)s: %(alasan)s") % {"baris": self.baris, "alasan": self.alasan}


class SopImportError(Exception):
    """The file was refused whole; `kesalahan` says where and why."""

    def __init__(self, kesalahan: list[KesalahanBaris]):
        self.kesalahan = kesalahan
        super().__init__("\n".join(str(k) for k in kesalahan))


class Peta(dict):
    """A YAML mapping that remembers the line of itself and of each key."""

    baris: int = 0
    baris_kunci: dict[Any, int]  # keys as written: words, also numbers or dates

    def baris_dari(self, kunci: str) -> int:
        return self.baris_kunci.get(kunci, self.baris)


class _Loader(yaml.SafeLoader):
    """A SafeLoader of our own, so the line-keeping constructor stays out of PyYAML's global one.

    Aliases (*a) are refused: an SOP has no use for them, and a few nested ones make a file of
    some bytes into billions of values. Nesting deeper than the format does is refused too."""

    kedalaman = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, _("aliases (*name) are not allowed in an SOP file"), event.start_mark
            )
        self.kedalaman += 1
        try:
            if self.kedalaman > BATAS_KEDALAMAN:
                raise yaml.composer.ComposerError(
                    None, None, _("nested deeper than an SOP file is"), self.peek_event().start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self.kedalaman -= 1

    def construct_yaml_timestamp(self, node: Any) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            raise yaml.constructor.ConstructorError(
                None,
                None,
                _("'%(v)s' is not a date that exists") % {"v": ringkas(node.value)},
                node.start_mark,
            ) from None


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Peta:
    loader.flatten_mapping(node)
    peta = Peta()
    peta.baris = node.start_mark.line + 1
    peta.baris_kunci = {}
    for key_node, value_node in node.value:
        kunci = loader.construct_object(key_node, deep=True)
        if not isinstance(kunci, str | int | float | bool | dt.date) or kunci is None:
            raise yaml.constructor.ConstructorError(
                None, None, _("a key must be a plain word"), key_node.start_mark
            )
        if kunci in peta:
            raise yaml.constructor.ConstructorError(
                None, None, _("key '%(k)s' appears twice") % {"k": kunci}, key_node.start_mark
            )
        peta[kunci] = loader.construct_object(value_node, deep=True)
        peta.baris_kunci[kunci] = key_node.start_mark.line + 1
    return peta


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def baca_yaml(teks: str) -> Any:
    if len(teks) > BATAS_UKURAN:
        raise SopImportError(
            [KesalahanBaris(1, _("The file is larger than 1 MB; an SOP file is not."))]
        )
    try:
        return yaml.load(teks, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        baris_ke = mark.line + 1 if mark else 1
        alasan = _("not valid YAML: %(problem)s") % {"problem": exc.problem or exc.context}
        raise SopImportError([KesalahanBaris(baris_ke, alasan)]) from None
    except yaml.YAMLError as exc:
        raise SopImportError([KesalahanBaris(1, _("not valid YAML: %(e)s") % {"e": exc})]) from None


class Pembaca:
    """Turns parsed YAML into model instances, collecting every problem with its line.
    `peta_peran` reads the file's role codes as the office's (a copy from the catalogue)."""

    def __init__(self, kantor: Kantor, peta_peran: dict[str, str] | None = None):
        self.kantor = kantor
        self.kesalahan: list[KesalahanBaris] = []
        self.peran = {p.kode: p for p in Peran.objects.filter(kantor=kantor)}
        self.peta_peran = peta_peran or {}

    def salah(self, baris_ke: int, alasan: str) -> None:
        self.kesalahan.append(KesalahanBaris(baris_ke, alasan))

    def peta(self, data: Any, baris_ke: int, apa: str) -> Peta | None:
        if not isinstance(data, Peta):
            self.salah(baris_ke, _("%(apa)s must be a mapping of keys to values.") % {"apa": apa})
            return None
        return data

    def daftar_peta(self, induk: Peta, kunci: str) -> list[Peta]:
        nilai = induk.get(kunci)
        if nilai is None:
            return []
        if not isinstance(nilai, list):
            self.salah(induk.baris_dari(kunci), _("'%(k)s' must be a list.") % {"k": kunci})
            return []
        hasil = []
        for item in nilai:
            peta = self.peta(item, induk.baris_dari(kunci), kunci)
            if peta is not None:
                hasil.append(peta)
        return hasil

    def kunci_dikenal(self, peta: Peta, dikenal: set[str]) -> None:
        for kunci in peta:
            if kunci not in dikenal:
                self.salah(peta.baris_dari(kunci), _("unknown key '%(k)s'.") % {"k": kunci})

    def wajib(self, peta: Peta, kunci: str) -> Any:
        nilai = peta.get(kunci)
        if nilai in (None, ""):
            self.salah(peta.baris, _("'%(k)s' is required.") % {"k": kunci})
        return nilai

    def pilihan(self, peta: Peta, kunci: str, choices: type, bawaan: str | None = None) -> str:
        nilai = peta.get(kunci, bawaan)
        sah = [c.value for c in choices]  # type: ignore[attr-defined]
        if nilai not in sah:
            self.salah(
                peta.baris_dari(kunci),
                _("'%(k)s' must be one of %(sah)s, not '%(v)s'.")
                % {"k": kunci, "sah": ", ".join(s for s in sah if s), "v": ringkas(nilai)},
            )
            return bawaan or sah[0]
        return str(nilai)

    def kode(self, peta: Peta, kunci: str = "kode") -> str:
        nilai = self.wajib(peta, kunci)
        if nilai is not None and (not POLA_KODE.match(str(nilai)) or len(str(nilai)) > 40):
            self.salah(
                peta.baris_dari(kunci),
                _("'%(v)s' is not a valid code (lowercase letters, digits, - and _; at most 40).")
                % {"v": ringkas(nilai)},
            )
        return str(nilai or "")

    def isi_kolom(self, obj: Any, peta: Peta, kolom: list[tuple[str, str, str]]) -> None:
        for kunci, field, kind in kolom:
            nilai = peta.get(kunci)
            baris_ke = peta.baris_dari(kunci)
            setattr(obj, field, self.ubah_nilai(nilai, kind, baris_ke, kunci, obj, field))

    def ubah_nilai(
        self, nilai: Any, kind: str, baris_ke: int, kunci: str, obj: Any, field: str
    ) -> Any:
        kosong = obj._meta.get_field(field).get_default()
        if nilai is None:
            return kosong
        if kind == "daftar":
            if not isinstance(nilai, list) or any(isinstance(v, dict | list) for v in nilai):
                self.salah(baris_ke, _("'%(k)s' must be a list of texts.") % {"k": kunci})
                return kosong
            return "\n".join(str(v).strip() for v in nilai)
        if kind == "tanggal":
            if not isinstance(nilai, dt.date):
                self.salah(baris_ke, _("'%(k)s' must be a date written YYYY-MM-DD.") % {"k": kunci})
                return None
            return nilai
        if kind == "bool":
            if not isinstance(nilai, bool):
                self.salah(baris_ke, _("'%(k)s' must be true or false.") % {"k": kunci})
                return kosong
            return nilai
        if kind == "angka":
            if not isinstance(nilai, int) or isinstance(nilai, bool) or nilai < 0:
                self.salah(baris_ke, _("'%(k)s' must be a whole number.") % {"k": kunci})
                return None
            return nilai
        if isinstance(nilai, dict | list):
            self.salah(baris_ke, _("'%(k)s' must be a text.") % {"k": kunci})
            return kosong
        return str(nilai)

    def cari_peran(self, kode: Any, baris_ke: int) -> Peran | None:
        kode = self.peta_peran.get(str(kode), kode)
        peran = self.peran.get(str(kode))
        if peran is None:
            self.salah(
                baris_ke,
                _("role '%(r)s' does not exist in %(kantor)s (roles: %(ada)s).")
                % {"r": ringkas(kode), "kantor": self.kantor, "ada": ", ".join(sorted(self.peran))},
            )
        return peran


def periksa_model(
    pembaca: Pembaca, obj: Any, baris_ke: int, exclude: list[str], wajib: tuple[str, ...] = ()
) -> None:
    """The model's own checks (lengths, ranges, choices); `wajib`: fields whose absence the reader
    already reported as a missing key."""
    try:
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for field, daftar in exc.error_dict.items():
            for e in daftar:
                if field in wajib and e.code == "blank":
                    continue
                pembaca.salah(baris_ke, f"{field}: {' '.join(e.messages)}")
