"""Reads an SOP YAML file: every line checked, all or nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from layanan.katalog.alur import Cabang, LangkahAlur, periksa_alur, periksa_surat
from layanan.katalog.sop_yaml.skema import (
    FORMAT,
    KOLOM_LAYANAN,
    KOLOM_STANDAR,
    KOLOM_SURAT,
    KUNCI_ATAS,
    KUNCI_BERKAS,
    KUNCI_HASIL,
    KUNCI_ISIAN,
    KUNCI_KATEGORI,
    KUNCI_LANGKAH,
    POLA_KODE,
    POLA_WAKTU,
)
from layanan.models import (
    FungsiLangkah,
    HasilAkhir,
    JenisDokumen,
    JenisHasil,
    JenisLangkah,
    Kantor,
    KategoriPemohon,
    KolomIsian,
    Langkah,
    Layanan,
    ParafLangkah,
    Peran,
    PersyaratanBerkas,
    SatuanWaktu,
    SifatBerkas,
    StatusLayanan,
    TipeIsian,
)


# ---------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------
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
    baris_kunci: dict[str, int]

    def baris_dari(self, kunci: str) -> int:
        return self.baris_kunci.get(kunci, self.baris)


class _Loader(yaml.SafeLoader):
    """A SafeLoader of our own, so the line-keeping constructor stays out of PyYAML's global one."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Peta:
    loader.flatten_mapping(node)
    peta = Peta()
    peta.baris = node.start_mark.line + 1
    peta.baris_kunci = {}
    for key_node, value_node in node.value:
        kunci = loader.construct_object(key_node, deep=True)
        if kunci in peta:
            raise yaml.constructor.ConstructorError(
                None, None, _("key '%(k)s' appears twice") % {"k": kunci}, key_node.start_mark
            )
        peta[kunci] = loader.construct_object(value_node, deep=True)
        peta.baris_kunci[kunci] = key_node.start_mark.line + 1
    return peta


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def baca_yaml(teks: str) -> Any:
    try:
        return yaml.load(teks, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        baris_ke = mark.line + 1 if mark else 1
        alasan = _("not valid YAML: %(problem)s") % {"problem": exc.problem or exc.context}
        raise SopImportError([KesalahanBaris(baris_ke, alasan)]) from None
    except yaml.YAMLError as exc:
        raise SopImportError([KesalahanBaris(1, _("not valid YAML: %(e)s") % {"e": exc})]) from None


class _Pembaca:
    """Turns parsed YAML into model instances, collecting every problem with its line."""

    def __init__(self, kantor: Kantor):
        self.kantor = kantor
        self.kesalahan: list[KesalahanBaris] = []
        self.peran = {p.kode: p for p in Peran.objects.filter(kantor=kantor)}

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
                % {"k": kunci, "sah": ", ".join(s for s in sah if s), "v": nilai},
            )
            return bawaan or sah[0]
        return str(nilai)

    def kode(self, peta: Peta, kunci: str = "kode") -> str:
        nilai = self.wajib(peta, kunci)
        if nilai is not None and not POLA_KODE.match(str(nilai)):
            self.salah(
                peta.baris_dari(kunci),
                _("'%(v)s' is not a valid code (lowercase letters, digits, - and _).")
                % {"v": nilai},
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
        peran = self.peran.get(str(kode))
        if peran is None:
            self.salah(
                baris_ke,
                _("role '%(r)s' does not exist in %(kantor)s (roles: %(ada)s).")
                % {"r": kode, "kantor": self.kantor, "ada": ", ".join(sorted(self.peran))},
            )
        return peran


@dataclass
class _RencanaLangkah:
    langkah: Langkah
    paraf: list[Peran]
    lanjut: Any
    tidak: Any
    peta: Peta


@dataclass
class RencanaImpor:
    """Everything an import will write, checked, with nothing saved yet."""

    layanan: Layanan
    kategori: list[KategoriPemohon]
    berkas: list[tuple[PersyaratanBerkas, str | None]]
    isian: list[KolomIsian]
    hasil: list[HasilAkhir]
    langkah: list[_RencanaLangkah]


def _cabang(nilai: Any) -> Cabang:
    if nilai is None:
        return Cabang()
    if isinstance(nilai, int) and not isinstance(nilai, bool):
        return Cabang(nomor=nilai)
    return Cabang(hasil=str(nilai))


def _periksa_model(pembaca: _Pembaca, obj: Any, baris_ke: int, exclude: list[str]) -> None:
    try:
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for field, pesan in exc.message_dict.items():
            for p in pesan:
                pembaca.salah(baris_ke, f"{field}: {p}")


def rencanakan_impor(teks: str, *, kantor: Kantor, kode: str | None = None) -> RencanaImpor:
    """Parse and check a whole file; raise SopImportError listing every problem."""
    data = baca_yaml(teks)
    p = _Pembaca(kantor)
    akar = p.peta(data, 1, _("The file"))
    if akar is None:
        raise SopImportError(p.kesalahan)
    p.kunci_dikenal(akar, KUNCI_ATAS)
    if akar.get("format") != FORMAT:
        p.salah(akar.baris_dari("format"), _("'format' must be '%(f)s'.") % {"f": FORMAT})

    layanan = Layanan.objects.filter(kantor=kantor, kode=kode or str(akar.get("kode"))).first()
    layanan = layanan or Layanan(kantor=kantor)
    layanan.kode = kode or p.kode(akar)
    p.isi_kolom(layanan, akar, KOLOM_LAYANAN)
    for kunci, kolom in (("standar", KOLOM_STANDAR), ("surat", KOLOM_SURAT)):
        blok = akar.get(kunci, Peta())
        blok = p.peta(blok, akar.baris_dari(kunci), kunci)
        if blok is not None:
            blok.baris_kunci = getattr(blok, "baris_kunci", {})
            p.kunci_dikenal(blok, {k for k, _f, _t in kolom})
            p.isi_kolom(layanan, blok, kolom)
    p.pilihan(akar, "jenis_dokumen", JenisDokumen, JenisDokumen.SOP)
    _periksa_model(p, layanan, akar.baris, ["kantor", "kode"])

    kategori: list[KategoriPemohon] = []
    for item in p.daftar_peta(akar, "kategori"):
        p.kunci_dikenal(item, KUNCI_KATEGORI)
        kategori.append(
            KategoriPemohon(
                kode=p.kode(item), nama=str(p.wajib(item, "nama") or ""), urutan=len(kategori) + 1
            )
        )
    kode_kategori = {k.kode for k in kategori}

    berkas: list[tuple[PersyaratanBerkas, str | None]] = []
    for item in p.daftar_peta(akar, "berkas"):
        p.kunci_dikenal(item, KUNCI_BERKAS)
        kat = item.get("kategori")
        if kat is not None and kat not in kode_kategori:
            p.salah(
                item.baris_dari("kategori"),
                _("category '%(k)s' is not listed under 'kategori'.") % {"k": kat},
            )
        b = PersyaratanBerkas(
            urutan=len(berkas) + 1,
            nama=str(p.wajib(item, "nama") or ""),
            sifat=p.pilihan(item, "sifat", SifatBerkas, SifatBerkas.WAJIB),
            keterangan=str(item.get("keterangan") or ""),
        )
        berkas.append((b, kat))

    isian: list[KolomIsian] = []
    for item in p.daftar_peta(akar, "isian"):
        p.kunci_dikenal(item, KUNCI_ISIAN)
        kol = KolomIsian(
            urutan=len(isian) + 1,
            kode=p.kode(item),
            label=str(p.wajib(item, "label") or ""),
            tipe=p.pilihan(item, "tipe", TipeIsian, TipeIsian.TEKS),
            bantuan=str(item.get("bantuan") or ""),
        )
        kol.wajib = p.ubah_nilai(
            item.get("wajib", False), "bool", item.baris_dari("wajib"), "wajib", kol, "wajib"
        )
        kol.pilihan = p.ubah_nilai(
            item.get("pilihan"), "daftar", item.baris_dari("pilihan"), "pilihan", kol, "pilihan"
        )
        if kol.tipe == TipeIsian.PILIHAN and not kol.pilihan:
            p.salah(item.baris, _("choice field '%(k)s' needs 'pilihan'.") % {"k": kol.kode})
        isian.append(kol)

    hasil = []
    for item in p.daftar_peta(akar, "hasil"):
        p.kunci_dikenal(item, KUNCI_HASIL)
        hasil.append(
            HasilAkhir(
                kode=p.kode(item),
                nama=str(p.wajib(item, "nama") or ""),
                jenis=p.pilihan(item, "jenis", JenisHasil, JenisHasil.SELESAI),
            )
        )

    langkah = [_baca_langkah(p, item) for item in p.daftar_peta(akar, "langkah")]
    for daftar, apa in ((kategori, "kategori"), (isian, "isian"), (hasil, "hasil")):
        kode_list = [x.kode for x in daftar]
        for k in {k for k in kode_list if kode_list.count(k) > 1}:
            p.salah(
                akar.baris_dari(apa),
                _("code '%(k)s' appears twice in '%(apa)s'.") % {"k": k, "apa": apa},
            )

    if not p.kesalahan:
        peta_langkah = {r.langkah.nomor: r.peta for r in langkah}
        alur = [
            LangkahAlur(
                r.langkah.nomor,
                r.langkah.jenis,
                _cabang(r.lanjut),
                _cabang(r.tidak),
                ada_paraf=bool(r.paraf),
            )
            for r in langkah
        ]
        masalah_alur = periksa_alur(alur, [h.kode for h in hasil])
        if layanan.pk and layanan.status != StatusLayanan.DRAF:
            # An active service replaced stays sound: its letter as well as its flow.
            varian = layanan.templat_surat.filter(hasil=None).values_list("varian", flat=True)
            masalah_alur += periksa_surat(alur, varian, tanpa_surat=layanan.tanpa_surat)
        for masalah in masalah_alur:
            peta = peta_langkah.get(masalah.nomor) if masalah.nomor is not None else None
            if peta is None:
                baris_ke = akar.baris_dari("langkah")
            else:
                baris_ke = peta.baris_dari(masalah.cabang) if masalah.cabang else peta.baris
            p.salah(baris_ke, masalah.pesan)
    if p.kesalahan:
        raise SopImportError(sorted(p.kesalahan, key=lambda k: k.baris))
    return RencanaImpor(layanan, kategori, berkas, isian, hasil, langkah)


def _baca_langkah(p: _Pembaca, item: Peta) -> _RencanaLangkah:
    p.kunci_dikenal(item, KUNCI_LANGKAH)
    nomor = item.get("nomor")
    if not isinstance(nomor, int) or isinstance(nomor, bool) or nomor < 1:
        p.salah(item.baris_dari("nomor"), _("'nomor' must be a whole number from 1."))
        nomor = 0
    peran = p.cari_peran(p.wajib(item, "pelaksana"), item.baris_dari("pelaksana"))
    langkah = Langkah(
        nomor=nomor,
        kegiatan=str(p.wajib(item, "kegiatan") or ""),
        jenis=p.pilihan(item, "jenis", JenisLangkah, JenisLangkah.AKSI),
        fungsi=p.pilihan(item, "fungsi", FungsiLangkah, FungsiLangkah.UMUM),
    )
    if peran is not None:
        langkah.peran = peran
    for kunci in ("kelengkapan", "output", "keterangan"):
        setattr(
            langkah,
            kunci,
            p.ubah_nilai(item.get(kunci), "teks", item.baris_dari(kunci), kunci, langkah, kunci),
        )
    waktu = item.get("waktu")
    if waktu is not None:
        cocok = POLA_WAKTU.match(str(waktu))
        if cocok:
            langkah.waktu_nilai = int(cocok.group(1))
            langkah.waktu_satuan = SatuanWaktu(cocok.group(2).lower().replace(" ", "_"))
        else:
            p.salah(
                item.baris_dari("waktu"),
                _("'waktu' must read like '30 menit', '2 jam' or '1 hari_kerja'."),
            )
    paraf = []
    daftar_paraf = item.get("paraf") or []
    if not isinstance(daftar_paraf, list):
        p.salah(item.baris_dari("paraf"), _("'paraf' must be a list of role codes."))
        daftar_paraf = []
    for kode in daftar_paraf:
        if (peran_paraf := p.cari_peran(kode, item.baris_dari("paraf"))) is not None:
            paraf.append(peran_paraf)
    for kunci in ("lanjut", "tidak"):
        nilai = item.get(kunci)
        if (nilai is not None and not isinstance(nilai, int | str)) or isinstance(nilai, bool):
            p.salah(
                item.baris_dari(kunci),
                _("'%(k)s' must be a step number or an outcome code.") % {"k": kunci},
            )
    return _RencanaLangkah(langkah, paraf, item.get("lanjut"), item.get("tidak"), item)


@transaction.atomic
def impor_sop(teks: str, *, kantor: Kantor, kode: str | None = None) -> Layanan:
    """Create or replace one service of `kantor` from YAML; nothing is written if any check fails."""
    rencana = rencanakan_impor(teks, kantor=kantor, kode=kode)
    layanan = rencana.layanan
    layanan.save()
    # Replace the configuration wholesale: steps first, since they point at outcomes.
    layanan.langkah.all().delete()
    for relasi in (layanan.berkas, layanan.kategori, layanan.isian, layanan.hasil):
        relasi.all().delete()
    anak: list[KategoriPemohon | KolomIsian | HasilAkhir] = [
        *rencana.kategori,
        *rencana.isian,
        *rencana.hasil,
    ]
    for obj in anak:
        obj.layanan = layanan
        obj.save()
    kategori = {k.kode: k for k in rencana.kategori}
    for berkas, kode_kategori in rencana.berkas:
        berkas.layanan = layanan
        berkas.kategori = kategori.get(kode_kategori) if kode_kategori else None
        berkas.save()
    hasil = {h.kode: h for h in rencana.hasil}
    for r in rencana.langkah:
        s = r.langkah
        s.layanan = layanan
        s.lanjut_nomor, s.lanjut_hasil = _tujuan_model(r.lanjut, hasil)
        s.tidak_nomor, s.tidak_hasil = _tujuan_model(r.tidak, hasil)
        s.save()
        for urutan, peran in enumerate(r.paraf, start=1):
            ParafLangkah.objects.create(langkah=s, peran=peran, urutan=urutan)
    return layanan


def _tujuan_model(nilai: Any, hasil: dict[str, HasilAkhir]) -> tuple[int | None, HasilAkhir | None]:
    cabang = _cabang(nilai)
    return cabang.nomor, (hasil[cabang.hasil] if cabang.hasil else None)
