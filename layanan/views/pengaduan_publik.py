"""The public complaint form (no login, made for a phone), its receipt, and the complainant's
two actions on the status page: answering the office's question and appealing once.

The most exposed page of the product: every value is escaped where it is shown; the attachment
is judged by its content as loket scans are; a field people never see catches robots; writes
from one address are limited in the shared cache (DINSOS_BATAS_PERMINTAAN["pengaduan"]); a
form sent back keeps everything typed, the checked attachment included."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from layanan.batas import pesan_tunggu, tunggu_detik
from layanan.forms.pengaduan import FormulirAlasan, FormulirPengaduan, FormulirTanggapan
from layanan.models import JenisLanjutan, Kantor
from layanan.pengaduan import penanganan, services
from layanan.pengaduan import selectors as sp
from layanan.views.publik import halaman_status

KUNCI_TERKIRIM = "pengaduan_terkirim"
TUJUAN_BATAS = "pengaduan"


def pilih_kantor(request: HttpRequest) -> HttpResponse:
    daftar = list(sp.kantor_penerima())
    if len(daftar) == 1:
        return redirect("layanan:pengaduan-kirim", kode_kantor=daftar[0].kode)
    return render(request, "pengaduan/pilih_kantor.html", {"daftar": daftar})


class _Batas:
    """The address's allowance, asked at most once per request (the first write asks)."""

    def __init__(self, request: HttpRequest):
        self.request = request
        self.detik: int | None = None

    def tunggu(self) -> int:
        if self.detik is None:
            self.detik = tunggu_detik(self.request, TUJUAN_BATAS)
        return self.detik


@never_cache
def kirim(request: HttpRequest, kode_kantor: str) -> HttpResponse:
    kantor = sp.kantor_penerima().filter(kode=kode_kantor).first()
    if kantor is None:
        raise Http404
    if request.method != "POST":
        form = FormulirPengaduan(kantor=kantor, initial={"token": uuid.uuid4()})
        return _halaman(request, kantor, form, None)
    form = FormulirPengaduan(request.POST, request.FILES, kantor=kantor)
    token = _uuid(request.POST.get("token"))
    batas = _Batas(request)
    sah = form.is_valid() and token is not None
    if form.robot:
        batas.tunggu()
        form.add_error(None, _("The complaint was not sent. Please send it again."))
        return _halaman(request, kantor, form, None, status=400)
    if token is not None and (form.lampiran_bersih or request.POST.get("buang_lampiran")):
        if tunggu := batas.tunggu():
            return _halaman(request, kantor, form, None, tunggu=tunggu)
        _simpan_lampiran(request, kantor, form, token)
    draf = services.lampiran_draf(kantor=kantor, token=token) if token else None
    if not sah:
        return _halaman(request, kantor, form, draf, status=400)
    if tunggu := batas.tunggu():
        return _halaman(request, kantor, form, draf, tunggu=tunggu)
    assert token is not None
    try:
        p = services.pengaduan_terima(
            kantor=kantor, isian=services.data_isian(form.cleaned_data), token=token, oleh=None
        )
    except services.SudahTerkirim as exc:
        p = exc.pengaduan
    request.session[KUNCI_TERKIRIM] = {
        "nomor": p.nomor,
        "kode": p.kode_lacak,
        "kantor": str(p.kantor),
        "anonim": p.anonim,
    }
    return redirect("layanan:pengaduan-terkirim")


def _simpan_lampiran(
    request: HttpRequest, kantor: Kantor, form: FormulirPengaduan, token: uuid.UUID
) -> None:
    if form.lampiran_bersih is not None:
        berkas = request.FILES.get("lampiran")
        services.lampiran_simpan(
            kantor=kantor,
            token=token,
            nama_asli=getattr(berkas, "name", "") or "",
            bersih=form.lampiran_bersih,
        )
    elif request.POST.get("buang_lampiran"):
        services.lampiran_buang_draf(kantor=kantor, token=token)


def _halaman(
    request: HttpRequest,
    kantor: Kantor,
    form: FormulirPengaduan,
    draf: Any,
    *,
    status: int = 200,
    tunggu: int = 0,
) -> HttpResponse:
    konteks = {
        "kantor": kantor,
        "form": form,
        "draf": draf,
        "batas_mb": settings.DINSOS_MAKS_UNGGAHAN_MB,
        "pesan": pesan_tunggu(tunggu) if tunggu else "",
    }
    jawab = render(request, "pengaduan/kirim.html", konteks, status=429 if tunggu else status)
    if tunggu:
        jawab["Retry-After"] = str(tunggu)
    return jawab


def _uuid(nilai: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(nilai or "")
    except ValueError:
        return None


@never_cache
def terkirim(request: HttpRequest) -> HttpResponse:
    data = request.session.get(KUNCI_TERKIRIM)
    if not data:
        return redirect("layanan:pengaduan-pilih")
    return render(request, "pengaduan/terkirim.html", {"d": data})


# ---------------------------------------------------------------------------
# On the status page, with the tracking code
# ---------------------------------------------------------------------------
@never_cache
@require_POST
def tanggapi(request: HttpRequest) -> HttpResponseBase:
    """The complainant answers the office's question."""
    if tunggu := tunggu_detik(request, TUJUAN_BATAS):
        return halaman_status(request, pesan=pesan_tunggu(tunggu), tunggu=tunggu)
    p = sp.pengaduan_dengan_kode(request.POST.get("kode", "").strip().upper())
    form = FormulirTanggapan(request.POST)
    if p is None:
        return halaman_status(request)
    if not form.is_valid():
        return halaman_status(request, form_tanggapan=form)
    try:
        penanganan.pengaduan_info_pelapor(pengaduan=p, isi=form.cleaned_data["isi"])
    except penanganan.mesin.TransisiDitolak as exc:
        return halaman_status(request, pesan=str(exc))
    return halaman_status(request, sukses=_("Your answer was sent to the office. Thank you."))


@never_cache
@require_POST
def banding(request: HttpRequest) -> HttpResponseBase:
    """The complainant appeals a closed complaint, once."""
    if tunggu := tunggu_detik(request, TUJUAN_BATAS):
        return halaman_status(request, pesan=pesan_tunggu(tunggu), tunggu=tunggu)
    p = sp.pengaduan_dengan_kode(request.POST.get("kode", "").strip().upper())
    form = FormulirAlasan(request.POST)
    if p is None:
        return halaman_status(request)
    if not form.is_valid():
        return halaman_status(request, form_banding=form)
    try:
        baru = services.pengaduan_lanjutan(
            induk=p, jenis=JenisLanjutan.BANDING, alasan=form.cleaned_data["alasan"], oleh=None
        )
    except penanganan.mesin.TransisiDitolak as exc:
        return halaman_status(request, pesan=str(exc))
    return halaman_status(
        request,
        sukses=_("Your appeal was received as %(nomor)s. Keep its tracking code: %(kode)s.")
        % {"nomor": baru.nomor, "kode": baru.kode_lacak},
    )
