"""What a signed-in session must still do: log in again after an idle time, or give a code from
its authenticator app (or set one up) before any page of work."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from layanan.masuk.dua_langkah import KUNCI_SESI, Keadaan, keadaan_untuk
from layanan.masuk.sesi import tandai_aktif

KUNCI_AUTH = "_auth_user_id"
# Pages a session that still owes a code may open: the code pages themselves, logging out and
# the language switch. Every other page of ours waits for the code, the public ones too (simpler
# than a list to keep in step, and a half-logged-in session has no business there either).
BEBAS = {
    "login",
    "logout",
    "set_language",
    "layanan:dua-langkah",
    "layanan:dua-langkah-verifikasi",
    "layanan:dua-langkah-kode",
}


def _kembali_ke(request: HttpRequest, nama: str) -> HttpResponse:
    tujuan = reverse(nama)
    if request.method == "GET":
        tujuan += "?" + urlencode({"next": request.get_full_path()})
    return redirect(tujuan)


class SesiDiamMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if KUNCI_AUTH in request.session and not tandai_aktif(request):
            logout(request)
            menit = settings.DINSOS_SESI_DIAM_MENIT
            messages.info(
                request,
                _("You were logged out after %(n)s minutes without activity. Please log in again.")
                % {"n": menit},
            )
            return _kembali_ke(request, "login")
        return self.get_response(request)


class DuaLangkahMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if KUNCI_AUTH not in request.session:
            return self.get_response(request)
        keadaan = request.session.get(KUNCI_SESI)
        if keadaan == Keadaan.BEBAS:
            return self.get_response(request)
        # A session its account no longer accepts (password or session stamp changed) is
        # anonymous from here on: login_required sends it to the login page.
        if not request.user.is_authenticated or request.user.is_verified():  # type: ignore[union-attr,attr-defined]
            return self.get_response(request)
        if keadaan is None:  # a session from before two-step login existed
            keadaan = request.session[KUNCI_SESI] = keadaan_untuk(request.user)  # type: ignore[arg-type]
            if keadaan == Keadaan.BEBAS:
                return self.get_response(request)
        if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return self.get_response(request)
        try:
            nama = resolve(request.path_info).view_name
        except Resolver404:
            return self.get_response(request)
        if nama in BEBAS or not nama.startswith(("layanan:", "admin:")):
            return self.get_response(request)
        if keadaan == Keadaan.DAFTAR:
            return _kembali_ke(request, "layanan:dua-langkah")
        return _kembali_ke(request, "layanan:dua-langkah-verifikasi")
