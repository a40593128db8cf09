"""Where citizens answer the satisfaction survey, without an account: the phone page reached by
the receipt's QR code (or by typing the tracking code), one answer per application; and the
kiosk, a tablet at the loket opened by the token its administrator created, which starts over
after each answer. Writes are limited per address (phone) and per kiosk."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from layanan import selectors
from layanan.batas import pesan_tunggu, tunggu_detik
from layanan.forms.ikm import FormulirIkm, FormulirKode, FormulirPasangKios
from layanan.ikm import selectors as si
from layanan.ikm import services
from layanan.models import KiosIkm, Permohonan, SaluranIkm
from layanan.views.publik import POLA_KODE

KUKI_KIOS = "ikm_kios"
KUNCI_SELESAI = "ikm_selesai"


def _batas(request: HttpRequest, tujuan: str, pengenal: str | None = None) -> HttpResponse | None:
    """A page saying how long to wait, or None while the client may go on."""
    if tunggu := tunggu_detik(request, tujuan, pengenal=pengenal):
        jawab = render(request, "ikm/tunggu.html", {"pesan": pesan_tunggu(tunggu)}, status=429)
        jawab["Retry-After"] = str(tunggu)
        return jawab
    return None


# ---------------------------------------------------------------------------
# The phone page
# ---------------------------------------------------------------------------
@never_cache
def mulai(request: HttpRequest) -> HttpResponse:
    """Type the tracking code of the receipt; it leads to that application's questionnaire."""
    form = FormulirKode(request.POST or None)
    if request.method == "POST":
        if tolak := _batas(request, "ikm"):
            return tolak
        if form.is_valid():
            kode = form.cleaned_data["kode"].strip().upper().replace(" ", "")
            p = selectors.permohonan_dengan_kode(kode) if POLA_KODE.match(kode) else None
            p = si.permohonan_survei(p.pk) if p is not None else None
            if p is not None:
                return redirect("layanan:ikm-isi", token=si.token_tautan(p))
            form.add_error("kode", _("No application has this tracking code. Check it again."))
    return render(request, "ikm/mulai.html", {"form": form}, status=400 if form.errors else 200)


@never_cache
def isi(request: HttpRequest, token: str) -> HttpResponse:
    p = si.permohonan_dari_token(token)
    if p is None:
        return render(request, "ikm/tautan_salah.html", status=404)
    if services.sudah_dijawab(p):
        return _sudah(request, p)
    sebagian = services.izinkan_sebagian(p.kantor)
    form = FormulirIkm(request.POST or None, kantor=p.kantor, layanan_tetap=True, sebagian=sebagian)
    if request.method == "POST":
        if tolak := _batas(request, "ikm"):
            return tolak
        if form.is_valid():
            try:
                services.jawaban_simpan(
                    kantor=p.kantor,
                    isian=form.isian(p.layanan),
                    saluran=SaluranIkm.TAUTAN,
                    permohonan=p,
                )
            except services.SudahDijawab:
                return _sudah(request, p)
            except services.JawabanDitolak as exc:
                form.add_error(None, str(exc))
            else:
                request.session[KUNCI_SELESAI] = p.kantor.kode
                return redirect("layanan:ikm-terima-kasih")
    konteks = {"form": form, "kantor": p.kantor, "layanan": p.layanan, "sebagian": sebagian}
    return render(request, "ikm/isi.html", konteks, status=400 if form.errors else 200)


def _sudah(request: HttpRequest, p: Permohonan) -> HttpResponse:
    return render(request, "ikm/sudah.html", {"kantor": p.kantor}, status=409)


@never_cache
def terima_kasih(request: HttpRequest) -> HttpResponse:
    kode = request.session.get(KUNCI_SELESAI)
    kantor = si.kantor_publik(kode) if kode else None
    return render(request, "ikm/terima_kasih.html", {"kantor": kantor})


# ---------------------------------------------------------------------------
# The kiosk
# ---------------------------------------------------------------------------
def _kios(request: HttpRequest) -> KiosIkm | None:
    return services.kios_dari_token(request.COOKIES.get(KUKI_KIOS, ""))


@never_cache
def kios(request: HttpRequest) -> HttpResponse:
    k = _kios(request)
    if k is None:
        return redirect("layanan:ikm-kios-pasang")
    if not k.aktif:
        return render(request, "ikm/kios_dicabut.html", status=403)
    sebagian = services.izinkan_sebagian(k.kantor)
    form = FormulirIkm(request.POST or None, kantor=k.kantor, sebagian=sebagian)
    if request.method == "POST":
        if tolak := _batas(request, "ikm_kios", pengenal=f"kios-{k.pk}"):
            return tolak
        if form.is_valid():
            try:
                services.jawaban_simpan(
                    kantor=k.kantor, isian=form.isian(), saluran=SaluranIkm.KIOS, kios=k
                )
            except services.JawabanDitolak as exc:
                form.add_error(None, str(exc))
            else:
                return redirect("layanan:ikm-kios-terima-kasih")
    konteks = {"form": form, "kantor": k.kantor, "kios": k, "sebagian": sebagian}
    return render(request, "ikm/kios.html", konteks, status=400 if form.errors else 200)


@never_cache
def kios_terima_kasih(request: HttpRequest) -> HttpResponse:
    k = _kios(request)
    if k is None or not k.aktif:
        return redirect("layanan:ikm-kios")
    return render(request, "ikm/kios_terima_kasih.html", {"kantor": k.kantor, "detik": 8})


@never_cache
def kios_pasang(request: HttpRequest) -> HttpResponse:
    """Set a tablet up as a kiosk: the token is typed (or pasted) once and kept in a cookie
    only this browser sends; the server keeps only its hash."""
    form = FormulirPasangKios(request.POST or None)
    if request.method == "POST":
        if tolak := _batas(request, "ikm"):
            return tolak
        if form.is_valid():
            token = form.cleaned_data["token"].strip()
            k = services.kios_dari_token(token)
            if k is None:
                form.add_error("token", _("This is not a kiosk token of any office."))
            elif not k.aktif:
                form.add_error("token", _("This kiosk was revoked."))
            else:
                jawab = HttpResponseRedirect(reverse("layanan:ikm-kios"))
                jawab.set_cookie(
                    KUKI_KIOS,
                    token,
                    max_age=400 * 24 * 3600,
                    httponly=True,
                    secure=settings.SESSION_COOKIE_SECURE,
                    samesite="Lax",
                )
                return jawab
    return render(
        request, "ikm/kios_pasang.html", {"form": form}, status=400 if form.errors else 200
    )
