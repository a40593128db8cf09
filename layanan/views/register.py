"""The registers (buku agenda): the letters the office issued and the receipts it gave. Searched
by POST, the search kept in the session (a NIK never in a URL or a server log), paged, exported
to XLSX; a letter reprinted as stored through `layanan:surat-unduh`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from layanan.akses import akses_catat_banyak
from layanan.ekspor import respons_xlsx
from layanan.forms.register import (
    FormulirCariRegister,
    FormulirCariSurat,
    FormulirCariTandaTerima,
)
from layanan.models import JenisAkses, Layanan, Pengguna, Permohonan, Surat
from layanan.permintaan import pengguna
from layanan.surat import register
from layanan.surat.register import SaringanRegister

PER_HALAMAN = 25
AKSI_HAPUS = "hapus"


@dataclass(frozen=True)
class Register:
    kunci: str  # the session key of its search
    url: str
    url_xlsx: str
    templat: str
    formulir: type[FormulirCariRegister]
    daftar: Callable[[Pengguna, SaringanRegister], QuerySet[Any]]


SURAT = Register(
    "register_surat_cari",
    "layanan:register-surat",
    "layanan:register-surat-xlsx",
    "register/surat.html",
    FormulirCariSurat,
    register.register_surat,
)
TANDA_TERIMA = Register(
    "register_tanda_terima_cari",
    "layanan:register-tanda-terima",
    "layanan:register-tanda-terima-xlsx",
    "register/tanda_terima.html",
    FormulirCariTandaTerima,
    register.register_tanda_terima,
)


@login_required
def surat(request: HttpRequest) -> HttpResponse:
    return _halaman(request, SURAT)


@login_required
def tanda_terima(request: HttpRequest) -> HttpResponse:
    return _halaman(request, TANDA_TERIMA)


def _halaman(request: HttpRequest, reg: Register) -> HttpResponse:
    user = pengguna(request)
    layanan = list(register.layanan_register(user))
    form, saringan = _tersimpan(request, reg, layanan)
    if request.method == "POST":
        if request.POST.get("aksi") == AKSI_HAPUS:
            request.session.pop(reg.kunci, None)
            return redirect(reg.url)
        form = reg.formulir(request.POST, layanan=layanan)
        if form.is_valid():
            request.session[reg.kunci] = form.untuk_sesi()
            return redirect(reg.url)
        # Refused: the typed search is shown with its errors above what the last one found.
    halaman = Paginator(reg.daftar(user, saringan), PER_HALAMAN).get_page(request.GET.get("hal"))
    konteks = {
        "form": form,
        "halaman": halaman,
        "mencari": saringan != SaringanRegister(),
        "url_xlsx": reverse(reg.url_xlsx),
    }
    return render(request, reg.templat, konteks)


def _tersimpan(
    request: HttpRequest, reg: Register, layanan: list[Layanan]
) -> tuple[FormulirCariRegister, SaringanRegister]:
    """The search kept in the session, checked again: a service taken off the user's roles since
    no longer searches."""
    data = request.session.get(reg.kunci)
    if isinstance(data, dict):
        form = reg.formulir(data, layanan=layanan)
        if form.is_valid():
            return form, form.saringan()
        request.session.pop(reg.kunci, None)
    return reg.formulir(layanan=layanan), SaringanRegister()


def _saringan(request: HttpRequest, reg: Register) -> SaringanRegister:
    return _tersimpan(request, reg, list(register.layanan_register(pengguna(request))))[1]


# ---------------------------------------------------------------------------
# XLSX
# ---------------------------------------------------------------------------
KEPALA_SURAT = [
    gettext_lazy("Letter number"),
    gettext_lazy("Signed at"),
    gettext_lazy("Service"),
    gettext_lazy("Registration number"),
    gettext_lazy("Applicant"),
    gettext_lazy("Signed by"),
    gettext_lazy("Position"),
    gettext_lazy("Status"),
    gettext_lazy("Revoked at"),
    gettext_lazy("Reason revoked"),
    gettext_lazy("Replaced by"),
    gettext_lazy("Replaces"),
    gettext_lazy("Received by"),
    gettext_lazy("Handed over at"),
]

KEPALA_TANDA_TERIMA = [
    gettext_lazy("Registration number"),
    gettext_lazy("Registered at"),
    gettext_lazy("Service"),
    gettext_lazy("Applicant"),
    gettext_lazy("Registered by"),
    gettext_lazy("Status"),
    gettext_lazy("Completeness decided at"),
    gettext_lazy("Loket note"),
]


@login_required
def surat_xlsx(request: HttpRequest) -> HttpResponse:
    daftar = list(register.register_surat(pengguna(request), _saringan(request, SURAT)))
    akses_catat_banyak(
        request, (s.permohonan_id for s in daftar), JenisAkses.CETAK, _("letter register (XLSX)")
    )
    return respons_xlsx(
        _nama_berkas("register-surat"),
        _("Letter register"),
        KEPALA_SURAT,
        (_baris_surat(s) for s in daftar),
    )


@login_required
def tanda_terima_xlsx(request: HttpRequest) -> HttpResponse:
    saringan = _saringan(request, TANDA_TERIMA)
    daftar = list(register.register_tanda_terima(pengguna(request), saringan))
    akses_catat_banyak(
        request, (p.pk for p in daftar), JenisAkses.CETAK, _("receipt register (XLSX)")
    )
    return respons_xlsx(
        _nama_berkas("register-tanda-terima"),
        _("Receipt register"),
        KEPALA_TANDA_TERIMA,
        (_baris_tanda_terima(p) for p in daftar),
    )


def _nama_berkas(awal: str) -> str:
    return f"{awal}-{timezone.localdate().isoformat()}.xlsx"


def _baris_surat(s: Surat) -> list[object]:
    p, pejabat = s.permohonan, s.pejabat
    diganti = getattr(s, "diganti", None)  # the letter this one replaced, if any
    return [
        s.nomor,
        s.ditandatangani_pada,
        p.layanan.nama_tampil,
        p.nomor_registrasi,
        p.pemohon.nama,
        pejabat.nama,
        f"{pejabat.kedudukan} {pejabat.jabatan}".strip(),
        s.get_status_display(),
        getattr(s, "dicabut_pada", None),
        s.alasan_cabut,
        s.pengganti.nomor if s.pengganti else "",
        diganti.nomor if diganti else "",
        s.diserahkan_kepada,
        s.diserahkan_pada,
    ]


def _baris_tanda_terima(p: Permohonan) -> list[object]:
    return [
        p.nomor_registrasi,
        p.dibuat_pada,
        p.layanan.nama_tampil,
        p.pemohon.nama,
        str(p.dibuat_oleh),
        p.get_status_display(),
        p.diputuskan_pada,
        p.catatan_loket,
    ]
