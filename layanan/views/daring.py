"""Applying from home (no login, made for a phone): the services open online, the form, the
contact's one-time code, the tracking code, and a returned application's fix.

Open to the internet like the complaint form: scans judged by content as at the loket, a field
people never see catches robots, writes limited per address and per contact in the shared cache
(DINSOS_BATAS_PERMINTAAN), the body capped (DINSOS_MAKS_BADAN_ANONIM). The form's token lives
in the session only, so the scans kept for it are reachable by nobody else; a form sent back
keeps everything typed and every scan that passed."""

from __future__ import annotations

import datetime as dt
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
from layanan.daring import selectors as sd
from layanan.daring import services
from layanan.daring.janji import JanjiDitolak, janji_pesan
from layanan.forms.daring import FormulirDaring, isian_json
from layanan.models import Layanan, PermohonanDaring, StatusDaring
from layanan.permintaan import angka
from layanan.views.publik import POLA_KODE, halaman_status

KUNCI_TOKEN = "daring_token"  # {layanan pk: the form's token}
KUNCI_KODE = "daring_kode"  # the token of the application waiting for its code
KUNCI_TERKIRIM = "daring_terkirim"


SELESAI_DARING = (StatusDaring.MENUNGGU, StatusDaring.DITERIMA, StatusDaring.KEDALUWARSA)


def daftar(request: HttpRequest) -> HttpResponse:
    return render(request, "daring/daftar.html", {"daftar": sd.layanan_daring()})


def _token(request: HttpRequest, layanan: Layanan) -> uuid.UUID:
    semua: dict[str, str] = request.session.get(KUNCI_TOKEN, {})
    nilai = semua.get(str(layanan.pk))
    if nilai is None:
        nilai = str(uuid.uuid4())
        request.session[KUNCI_TOKEN] = {**semua, str(layanan.pk): nilai}
    return uuid.UUID(nilai)


def _awal(d: PermohonanDaring | None) -> dict[str, Any]:
    """A form shown again (a fix, a reload after sending) starts from what was sent."""
    if d is None:
        return {}
    awal = dict(d.isian)
    if awal.get("tanggal_lahir"):
        awal["tanggal_lahir"] = dt.date.fromisoformat(awal["tanggal_lahir"])
    if awal.get("kategori"):
        awal["kategori"] = sd.kategori_layanan(d.layanan, awal["kategori"])
    awal |= {"kontak_telepon": d.telepon, "kontak_email": d.email}
    return awal


@never_cache
def formulir(request: HttpRequest, kode_kantor: str, kode: str) -> HttpResponse:
    layanan = sd.ambil_layanan_daring(kode_kantor=kode_kantor, kode=kode)
    token = _token(request, layanan)
    kantor_id = layanan.kantor_id
    draf = services.pindaian_draf(kantor_id=kantor_id, token=token)
    if request.method != "POST":
        d = sd.daring_dengan_token(str(token))
        if d is not None and d.status in SELESAI_DARING:
            request.session[KUNCI_TOKEN] = {}  # sent or closed: the next form is a new one
            return redirect(request.path)
        form = FormulirDaring(layanan=layanan, pindaian=draf, initial=_awal(d))
        return _halaman(request, layanan, form, d)
    form = FormulirDaring(request.POST, request.FILES, layanan=layanan, pindaian=draf)
    sah = form.is_valid()
    if form.robot:
        tunggu_detik(request, "daring")
        form.add_error(None, _("The application was not sent. Please send it again."))
        return _halaman(request, layanan, form, None, status=400)
    buang = [n for x in request.POST.getlist("buang_pindaian") if (n := angka(x)) is not None]
    if form.unggahan or buang:
        if tunggu := tunggu_detik(request, "daring"):
            return _halaman(request, layanan, form, None, tunggu=tunggu)
        form.periksa_jumlah()
        sah = sah and not form.errors
        for pk, bersih in form.unggahan.items():
            berkas = request.FILES.get(f"berkas_{pk}_file")
            services.pindaian_simpan(
                layanan=layanan,
                token=token,
                persyaratan=next(p for p in form.persyaratan if p.pk == pk),
                nama_asli=getattr(berkas, "name", "") or "",
                bersih=bersih,
            )
        services.pindaian_buang(kantor_id=kantor_id, token=token, ids=buang)
        form.pindaian = services.pindaian_draf(kantor_id=kantor_id, token=token)
        if buang and sah:  # a scan removed may have been the last of a mandatory document
            sah = not form.berkas_tanpa_pindaian(form.cleaned_data)
    if not sah:
        return _halaman(request, layanan, form, None, status=400)
    return _kirim(request, layanan, form, token)


def _kirim(
    request: HttpRequest, layanan: Layanan, form: FormulirDaring, token: uuid.UUID
) -> HttpResponse:
    cd = form.cleaned_data
    kontak = cd["kontak_telepon"] or cd["kontak_email"]
    if (tunggu := tunggu_detik(request, "daring")) or (
        tunggu := tunggu_detik(request, "daring_kontak", pengenal=kontak.lower())
    ):
        return _halaman(request, layanan, form, None, tunggu=tunggu)
    try:
        d = services.daring_kirim(
            layanan=layanan,
            token=token,
            isian=isian_json(cd, form),
            peringatan=form.peringatan,
            telepon=cd["kontak_telepon"],
            email=cd["kontak_email"],
        )
    except services.DaringDitolak as exc:
        form.add_error(None, str(exc))
        return _halaman(request, layanan, form, None, status=400)
    request.session[KUNCI_KODE] = str(d.token)
    return redirect("layanan:daring-kode")


def _halaman(
    request: HttpRequest,
    layanan: Layanan,
    form: FormulirDaring,
    d: PermohonanDaring | None,
    *,
    status: int = 200,
    tunggu: int = 0,
) -> HttpResponse:
    konteks = {
        "layanan": layanan,
        "form": form,
        "d": d,
        "batas_mb": settings.DINSOS_MAKS_UNGGAHAN_MB,
        "pesan": pesan_tunggu(tunggu) if tunggu else "",
    }
    jawab = render(request, "daring/formulir.html", konteks, status=429 if tunggu else status)
    if tunggu:
        jawab["Retry-After"] = str(tunggu)
    return jawab


@never_cache
def kode(request: HttpRequest) -> HttpResponse:
    d = sd.daring_dengan_token(request.session.get(KUNCI_KODE))
    if d is None or d.status not in (StatusDaring.KODE, StatusDaring.DIKEMBALIKAN):
        return redirect("layanan:daring")
    konteks: dict[str, Any] = {"d": d, "salah": "", "pesan": ""}
    if request.method == "POST":
        if tunggu := tunggu_detik(request, "daring_kode"):
            konteks["pesan"] = pesan_tunggu(tunggu)
            return render(request, "daring/kode.html", konteks, status=429)
        if request.POST.get("ulang"):
            kontak = (d.telepon or d.email).lower()
            if tunggu := tunggu_detik(request, "daring_kontak", pengenal=kontak):
                konteks["pesan"] = pesan_tunggu(tunggu)
                return render(request, "daring/kode.html", konteks, status=429)
            services.kode_kirim_ulang(daring=d)
            konteks["dikirim_ulang"] = True
            return render(request, "daring/kode.html", konteks)
        hasil = services.kode_konfirmasi(daring=d, kode=request.POST.get("kode", "")[:20])
        if hasil.tenggat is None:
            konteks["salah"] = hasil.salah
            return render(request, "daring/kode.html", konteks, status=400)
        # The same page whether the NIK had an application open already or not (issue 21: no
        # enumeration): the tracking code travels only to a confirmed contact, through the outbox.
        request.session.pop(KUNCI_KODE, None)
        request.session[KUNCI_TOKEN] = {}
        request.session[KUNCI_TERKIRIM] = {
            "layanan": d.layanan_id,
            "kontak": samar_kontak(telepon=d.telepon, email=d.email),
            "tenggat": hasil.tenggat.isoformat(),
        }
        return redirect("layanan:daring-terkirim")
    return render(request, "daring/kode.html", konteks)


def samar_kontak(*, telepon: str, email: str) -> str:
    """The contact the code went to, as much as its owner needs to recognise it."""
    if telepon:
        angka_saja = "".join(c for c in telepon if c.isdigit())
        return f"•••• {angka_saja[-4:]}"
    nama, _at, domain = email.partition("@")
    return f"{nama[:1]}•••@{domain}"


@never_cache
def terkirim(request: HttpRequest) -> HttpResponse:
    kabar = request.session.get(KUNCI_TERKIRIM)
    layanan = sd.layanan_daring().filter(pk=kabar.get("layanan")).first() if kabar else None
    if kabar is None or layanan is None:
        return redirect("layanan:daring")
    konteks = {
        "layanan": layanan,
        "kontak": kabar["kontak"],
        "tenggat": dt.datetime.fromisoformat(kabar["tenggat"]),
    }
    return render(request, "daring/terkirim.html", konteks)


@never_cache
@require_POST
def janji(request: HttpRequest) -> HttpResponseBase:
    """Book a visit from the status page, with the tracking code."""
    if tunggu := tunggu_detik(request, "status"):
        return halaman_status(request, pesan=pesan_tunggu(tunggu), tunggu=tunggu)
    kode_lacak = request.POST.get("kode", "").strip().upper().replace(" ", "")
    d = sd.daring_dengan_kode(kode_lacak) if POLA_KODE.match(kode_lacak) else None
    if d is None:
        return halaman_status(request)
    try:
        hasil = janji_pesan(daring=d, kode=request.POST.get("slot", "")[:60])
    except JanjiDitolak as exc:
        return halaman_status(request, pesan=str(exc))
    return halaman_status(
        request,
        sukses=_("Your visit is booked for %(waktu)s.")
        % {"waktu": f"{hasil.tanggal:%d-%m-%Y} {hasil.jam:%H:%M} {hasil.loket}".strip()},
    )


@never_cache
@require_POST
def perbaiki(request: HttpRequest) -> HttpResponse:
    """A returned application, opened again from the status page with its tracking code: the
    form comes back with everything sent, for the missing documents to be added."""
    if tunggu_detik(request, "status"):
        raise Http404
    kode_lacak = request.POST.get("kode", "").strip().upper().replace(" ", "")
    d = sd.daring_dengan_kode(kode_lacak) if POLA_KODE.match(kode_lacak) else None
    if d is None or d.status != StatusDaring.DIKEMBALIKAN:
        raise Http404
    semua = request.session.get(KUNCI_TOKEN, {})
    request.session[KUNCI_TOKEN] = {**semua, str(d.layanan_id): str(d.token)}
    return redirect("layanan:daring-formulir", kode_kantor=d.kantor.kode, kode=d.layanan.kode)
