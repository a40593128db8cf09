"""The messages' texts: each event's default (Indonesian, as the office would write it), the
plain data a text is filled with, and filling it in the sandbox (layanan.surat.templat_aman).

The data is what the public status page shows for the tracking code, and nothing more: never
the NIK, the family card number, the name or the address (a message may be read over the
applicant's shoulder, or reach a number typed wrong)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from layanan.models import Pengaduan, Peristiwa, Permohonan
from layanan.surat.templat_aman import DataPolos, TemplatTidakAman, periksa, render_aman

# A WhatsApp text may have 4,096 characters; an SMS gateway splits what is longer than 160.
MAKS_PANJANG_PESAN = 1_000
PESAN_TERLALU_PANJANG = _("A message may have at most %(n)s characters.")

BAWAAN: dict[str, tuple[str, str]] = {
    Peristiwa.DITERIMA: (
        "Permohonan {{ layanan }} diterima",
        "Permohonan {{ layanan }} Anda telah diterima {{ kantor }} dengan nomor registrasi "
        "{{ nomor_registrasi }}. Kode lacak: {{ kode }}. Ikuti prosesnya di {{ tautan }}",
    ),
    Peristiwa.DIKEMBALIKAN: (
        "Permohonan {{ layanan }} perlu dilengkapi",
        "Permohonan {{ layanan }} (kode {{ kode }}) perlu dilengkapi. Silakan datang ke "
        "{{ kantor }}, {{ kantor_alamat }}, atau hubungi {{ kantor_telepon }}.",
    ),
    Peristiwa.SURAT_SIAP: (
        "Surat {{ layanan }} siap diambil",
        "Surat {{ layanan }} Anda (nomor {{ nomor_surat }}) sudah ditandatangani dan dapat "
        "diambil di {{ kantor }}, {{ kantor_alamat }}, pada jam layanan. Bawa tanda terima "
        "dan KTP asli. Kode lacak: {{ kode }}.",
    ),
    Peristiwa.SURAT_DICABUT: (
        "Surat {{ layanan }} dicabut",
        "Surat {{ layanan }} nomor {{ nomor_surat }} dicabut oleh {{ kantor }}. Kami akan "
        "menghubungi Anda; informasi: {{ kantor_telepon }}. Kode lacak: {{ kode }}.",
    ),
    Peristiwa.PENGADUAN_DIJAWAB: (
        "Pengaduan {{ nomor }} telah dijawab",
        "Pengaduan Anda nomor {{ nomor }} telah dijawab oleh {{ kantor }}. Baca jawabannya di "
        "{{ tautan }} dengan kode lacak {{ kode }}.",
    ),
    Peristiwa.SURVEI_IKM: (
        "Survei kepuasan layanan {{ layanan }}",
        "Terima kasih telah menggunakan layanan {{ layanan }} di {{ kantor }}. Mohon isi survei "
        "kepuasan masyarakat (2 menit, tanpa nama): {{ tautan_survei }}",
    ),
    Peristiwa.RINGKASAN_STAF: (
        "{{ jumlah }} permohonan menunggu Anda",
        "Ringkasan {{ tanggal }}: {{ jumlah }} permohonan menunggu di kotak tugas Anda, "
        "{{ terlambat }} di antaranya melewati tenggat. Buka {{ tautan }}",
    ),
    Peristiwa.HAMPIR_TERLAMBAT: (
        "Hampir terlambat: {{ nomor_registrasi }}",
        "Langkah {{ langkah }} permohonan {{ layanan }} {{ nomor_registrasi }} hampir terlambat: "
        "sisa {{ sisa_jam }} jam kerja. Buka {{ tautan }}",
    ),
}


# A WhatsApp Cloud template's body parameters, in order ({{1}}, {{2}}…), per event: the office
# has its template approved by Meta with these, in this order.
PARAMETER_WA: dict[str, tuple[str, ...]] = {
    Peristiwa.DITERIMA: ("layanan", "nomor_registrasi", "kode", "tautan"),
    Peristiwa.DIKEMBALIKAN: ("layanan", "kode", "kantor_telepon"),
    Peristiwa.SURAT_SIAP: ("layanan", "nomor_surat", "kode"),
    Peristiwa.SURAT_DICABUT: ("layanan", "nomor_surat", "kantor_telepon"),
    Peristiwa.PENGADUAN_DIJAWAB: ("nomor", "kode", "tautan"),
    Peristiwa.SURVEI_IKM: ("layanan", "tautan_survei"),
}


def konteks(p: Permohonan, **tambahan: Any) -> dict[str, Any]:
    """What a text may say of an application: plain values the status page shows."""
    kantor = p.kantor
    data: dict[str, Any] = {
        "kode": p.kode_lacak,
        "layanan": p.layanan.nama_tampil,
        "kantor": str(kantor),
        "kantor_alamat": kantor.alamat,
        "kantor_telepon": kantor.telepon,
        "tautan": settings.DINSOS_URL_PUBLIK + reverse("layanan:status"),
        "nomor_registrasi": p.nomor_registrasi,
        "nomor_surat": "",
        "tenggat": timezone.localtime(p.tenggat, kantor.zona).date() if p.tenggat else "",
    }
    data.update(tambahan)
    return data


def konteks_pengaduan(p: Pengaduan) -> dict[str, Any]:
    """What a complaint's message may say: its number and tracking code, the office, the
    status link (where the answer is read with the code)."""
    return {
        "nomor": p.nomor,
        "kode": p.kode_lacak,
        "kantor": str(p.kantor),
        "kantor_alamat": p.kantor.alamat,
        "kantor_telepon": p.kantor.telepon,
        "tautan": settings.DINSOS_URL_PUBLIK + reverse("layanan:status"),
    }


def contoh() -> dict[str, Any]:
    """The data an administrator's text is checked against before it is saved."""
    return {
        "kode": "ABCD-EFGH-JKMN",
        "layanan": "Surat Keterangan Tidak Mampu",
        "kantor": "Dinas Sosial Kota Contoh",
        "kantor_alamat": "Jl. Merdeka 1",
        "kantor_telepon": "(0342) 123456",
        "tautan": "https://layanan.example/status/",
        "nomor_registrasi": "00001/REG/2026",
        "nomor_surat": "400/001/2026",
        "tenggat": timezone.localdate(),
        "tautan_survei": "https://layanan.example/ikm/t/abc/",
        # A complaint's answer
        "nomor": "001/ADU/2026",
        # Staff: the digest and the warning
        "jumlah": 12,
        "terlambat": 2,
        "tanggal": timezone.localdate(),
        "langkah": 2,
        "sisa_jam": 1.5,
    }


def isi(teks: str, data: dict[str, Any] | DataPolos) -> str:
    """The text filled in, as plain text; TemplatTidakAman when the text is broken or too long."""
    hasil = render_aman(teks, data, html=False).strip()
    if len(hasil) > MAKS_PANJANG_PESAN:
        raise TemplatTidakAman(PESAN_TERLALU_PANJANG % {"n": MAKS_PANJANG_PESAN})
    return hasil


def periksa_teks(teks: str) -> list[str]:
    """An administrator's text's errors, before it is saved."""
    galat = periksa(teks, contoh())
    if not galat:
        try:
            isi(teks, contoh())
        except TemplatTidakAman as exc:
            galat.append(str(exc))
    return galat
