"""A letter template's preview on sample data that tells the truth: an applicant of the office's
own region, the service's own fields and DTKS persons, the official of the service's own
signature step with the initials before it, and the office's clock and date format. The same
sample checks a template before it is saved (layanan.surat.konsep.periksa_templat).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from layanan.loket import wilayah
from layanan.loket.services import FORMAT_NOMOR_REGISTRASI
from layanan.models import (
    JenisLangkah,
    KolomIsian,
    Langkah,
    Layanan,
    Pejabat,
    PenentuDtks,
    Pengguna,
    Peran,
    StatusDtks,
    TemplatSurat,
    TipeIsian,
    VarianSurat,
)
from layanan.surat.konsep import (
    MAKS_PARAF,
    data_penandatangan,
    konteks_dasar,
    nilai_isian,
    render_lembar,
    render_lembar_pemberitahuan,
)
from layanan.surat.variabel import subjek_dtks

TANGGAL_LAHIR = dt.date(1989, 1, 5)


def langkah_tanda_tangan(layanan: Layanan) -> Langkah | None:
    """The signature step of the service's current SOP (the first, as a draft names it)."""
    return (
        layanan.langkah.filter(jenis=JenisLangkah.TANDA_TANGAN)
        .select_related("peran")
        .order_by("nomor")
        .first()
    )


def penandatangan_layanan(layanan: Layanan) -> Pejabat | None:
    """The official who signs this service's letters: the holder of its signature step's role
    (a Kabid where the SOP says so, not always the Kadin)."""
    langkah = langkah_tanda_tangan(layanan)
    if langkah is None:
        return None
    return Pejabat.objects.filter(kantor=layanan.kantor, peran=langkah.peran, aktif=True).first()


def paraf_contoh(layanan: Layanan) -> list[dict[str, str]]:
    """The initials beside the signature: the roles that initial at the signature step (and the
    initialling steps right before it), each by the person who holds the role."""
    langkah = langkah_tanda_tangan(layanan)
    if langkah is None:
        return []
    peran: list[Peran] = []
    sebelum = layanan.langkah.filter(nomor__lt=langkah.nomor).select_related("peran")
    for s in sebelum.order_by("-nomor"):
        if s.jenis != JenisLangkah.PARAF:
            break
        peran.insert(0, s.peran)
    peran += [p.peran for p in langkah.paraf.select_related("peran")]
    return [{"peran": p.nama, "nama": _nama_pemegang(p)} for p in peran][:MAKS_PARAF]


def _nama_pemegang(peran: Peran) -> str:
    pejabat = Pejabat.objects.filter(peran=peran, aktif=True).first()
    if pejabat is not None:
        return pejabat.nama
    pengguna = Pengguna.objects.filter(peran=peran, is_active=True).order_by("id").first()
    return str(pengguna) if pengguna else "…"


@lru_cache(maxsize=64)
def _wilayah_contoh(kode_wilayah: str) -> tuple[str, str, str]:
    """A kecamatan of the office's kota/kabupaten (its NIK prefix and name) and a kelurahan of
    it; read once per process (the region list is long)."""
    kecamatan = wilayah.anak(kode_wilayah)[:1]
    if not kecamatan:
        return kode_wilayah.replace(".", "") + "01", "Contoh", "Contoh"
    kelurahan = wilayah.anak(kecamatan[0].kode)[:1]
    nama_kelurahan = kelurahan[0].nama if kelurahan else "Contoh"
    return kecamatan[0].kode_polos, kecamatan[0].nama, nama_kelurahan


def _pemohon_contoh(layanan: Layanan) -> dict[str, Any]:
    """A made-up applicant living in the office's own region (a NIK and KK of its kecamatan)."""
    kantor = layanan.kantor
    awalan, kecamatan, kelurahan = _wilayah_contoh(kantor.kode_wilayah)
    return {
        "nama": "Budi Contoh",
        "nik": f"{awalan}{TANGGAL_LAHIR:%d%m%y}0001",
        "tempat_lahir": kantor.nama_daerah,
        "tanggal_lahir": TANGGAL_LAHIR,
        "alamat": "Jl. Contoh No. 1",
        "rt": "001",
        "rw": "002",
        "kelurahan": kelurahan,
        "kecamatan": kecamatan,
        "kabupaten_kota": kantor.nama_daerah_lengkap,
        "_kk": f"{awalan}1203180004",
    }


def _isian_contoh(kolom: KolomIsian, awalan_nik: str, urutan: int) -> str:
    if kolom.tipe == TipeIsian.NIK:
        return f"{awalan_nik}450315{urutan + 1:04d}"  # a girl born on 5 March 2015
    if kolom.tipe == TipeIsian.TANGGAL:
        return nilai_isian(kolom, "2015-03-02")
    if kolom.tipe == TipeIsian.ANGKA:
        return "1"
    if kolom.tipe == TipeIsian.YA_TIDAK:
        return "ya"
    if kolom.daftar_pilihan:
        return nilai_isian(kolom, kolom.daftar_pilihan[0][0])
    return f"[{kolom.label}]"


def _status_contoh(layanan: Layanan, varian: str, subjek: list[str]) -> list[str]:
    """Each person's sample result, agreeing with the variant previewed: for "not registered",
    the person (or persons) whose result decides is not."""
    terdaftar = StatusDtks.TERDAFTAR.value
    if varian != VarianSurat.TIDAK_TERDAFTAR:
        return [terdaftar] * len(subjek)
    tidak = StatusDtks.TIDAK_TERDAFTAR.value
    aturan = layanan.penentu_dtks
    if aturan == PenentuDtks.SALAH_SATU:
        return [tidak] * len(subjek)
    if aturan == PenentuDtks.ISIAN:
        label = layanan.isian.filter(kode=layanan.penentu_dtks_isian).values_list(
            "label", flat=True
        )
        return [tidak if s in label else terdaftar for s in subjek]
    if aturan == PenentuDtks.SEMUA:
        return [terdaftar] * (len(subjek) - 1) + [tidak]
    return [tidak] + [terdaftar] * (len(subjek) - 1)


def konteks_contoh(layanan: Layanan, *, varian: str = "") -> dict[str, Any]:
    """Sample data for previewing and checking a template of `layanan` (of its `varian`)."""
    kantor = layanan.kantor
    hari_ini = timezone.localdate(timezone=kantor.zona)
    pemohon = _pemohon_contoh(layanan)
    kk = pemohon.pop("_kk")
    kolom = list(layanan.isian.all())
    isian = {k.kode: _isian_contoh(k, pemohon["nik"][:6], i) for i, k in enumerate(kolom)}
    subjek = subjek_dtks(layanan)
    nik = [pemohon["nik"], *(isian[k.kode] for k in kolom if k.tipe == TipeIsian.NIK)]
    with translation.override(settings.LANGUAGE_CODE):
        orang = [
            {
                "subjek": nama,
                "nik": n,
                "status": status,
                "keterangan": str(StatusDtks(status).label),
            }
            for nama, n, status in zip(
                subjek, nik, _status_contoh(layanan, varian, subjek), strict=True
            )
        ]
    periode = f"{hari_ini:%Y-%m}"
    return konteks_dasar(
        pemohon=pemohon,
        kk=kk,
        isian=isian,
        layanan=layanan,
        kantor=kantor,
        nomor="",
        tanggal=hari_ini,
        nomor_registrasi=FORMAT_NOMOR_REGISTRASI.format(urutan=1, tahun=hari_ini.year),
        dtks={
            o["subjek"]: {
                "status": o["status"],
                "keterangan": o["keterangan"],
                "periode": periode,
                "nik": o["nik"],
            }
            for o in orang
        },
        dtks_orang=orang,
        registri=_nama_registri(layanan),
        penandatangan=data_penandatangan(penandatangan_layanan(layanan)),
    )


def _nama_registri(layanan: Layanan) -> str:
    pengaturan = getattr(layanan.kantor, "pengaturan_dtks", None)
    return pengaturan.nama_registri if pengaturan else "DTKS"


def pratinjau(templat: TemplatSurat) -> bytes:
    """The PDF of `templat` (saved or not) on the sample data of its service: the letter as
    its signer will see it, or the printable notice of an ending without a letter.
    Raises TemplatTidakAman with the reason when the body cannot be filled in."""
    layanan = templat.layanan
    kantor = layanan.kantor
    konteks = konteks_contoh(layanan, varian=templat.varian)
    if templat.hasil_id is not None:
        return render_lembar_pemberitahuan(
            templat, konteks, kantor=kantor, petugas=_petugas_hasil(layanan, templat.hasil_id)
        )
    pejabat = penandatangan_layanan(layanan)
    return render_lembar(
        templat,
        konteks,
        kantor=kantor,
        pejabat=pejabat or _tanpa_pejabat(layanan),
        paraf=paraf_contoh(layanan),
        qr="",
    )


def _petugas_hasil(layanan: Layanan, hasil_id: int) -> str:
    """Who prints a notice: the actor of the step that ends with that outcome."""
    berakhir = Q(lanjut_hasil_id=hasil_id) | Q(tidak_hasil_id=hasil_id)
    langkah = layanan.langkah.filter(berakhir).select_related("peran").first()
    langkah = langkah or layanan.langkah.select_related("peran").first()
    if langkah is None:
        return "…"
    pengguna = Pengguna.objects.filter(peran=langkah.peran, is_active=True).order_by("id").first()
    return (pengguna.get_full_name() or pengguna.username) if pengguna else "…"


def _tanpa_pejabat(layanan: Layanan) -> dict[str, str]:
    """Said in the signature block when no active official holds the signing role."""
    langkah = langkah_tanda_tangan(layanan)
    with translation.override(settings.LANGUAGE_CODE):
        if langkah is None:
            return {"nama": _("[this SOP has no signature step]")}
        return {
            "nama": _("[no active official holds the role %(peran)s]") % {"peran": langkah.peran}
        }
