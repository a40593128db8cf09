"""Staff pages about the office's services: the list, and each service's SOP sheet."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from layanan import selectors
from layanan.katalog.lembar import konteks_lembar, lembar_pdf
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
    return render(request, "layanan/sop_lembar.html", konteks_lembar(layanan))


@login_required
def sop_pdf(request: HttpRequest, kode_kantor: str, kode: str) -> HttpResponse:
    layanan = selectors.ambil_layanan_untuk_lembar(
        pengguna(request), kode_kantor=kode_kantor, kode=kode
    )
    response = HttpResponse(lembar_pdf(layanan), content_type="application/pdf")
    nama = f"sop-{layanan.kantor.kode}-{layanan.kode}.pdf"
    response["Content-Disposition"] = f'inline; filename="{nama}"'
    return response
