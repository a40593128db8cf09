"""Letters: the template of a service and outcome, its context, numbering, and the PDF."""

from __future__ import annotations

import datetime as dt
from typing import Any

import segno
from django.template import Context, Template, TemplateSyntaxError
from django.utils import timezone
from django.utils.translation import gettext as _

from layanan.models import (
    AksiLangkah,
    Layanan,
    Pejabat,
    PemeriksaanDtks,
    Pemohon,
    Permohonan,
    StatusDtks,
    TemplatSurat,
    VarianSurat,
)
from layanan.pdf import render_pdf
from layanan.templatetags.dokumen import tanggal_indonesia

BULAN_ROMAWI = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
MAKS_PARAF = 3  # tata naskah dinas: at most three initials beside the signature


def nomor_surat(layanan: Layanan, urutan: int, tanggal: dt.date) -> str:
    pola = layanan.format_nomor_surat or "{nomor}/{tahun}"
    return pola.format(
        nomor=urutan,
        bulan=tanggal.month,
        bulan_romawi=BULAN_ROMAWI[tanggal.month - 1],
        tahun=tanggal.year,
    )


def varian_untuk(p: Permohonan) -> str:
    cek = (
        PemeriksaanDtks.objects.filter(permohonan=p, subjek="Pemohon")
        .exclude(status=StatusDtks.TIDAK_TERSEDIA)
        .order_by("-pada", "-id")
        .first()
    )
    if cek is None:
        return VarianSurat.UMUM
    return (
        VarianSurat.TERDAFTAR if cek.status == StatusDtks.TERDAFTAR else VarianSurat.TIDAK_TERDAFTAR
    )


def templat_untuk(p: Permohonan) -> TemplatSurat | None:
    semua = {t.varian: t for t in TemplatSurat.objects.filter(layanan=p.layanan, hasil=None)}
    return semua.get(varian_untuk(p)) or semua.get(VarianSurat.UMUM)


def penandatangan(p: Permohonan) -> Pejabat | None:
    """The official holding the role of the current signature step."""
    return Pejabat.objects.filter(kantor=p.kantor, peran=p.peran_saat_ini, aktif=True).first()


def konteks_surat(p: Permohonan, *, nomor: str, tanggal: dt.date) -> dict[str, Any]:
    """The documented variables of a letter template (docs/surat.md)."""
    isian = {}
    for kolom in p.layanan.isian.all():
        nilai = p.isian.get(kolom.kode)
        isian[kolom.kode] = (
            dict(kolom.daftar_pilihan).get(nilai, nilai) if kolom.daftar_pilihan else nilai
        )
    dtks = (
        PemeriksaanDtks.objects.filter(permohonan=p)
        .exclude(status=StatusDtks.TIDAK_TERSEDIA)
        .order_by("-pada", "-id")
    )
    return {
        "pemohon": p.pemohon,
        "kk": p.nomor_kk,
        "isian": isian,
        "layanan": p.layanan,
        "kantor": p.kantor,
        "nomor": nomor,
        "tanggal": tanggal_indonesia(tanggal),
        "nomor_registrasi": p.nomor_registrasi,
        "dtks": {c.subjek: c for c in reversed(list(dtks))},
        "registri": p.kantor.pengaturan_dtks.nama_registri
        if hasattr(p.kantor, "pengaturan_dtks")
        else "DTKS",
    }


def render_isi(isi: str, konteks: dict[str, Any]) -> str:
    """The template's body, every value escaped."""
    return Template(isi).render(Context(konteks, autoescape=True))


def periksa_templat(isi: str, konteks_contoh: dict[str, Any]) -> list[str]:
    """Syntax errors and unknown variables, found before the template is saved."""
    try:
        templat = Template(isi)
    except TemplateSyntaxError as exc:
        return [_("Template syntax error: %(e)s") % {"e": exc}]
    tidak_dikenal: list[str] = []
    for node in templat.nodelist.get_nodes_by_type(_variabel_node()):
        nama = str(node.filter_expression.var).split(".")[0]  # type: ignore[attr-defined]
        if nama not in konteks_contoh and nama not in tidak_dikenal:
            tidak_dikenal.append(nama)
    return [_("Unknown variable '%(v)s'.") % {"v": v} for v in tidak_dikenal]


def _variabel_node() -> type:
    from django.template.base import VariableNode

    return VariableNode


def paraf(p: Permohonan) -> list[dict[str, str]]:
    baris = p.riwayat.filter(aksi=AksiLangkah.PARAF).select_related("oleh").order_by("selesai_pada")
    return [{"peran": r.peran, "nama": str(r.oleh)} for r in baris][:MAKS_PARAF]


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=3, border=1)


def render_surat(
    p: Permohonan, *, nomor: str = "", url_verifikasi: str = "", tanggal: dt.date | None = None
) -> bytes:
    """The letter as PDF: a draft without number and QR, or the final one to be signed."""
    tanggal = tanggal or timezone.localdate(timezone=p.kantor.zona)
    templat = templat_untuk(p)
    if templat is None:
        raise ValueError("no template")
    konteks = konteks_surat(p, nomor=nomor, tanggal=tanggal)
    return _render(
        templat,
        konteks,
        pejabat=penandatangan(p),
        paraf=paraf(p),
        qr=qr_svg(url_verifikasi) if url_verifikasi else "",
    )


def _render(
    templat: TemplatSurat,
    konteks: dict[str, Any],
    *,
    pejabat: Pejabat | None,
    paraf: list[dict[str, str]],
    qr: str,
) -> bytes:
    return render_pdf(
        "dokumen/surat.html",
        {
            **konteks,
            "judul": templat.judul,
            "isi": render_isi(templat.isi, konteks),
            "tembusan": [t for t in templat.tembusan.splitlines() if t.strip()],
            "pejabat": pejabat,
            "paraf": paraf,
            "konsep": not konteks["nomor"],
            "qr": qr,
        },
    )


def konteks_contoh(layanan: Layanan) -> dict[str, Any]:
    """Sample data for previewing and checking a template before it is saved."""
    pemohon = Pemohon(
        kantor=layanan.kantor,
        nik="3572010501890001",
        nama="Budi Contoh",
        tempat_lahir=layanan.kantor.nama_daerah,
        tanggal_lahir=dt.date(1989, 1, 5),
        alamat="Jl. Contoh No. 1",
        rt="001",
        rw="002",
        kelurahan="Kelurahan Contoh",
        kecamatan="Kecamatan Contoh",
        kabupaten_kota=layanan.kantor.nama_daerah_lengkap,
    )
    isian = {
        k.kode: (k.daftar_pilihan[0][1] if k.daftar_pilihan else f"<{k.label}>")
        for k in layanan.isian.all()
    }
    return {
        "pemohon": pemohon,
        "kk": "3572011203180004",
        "isian": isian,
        "layanan": layanan,
        "kantor": layanan.kantor,
        "nomor": "",
        "tanggal": tanggal_indonesia(dt.date.today()),
        "nomor_registrasi": "00001/REG/2026",
        "dtks": {},
        "registri": "DTKS",
    }


def pratinjau(templat: TemplatSurat) -> bytes:
    layanan = templat.layanan
    pejabat = Pejabat.objects.filter(kantor=layanan.kantor, aktif=True).first()
    return _render(templat, konteks_contoh(layanan), pejabat=pejabat, paraf=[], qr="")


def templat_pemberitahuan(p: Permohonan) -> TemplatSurat | None:
    """The notice of an ending that issues no letter (Bima: directed to the kelurahan)."""
    if p.hasil_id is None:
        return None
    return TemplatSurat.objects.filter(layanan=p.layanan, hasil_id=p.hasil_id).first()


def render_pemberitahuan(p: Permohonan, templat: TemplatSurat) -> bytes:
    tanggal = timezone.localdate(timezone=p.kantor.zona)
    konteks = konteks_surat(p, nomor="", tanggal=tanggal)
    terakhir = p.riwayat.order_by("-selesai_pada").select_related("oleh").first()
    return render_pdf(
        "dokumen/pemberitahuan.html",
        {
            **konteks,
            "p": p,
            "judul": templat.judul,
            "isi": render_isi(templat.isi, konteks),
            "tembusan": [t for t in templat.tembusan.splitlines() if t.strip()],
            "petugas": terakhir.oleh if terakhir else p.dibuat_oleh,
        },
    )
