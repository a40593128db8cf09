"""Imports an SOP YAML file: every line checked, all or nothing. The service's outcomes, categories
and letter templates are updated in place by their codes, so applications that ended with an
outcome (or may still) keep pointing at it; its steps, documents and fields are rewritten."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from layanan.katalog.alur import Cabang, LangkahAlur, periksa_alur, periksa_surat
from layanan.katalog.sop_yaml import surat
from layanan.katalog.sop_yaml.baca import (
    Pembaca,
    Peta,
    SopImportError,
    baca_yaml,
    periksa_model,
    ringkas,
)
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
    KUNCI_SURAT,
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
    Permohonan,
    PersyaratanBerkas,
    SatuanWaktu,
    SifatBerkas,
    StatusLayanan,
    StatusPermohonan,
    TipeIsian,
)

BATAS_NOMOR = 32767  # a step number is a small integer


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
    templat: list[surat.RencanaTemplat]


def _cabang(nilai: Any) -> Cabang:
    if nilai is None:
        return Cabang()
    if isinstance(nilai, int) and not isinstance(nilai, bool):
        return Cabang(nomor=nilai)
    return Cabang(hasil=str(nilai))


def _teks(p: Pembaca, item: Peta, obj: Any, kunci: str, field: str | None = None) -> str:
    return p.ubah_nilai(item.get(kunci), "teks", item.baris_dari(kunci), kunci, obj, field or kunci)


def rencanakan_impor(
    teks: str,
    *,
    kantor: Kantor,
    kode: str | None = None,
    peta_peran: dict[str, str] | None = None,
    hanya_baru: bool = False,
) -> RencanaImpor:
    """Parse and check a whole file; raise SopImportError listing every problem. `peta_peran`
    reads the file's role codes as the office's; `hanya_baru` refuses to replace a service."""
    data = baca_yaml(teks)
    p = Pembaca(kantor, peta_peran)
    akar = p.peta(data, 1, _("The file"))
    if akar is None:
        raise SopImportError(p.kesalahan)
    p.kunci_dikenal(akar, KUNCI_ATAS)
    if akar.get("format") != FORMAT:
        p.salah(akar.baris_dari("format"), _("'format' must be '%(f)s'.") % {"f": FORMAT})

    layanan = _layanan(p, akar, kantor, kode, hanya_baru)
    blok_surat = None
    for kunci, kolom, dikenal in (
        ("standar", KOLOM_STANDAR, {k for k, _f, _t in KOLOM_STANDAR}),
        ("surat", KOLOM_SURAT, KUNCI_SURAT),
    ):
        blok = p.peta(akar.get(kunci, Peta()), akar.baris_dari(kunci), kunci)
        if blok is not None:
            blok.baris_kunci = getattr(blok, "baris_kunci", {})
            p.kunci_dikenal(blok, dikenal)
            p.isi_kolom(layanan, blok, kolom)
            blok_surat = blok if kunci == "surat" else blok_surat
    p.pilihan(akar, "jenis_dokumen", JenisDokumen, JenisDokumen.SOP)
    periksa_model(p, layanan, akar.baris, ["kantor", "kode", "status"])

    kategori = _baca_kategori(p, akar)
    berkas = _baca_berkas(p, akar, {k.kode for k in kategori})
    isian = _baca_isian(p, akar)
    hasil = _baca_hasil(p, akar)
    langkah = [_baca_langkah(p, item) for item in p.daftar_peta(akar, "langkah")]
    templat = surat.baca_templat(p, blok_surat, {h.kode for h in hasil})
    for daftar, apa in ((kategori, "kategori"), (isian, "isian"), (hasil, "hasil")):
        kode_list = [x.kode for x in daftar]
        for k in sorted({k for k in kode_list if kode_list.count(k) > 1}):
            p.salah(
                akar.baris_dari(apa),
                _("code '%(k)s' appears twice in '%(apa)s'.") % {"k": k, "apa": apa},
            )
    if layanan.pk:
        _periksa_yang_dibuang(p, akar, layanan, kategori, hasil)
    if not p.kesalahan:
        _periksa_alur(p, akar, layanan, langkah, hasil, templat)
    if p.kesalahan:
        raise SopImportError(sorted(p.kesalahan, key=lambda k: k.baris))
    return RencanaImpor(layanan, kategori, berkas, isian, hasil, langkah, templat)


def _layanan(p: Pembaca, akar: Peta, kantor: Kantor, kode: str | None, hanya_baru: bool) -> Layanan:
    if kode is None:
        kode = p.kode(akar)
    elif not POLA_KODE.match(kode) or len(kode) > 40:
        p.salah(
            1,
            _("'%(v)s' is not a valid code (lowercase letters, digits, - and _; at most 40).")
            % {"v": ringkas(kode)},
        )
    layanan = Layanan.objects.filter(kantor=kantor, kode=kode).first()
    if layanan is not None and hanya_baru:
        p.salah(
            akar.baris_dari("kode"),
            _("%(kantor)s already has a service with code '%(k)s'.")
            % {"kantor": kantor, "k": ringkas(kode)},
        )
    layanan = layanan or Layanan(kantor=kantor)
    layanan.kode = kode
    p.isi_kolom(layanan, akar, KOLOM_LAYANAN)
    return layanan


def _baca_kategori(p: Pembaca, akar: Peta) -> list[KategoriPemohon]:
    kategori: list[KategoriPemohon] = []
    for item in p.daftar_peta(akar, "kategori"):
        p.kunci_dikenal(item, KUNCI_KATEGORI)
        k = KategoriPemohon(kode=p.kode(item), urutan=len(kategori) + 1)
        k.nama = _teks(p, item, k, "nama")
        p.wajib(item, "nama")
        periksa_model(p, k, item.baris, ["layanan", "kode"], wajib=("nama",))
        kategori.append(k)
    return kategori


def _baca_berkas(
    p: Pembaca, akar: Peta, kode_kategori: set[str]
) -> list[tuple[PersyaratanBerkas, str | None]]:
    berkas: list[tuple[PersyaratanBerkas, str | None]] = []
    for item in p.daftar_peta(akar, "berkas"):
        p.kunci_dikenal(item, KUNCI_BERKAS)
        b = PersyaratanBerkas(
            urutan=len(berkas) + 1, sifat=p.pilihan(item, "sifat", SifatBerkas, SifatBerkas.WAJIB)
        )
        b.nama = _teks(p, item, b, "nama")
        b.keterangan = _teks(p, item, b, "keterangan")
        p.wajib(item, "nama")
        kat = item.get("kategori")
        if kat is not None and (isinstance(kat, dict | list) or str(kat) not in kode_kategori):
            p.salah(
                item.baris_dari("kategori"),
                _("category '%(k)s' is not listed under 'kategori'.") % {"k": ringkas(kat)},
            )
        periksa_model(p, b, item.baris, ["layanan", "kategori"], wajib=("nama",))
        berkas.append((b, None if kat is None else str(kat)))
    return berkas


def _baca_isian(p: Pembaca, akar: Peta) -> list[KolomIsian]:
    isian: list[KolomIsian] = []
    for item in p.daftar_peta(akar, "isian"):
        p.kunci_dikenal(item, KUNCI_ISIAN)
        kol = KolomIsian(
            urutan=len(isian) + 1,
            kode=p.kode(item),
            tipe=p.pilihan(item, "tipe", TipeIsian, TipeIsian.TEKS),
        )
        kol.label = _teks(p, item, kol, "label")
        kol.bantuan = _teks(p, item, kol, "bantuan")
        p.wajib(item, "label")
        kol.wajib = p.ubah_nilai(
            item.get("wajib", False), "bool", item.baris_dari("wajib"), "wajib", kol, "wajib"
        )
        kol.pilihan = p.ubah_nilai(
            item.get("pilihan"), "daftar", item.baris_dari("pilihan"), "pilihan", kol, "pilihan"
        )
        if kol.tipe == TipeIsian.PILIHAN and not kol.pilihan:
            p.salah(item.baris, _("choice field '%(k)s' needs 'pilihan'.") % {"k": kol.kode})
        periksa_model(p, kol, item.baris, ["layanan", "kode"], wajib=("label",))
        isian.append(kol)
    return isian


def _baca_hasil(p: Pembaca, akar: Peta) -> list[HasilAkhir]:
    hasil = []
    for item in p.daftar_peta(akar, "hasil"):
        p.kunci_dikenal(item, KUNCI_HASIL)
        h = HasilAkhir(
            kode=p.kode(item), jenis=p.pilihan(item, "jenis", JenisHasil, JenisHasil.SELESAI)
        )
        h.nama = _teks(p, item, h, "nama")
        p.wajib(item, "nama")
        periksa_model(p, h, item.baris, ["layanan", "kode"], wajib=("nama",))
        hasil.append(h)
    return hasil


def _periksa_yang_dibuang(
    p: Pembaca,
    akar: Peta,
    layanan: Layanan,
    kategori: list[KategoriPemohon],
    hasil: list[HasilAkhir],
) -> None:
    """A service replaced keeps the outcomes and categories its applications name: one the file
    leaves out may go only if no application ended with it, chose it, or may still end with it."""
    tetap = {h.kode for h in hasil}
    berjalan = Permohonan.objects.filter(
        layanan=layanan, status__in=(StatusPermohonan.BARU, StatusPermohonan.DITERIMA)
    ).values_list("alur", flat=True)
    di_alur = {
        (c or {}).get("hasil_id")
        for alur in berjalan
        for s in (alur or {}).get("langkah", [])
        for c in (s.get("lanjut"), s.get("tidak"))
    }
    for h in layanan.hasil.exclude(kode__in=tetap):
        if h.pk in di_alur or Permohonan.objects.filter(hasil=h).exists():
            p.salah(
                akar.baris_dari("hasil"),
                _(
                    "outcome '%(k)s' is left out, but applications ended or may end with it: keep it."
                )
                % {"k": h.kode},
            )
    for k in layanan.kategori.exclude(kode__in={k.kode for k in kategori}):
        if Permohonan.objects.filter(kategori=k).exists():
            p.salah(
                akar.baris_dari("kategori"),
                _("category '%(k)s' is left out, but applications were made in it: keep it.")
                % {"k": k.kode},
            )


def _periksa_alur(
    p: Pembaca,
    akar: Peta,
    layanan: Layanan,
    langkah: list[_RencanaLangkah],
    hasil: list[HasilAkhir],
    templat: list[surat.RencanaTemplat],
) -> None:
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
        varian = [t.templat.varian for t in templat if t.hasil is None]
        masalah_alur += periksa_surat(alur, varian, tanpa_surat=layanan.tanpa_surat)
    for masalah in masalah_alur:
        peta = peta_langkah.get(masalah.nomor) if masalah.nomor is not None else None
        if peta is None:
            baris_ke = akar.baris_dari("langkah")
        else:
            baris_ke = peta.baris_dari(masalah.cabang) if masalah.cabang else peta.baris
        p.salah(baris_ke, masalah.pesan)


def _baca_langkah(p: Pembaca, item: Peta) -> _RencanaLangkah:
    p.kunci_dikenal(item, KUNCI_LANGKAH)
    nomor = item.get("nomor")
    if not isinstance(nomor, int) or isinstance(nomor, bool) or not 1 <= nomor <= BATAS_NOMOR:
        p.salah(item.baris_dari("nomor"), _("'nomor' must be a whole number from 1."))
        nomor = 0
    peran = p.cari_peran(p.wajib(item, "pelaksana"), item.baris_dari("pelaksana"))
    langkah = Langkah(
        nomor=nomor,
        jenis=p.pilihan(item, "jenis", JenisLangkah, JenisLangkah.AKSI),
        fungsi=p.pilihan(item, "fungsi", FungsiLangkah, FungsiLangkah.UMUM),
    )
    if peran is not None:
        langkah.peran = peran
    p.wajib(item, "kegiatan")
    for kunci in ("kegiatan", "kelengkapan", "output", "keterangan"):
        setattr(langkah, kunci, _teks(p, item, langkah, kunci))
    waktu = item.get("waktu")
    if waktu is not None:
        cocok = POLA_WAKTU.match(ringkas(waktu))
        if cocok and int(cocok.group(1)) <= BATAS_NOMOR:
            langkah.waktu_nilai = int(cocok.group(1))
            langkah.waktu_satuan = SatuanWaktu(cocok.group(2).lower().replace(" ", "_"))
        else:
            p.salah(
                item.baris_dari("waktu"),
                _("'waktu' must read like '30 menit', '2 jam' or '1 hari_kerja'."),
            )
    periksa_model(
        p, langkah, item.baris, ["layanan", "peran", "lanjut_hasil", "tidak_hasil"], ("kegiatan",)
    )
    paraf = []
    daftar_paraf = item.get("paraf") or []
    if not isinstance(daftar_paraf, list):
        p.salah(item.baris_dari("paraf"), _("'paraf' must be a list of role codes."))
        daftar_paraf = []
    for kode in daftar_paraf:
        if (peran_paraf := p.cari_peran(kode, item.baris_dari("paraf"))) is not None:
            paraf.append(peran_paraf)
    if len({pp.pk for pp in paraf}) != len(paraf):
        p.salah(item.baris_dari("paraf"), _("a role initials only once in 'paraf'."))
    for kunci in ("lanjut", "tidak"):
        nilai = item.get(kunci)
        if (nilai is not None and not isinstance(nilai, int | str)) or isinstance(nilai, bool):
            p.salah(
                item.baris_dari(kunci),
                _("'%(k)s' must be a step number or an outcome code.") % {"k": kunci},
            )
    return _RencanaLangkah(langkah, paraf, item.get("lanjut"), item.get("tidak"), item)


@transaction.atomic
def impor_sop(
    teks: str,
    *,
    kantor: Kantor,
    kode: str | None = None,
    peta_peran: dict[str, str] | None = None,
    hanya_baru: bool = False,
) -> Layanan:
    """Create or replace one service of `kantor` from YAML; nothing is written if any check
    fails (the letter templates' sandbox check runs on the service as written, then undone)."""
    rencana = rencanakan_impor(
        teks, kantor=kantor, kode=kode, peta_peran=peta_peran, hanya_baru=hanya_baru
    )
    layanan = rencana.layanan
    layanan.save()
    # Steps first, since they point at outcomes.
    layanan.langkah.all().delete()
    layanan.berkas.all().delete()
    layanan.isian.all().delete()
    for kol in rencana.isian:
        kol.layanan = layanan
        kol.save()
    kategori = _tulis_per_kode(layanan, KategoriPemohon, rencana.kategori, ["nama", "urutan"])
    for berkas, kode_kategori in rencana.berkas:
        berkas.layanan = layanan
        berkas.kategori = kategori.get(kode_kategori) if kode_kategori else None
        berkas.save()
    hasil = _tulis_per_kode(layanan, HasilAkhir, rencana.hasil, ["nama", "jenis"])
    for r in rencana.langkah:
        s = r.langkah
        s.layanan = layanan
        s.lanjut_nomor, s.lanjut_hasil = _tujuan_model(r.lanjut, hasil)
        s.tidak_nomor, s.tidak_hasil = _tujuan_model(r.tidak, hasil)
        s.save()
        for urutan, peran in enumerate(r.paraf, start=1):
            ParafLangkah.objects.create(langkah=s, peran=peran, urutan=urutan)
    surat.tulis_templat(layanan, rencana.templat, hasil)
    if kesalahan := surat.periksa_isi(layanan, rencana.templat):
        raise SopImportError(kesalahan)  # the transaction undoes everything written above
    return layanan


def _tulis_per_kode(
    layanan: Layanan, model: type[KategoriPemohon | HasilAkhir], baru: list[Any], kolom: list[str]
) -> dict[str, Any]:
    """Rows matched by code are updated in place; those the file leaves out are removed (the
    plan made sure no application names them)."""
    ada = {o.kode: o for o in model.objects.filter(layanan=layanan)}
    hasil = {}
    for obj in baru:
        tujuan = ada.pop(obj.kode, None) or obj
        for field in kolom:
            setattr(tujuan, field, getattr(obj, field))
        tujuan.layanan = layanan
        tujuan.save()
        hasil[obj.kode] = tujuan
    for sisa in ada.values():
        sisa.delete()
    return hasil


def _tujuan_model(nilai: Any, hasil: dict[str, HasilAkhir]) -> tuple[int | None, HasilAkhir | None]:
    cabang = _cabang(nilai)
    return cabang.nomor, (hasil[cabang.hasil] if cabang.hasil else None)
