"""Where each user lands after logging in: their own work, not a page they must leave."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from layanan import selectors
from layanan.permintaan import pengguna


@login_required
def setelah_masuk(request: HttpRequest) -> HttpResponse:
    """LOGIN_REDIRECT_URL: a login with an explicit `next` goes there instead (Django's own)."""
    user = pengguna(request)
    if selectors.layanan_loket_untuk(user):
        return redirect("layanan:antrean")  # the loket serves today's queue
    if selectors.layanan_ids_untuk_peran(user).exists():
        return redirect("layanan:tugas-saya")  # roles that check, initial or sign
    if user.is_superuser or user.adalah_admin_kantor:
        return redirect("admin:index")
    return redirect("layanan:beranda")
