"""Staff pages about the office's services: the list, and each service's SOP sheet."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from layanan import selectors
from layanan.lembar import daftar_header, periksa_waktu, susun_lembar
from layanan.permintaan import pengguna


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    layanan = selectors.layanan_untuk(pengguna(request)).order_by(
        "kantor__nama_daerah", "nama_singkat"
    )
    return render(request, "layanan/beranda.html", {"daftar_layanan": layanan})


@login_required
def sop_lembar(request: HttpRequest, kode_kantor: str, kode: str) -> HttpResponse:
    layanan = selectors.ambil_layanan_untuk_lembar(
        pengguna(request), kode_kantor=kode_kantor, kode=kode
    )
    konteks = {
        "layanan": layanan,
        "lembar": susun_lembar(layanan),
        "header": daftar_header(layanan),
        "peringatan_waktu": periksa_waktu(layanan),
    }
    return render(request, "layanan/sop_lembar.html", konteks)
