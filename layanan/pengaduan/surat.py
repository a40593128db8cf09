"""The forwarding letter of a complaint that is not within the office's authority: its body is
the office's template (PengaturanPengaduan.isi_penerusan), rendered in the letter engine's
sandbox against plain data (docs/pengaduan.md), inside our own layout, as a tagged PDF printed
and signed by hand by the head of office. The complainant's identity is not in it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone, translation

from layanan.models import Kantor, Pejabat, Pengaduan, PengaturanPengaduan
from layanan.pdf import render_pdf
from layanan.surat.konsep import baris_jabatan, data_penandatangan
from layanan.surat.templat_aman import periksa, render_aman
from layanan.templatetags.dokumen import tanggal_indonesia


def _pejabat(atur: PengaturanPengaduan) -> Pejabat | None:
    return Pejabat.objects.filter(
        kantor_id=atur.kantor_id, peran_id=atur.peran_pimpinan_id, aktif=True
    ).first()


def _kantor(kantor: Kantor) -> dict[str, str]:
    return {
        "nama_pemda": kantor.nama_pemda,
        "nama_dinas": kantor.nama_dinas,
        "nama_daerah": kantor.nama_daerah,
        "nama_daerah_lengkap": kantor.nama_daerah_lengkap,
    }


def konteks_penerusan(p: Pengaduan, pejabat: Pejabat | None) -> dict[str, Any]:
    """The documented variables of the forwarding letter's body, as plain data only."""
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "pengaduan": {
                "nomor": p.nomor,
                "tanggal": tanggal_indonesia(timezone.localdate(p.dibuat_pada, p.kantor.zona)),
                "jenis": p.jenis.nama,
                "kategori": str(p.kategori),
                "saluran": str(p.get_saluran_display()),
                "uraian": p.uraian,
                "lapor_id": p.lapor_id,
            },
            "tujuan": p.diteruskan_ke,
            "kantor": _kantor(p.kantor),
            "nomor": p.nomor_surat_penerusan,
            "tanggal": tanggal_indonesia(
                timezone.localdate(p.selesai_pada or timezone.now(), p.kantor.zona)
            ),
            "penandatangan": data_penandatangan(pejabat),
        }


def konteks_contoh(kantor: Kantor) -> dict[str, Any]:
    """Sample data to check and preview a body before it is saved."""
    return {
        "pengaduan": {
            "nomor": "00001/ADU/2026",
            "tanggal": tanggal_indonesia(dt.date(2026, 1, 5)),
            "jenis": "Pengaduan",
            "kategori": "Bantuan Pangan Non Tunai (BPNT) › PIN terblokir",
            "saluran": "Formulir web",
            "uraian": "Contoh uraian pengaduan.",
            "lapor_id": "",
        },
        "tujuan": "Bank Penyalur",
        "kantor": _kantor(kantor),
        "nomor": "1/PGD/I/2026",
        "tanggal": tanggal_indonesia(dt.date(2026, 1, 9)),
        "penandatangan": data_penandatangan(None),
    }


def periksa_isi(isi: str, kantor: Kantor) -> list[str]:
    return periksa(isi, konteks_contoh(kantor))


def render_penerusan(p: Pengaduan) -> bytes:
    atur = PengaturanPengaduan.objects.get(kantor_id=p.kantor_id)
    pejabat = _pejabat(atur)
    konteks = konteks_penerusan(p, pejabat)
    return render_pdf(
        "pengaduan/surat_penerusan.html",
        {
            "kantor": p.kantor,
            "judul": atur.judul_penerusan,
            "nomor": konteks["nomor"],
            "tanggal": konteks["tanggal"],
            "tujuan": p.diteruskan_ke,
            "isi": render_aman(atur.isi_penerusan, konteks),
            "pejabat": pejabat,
            "baris_jabatan": baris_jabatan(pejabat),
        },
    )
