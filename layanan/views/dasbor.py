"""The head of office's dashboard: the figures of a period, the list behind each, the recaps as
CSV/XLSX, and the monthly report as PDF (layanan.dasbor). Read by GET: a period, a service and an
office code are all a URL holds, never a citizen's data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from layanan.akses import akses_catat_banyak
from layanan.daring.angka import angka_daring
from layanan.dasbor import akses, daftar, laporan, rekap
from layanan.dasbor.periode import Periode, bulan_lalu
from layanan.dasbor.ringkasan import banding_kantor, dasbor_kantor
from layanan.ekspor import FORMAT_TABEL, respons_tabel
from layanan.forms.dasbor import FormulirDasbor
from layanan.models import JenisAkses, Kantor, Pengguna
from layanan.pengaduan.selectors import akses_untuk
from layanan.penyimpanan import respons_berkas
from layanan.permintaan import angka, pengguna

PER_HALAMAN = 25


@dataclass(frozen=True)
class Pilihan:
    user: Pengguna
    kantor: Kantor
    form: FormulirDasbor
    periode: Periode
    layanan_id: int | None

    def parameter(self, **lain: object) -> str:
        """The query string of the same choice (for the links behind the figures)."""
        p: dict[str, object] = {**self.periode.parameter()}
        if self.layanan_id:
            p["layanan"] = self.layanan_id
        if akses.pembanding(self.user):
            p["kantor"] = self.kantor.kode
        p.update({k: v for k, v in lain.items() if v not in (None, "")})
        return urlencode(p)


def _pilihan(request: HttpRequest) -> Pilihan:
    user = pengguna(request)
    kantor = akses.kantor_dasbor(user, request.GET.get("kantor") or None)
    form = FormulirDasbor(
        request.GET or None,
        layanan=akses.layanan_dasbor(kantor),
        kantor=akses.kantor_pilihan(user),
    )
    hari_ini = timezone.localdate(timezone=kantor.zona)
    return Pilihan(user, kantor, form, form.periode(hari_ini), form.layanan_id())


@login_required
def dasbor(request: HttpRequest) -> HttpResponse:
    pilih = _pilihan(request)
    user = pilih.user
    konteks = {
        # The places have their own page: counting them joins every application's applicant.
        "d": dasbor_kantor(pilih.kantor, pilih.periode, pilih.layanan_id, dengan_wilayah=False),
        "form": pilih.form,
        "q": pilih.parameter(),
        "banding": (
            banding_kantor(akses.kantor_pilihan(user), pilih.periode)
            if akses.pembanding(user)
            else []
        ),
        "lihat_pengaduan": user.kantor_id == pilih.kantor.pk and akses_untuk(user).ada,
        "bulan_lalu": bulan_lalu(timezone.localdate(timezone=pilih.kantor.zona)),
        "laporan_tersimpan": laporan.tersimpan(pilih.kantor)[:12],
        "daring": angka_daring(pilih.kantor, pilih.periode),
    }
    return render(request, "dasbor/dasbor.html", konteks)


@login_required
def wilayah(request: HttpRequest) -> HttpResponse:
    """Applications of the period by the applicant's kecamatan and kelurahan."""
    pilih = _pilihan(request)
    konteks = {
        "d": dasbor_kantor(pilih.kantor, pilih.periode, pilih.layanan_id),
        "q": pilih.parameter(),
    }
    return render(request, "dasbor/wilayah.html", konteks)


@login_required
def daftar_view(request: HttpRequest) -> HttpResponse:
    pilih = _pilihan(request)
    jenis = request.GET.get("jenis", "masuk")
    if jenis not in daftar.JENIS:
        jenis = "masuk"
    saringan = daftar.Saringan(
        jenis=jenis,
        layanan_id=pilih.layanan_id,
        hasil_id=angka(request.GET.get("hasil")),
        nomor=angka(request.GET.get("nomor")),
        wilayah=request.GET.get("wilayah", "")[:20],
    )
    qs = daftar.daftar_permohonan(
        akses.permohonan_dasbor(pilih.user, pilih.kantor), pilih.kantor, pilih.periode, saringan
    )
    nik = akses.boleh_lihat_nik(pilih.user, pilih.kantor)
    judul = str(daftar.JENIS[jenis])
    format = request.GET.get("format", "")
    if format in FORMAT_TABEL:
        semua = list(qs)
        akses_catat_banyak(
            request, (p.pk for p in semua), JenisAkses.CETAK, _("dashboard list (%s)") % format
        )
        sekarang = timezone.now()
        return respons_tabel(
            format,
            f"daftar-{jenis}-{pilih.periode.dari}-{pilih.periode.sampai}",
            judul,
            daftar.kepala(nik),
            (daftar.baris(p, nik, sekarang) for p in semua),
        )
    halaman = Paginator(qs, PER_HALAMAN).get_page(request.GET.get("hal"))
    konteks = {
        "halaman": halaman,
        "judul": judul,
        "saringan": saringan,
        "periode": pilih.periode,
        "kantor": pilih.kantor,
        "nik": nik,
        "terbuka": akses.layanan_terbuka(pilih.user),
        "q": pilih.parameter(
            jenis=jenis, hasil=saringan.hasil_id, nomor=saringan.nomor, wilayah=saringan.wilayah
        ),
        "q_dasbor": pilih.parameter(),
    }
    return render(request, "dasbor/daftar.html", konteks)


@login_required
def rekap_view(request: HttpRequest, nama: str, format: str) -> HttpResponse:
    pilih = _pilihan(request)
    if nama not in rekap.REKAP or format not in FORMAT_TABEL:
        raise Http404
    d = dasbor_kantor(pilih.kantor, pilih.periode, pilih.layanan_id)
    judul, kepala, baris = rekap.tabel(nama, d)
    return respons_tabel(
        format,
        f"rekap-{nama}-{pilih.kantor.kode}-{pilih.periode.dari}-{pilih.periode.sampai}",
        judul,
        kepala,
        baris,
    )


@login_required
def laporan_pdf(request: HttpRequest) -> HttpResponse:
    """The monthly report of a month (`bulan=2026-11`; last month by default), rendered now."""
    pilih = _pilihan(request)
    periode = _bulan(request.GET.get("bulan", "")) or bulan_lalu(
        timezone.localdate(timezone=pilih.kantor.zona)
    )
    pdf = laporan.render_laporan(pilih.kantor, periode)
    response = HttpResponse(pdf, content_type="application/pdf")
    nama = f"laporan-bulanan-{pilih.kantor.kode}-{periode.dari:%Y-%m}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return response


@login_required
def laporan_unduh(request: HttpRequest, pk: int) -> FileResponse:
    """A monthly report the worker stored on the 1st, as it was made."""
    pilih = _pilihan(request)
    simpan = laporan.tersimpan(pilih.kantor).filter(pk=pk).first()
    if simpan is None:
        raise Http404
    return respons_berkas(
        simpan.berkas,
        nama=f"laporan-bulanan-{pilih.kantor.kode}-{simpan.tahun}-{simpan.bulan:02d}.pdf",
        jenis="application/pdf",
    )


def _bulan(teks: str) -> Periode | None:
    try:
        hari = dt.datetime.strptime(teks[:7], "%Y-%m").date()
    except ValueError:
        return None
    return Periode.bulan(hari.year, hari.month) if 2000 <= hari.year <= 2100 else None
