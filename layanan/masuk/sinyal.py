"""At each login (the form's, the admin's, a test client's): what the session owes for two-step
login, decided once so no request pays a query for it, and its idle clock started. django-otp
hooks the same signal for the same reason; connected in LayananConfig.ready()."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from layanan.masuk.dua_langkah import KUNCI_SESI, keadaan_untuk
from layanan.masuk.sesi import tandai_aktif


def setelah_masuk(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    request.session[KUNCI_SESI] = keadaan_untuk(user)
    tandai_aktif(request, paksa=True)
