"""Login throttling (django-axes): the page a locked-out login gets."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def halaman_terkunci(
    request: HttpRequest, response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """Too many wrong passwords for this username from this address: 429, when to try again."""
    menit = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/terkunci.html", {"menit": menit}, status=429)
