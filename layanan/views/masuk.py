"""Two-step login pages: the code after the password, setting up an app, the recovery codes."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import user_has_device

from layanan.forms.masuk import FormulirKode
from layanan.masuk.dua_langkah import (
    KUNCI_SESI,
    Keadaan,
    dua_langkah_pasang,
    dua_langkah_periksa,
    kunci_teks,
    perangkat_baru,
    perlu_dua_langkah,
    qr_svg,
)
from layanan.permintaan import pengguna

KUNCI_KODE_BARU = "dinsos_kode_cadangan_baru"
PESAN_KODE_SALAH = gettext_lazy(
    "That code is not right, or was already used. Wait a moment and try again."
)


def _tujuan(request: HttpRequest) -> str:
    nilai = request.POST.get("next") or request.GET.get("next") or ""
    aman = url_has_allowed_host_and_scheme(
        nilai, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return nilai if aman else settings.LOGIN_REDIRECT_URL


def _terverifikasi(request: HttpRequest) -> bool:
    return bool(request.user.is_verified())  # type: ignore[union-attr]


@never_cache
@sensitive_post_parameters("kode")
@login_required
def verifikasi(request: HttpRequest) -> HttpResponse:
    """After the password: a code from the app, or one recovery code."""
    user = pengguna(request)
    if _terverifikasi(request):
        return redirect(_tujuan(request))
    if not user_has_device(user):
        return redirect("layanan:dua-langkah")
    form = FormulirKode(request.POST or None)
    if request.method == "POST" and form.is_valid():
        perangkat = dua_langkah_periksa(user=user, token=form.cleaned_data["kode"], request=request)
        if perangkat is not None:
            request.session.cycle_key()  # a new session id for the fully logged-in session
            otp_login(request, perangkat)
            request.session[KUNCI_SESI] = Keadaan.VERIFIKASI
            return redirect(_tujuan(request))
        form.add_error("kode", PESAN_KODE_SALAH)
    konteks = {"form": form, "next": _tujuan(request)}
    return render(request, "registration/dua_langkah_verifikasi.html", konteks)


@never_cache
@sensitive_post_parameters("kode")
@login_required
def pasang(request: HttpRequest) -> HttpResponse:
    """Set up (or replace) the authenticator app: a QR code, then one code from the app."""
    user = pengguna(request)
    if user_has_device(user) and not _terverifikasi(request):
        return redirect("layanan:dua-langkah-verifikasi")  # replacing one needs the old one
    perangkat = perangkat_baru(user)
    form = FormulirKode(request.POST or None)
    if request.method == "POST" and form.is_valid():
        kode = dua_langkah_pasang(
            user=user, perangkat=perangkat, token=form.cleaned_data["kode"], request=request
        )
        if kode is not None:
            request.session.cycle_key()
            perangkat.refresh_from_db()
            otp_login(request, perangkat)
            request.session[KUNCI_SESI] = Keadaan.VERIFIKASI
            request.session[KUNCI_KODE_BARU] = kode
            return redirect("layanan:dua-langkah-kode")
        form.add_error("kode", PESAN_KODE_SALAH)
    konteks = {
        "form": form,
        "qr": qr_svg(perangkat),
        "kunci": kunci_teks(perangkat),
        "sudah_ada": user_has_device(user),
        "wajib": settings.DINSOS_WAJIB_2FA and perlu_dua_langkah(user),
    }
    return render(request, "registration/dua_langkah_pasang.html", konteks)


@never_cache
@login_required
def kode_cadangan(request: HttpRequest) -> HttpResponse:
    """The recovery codes, shown once: they leave the session as this page is made."""
    kode = request.session.pop(KUNCI_KODE_BARU, None)
    if not kode:
        messages.info(request, _("Recovery codes are shown only once, right after setting up."))
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "registration/dua_langkah_kode.html", {"kode": kode})
