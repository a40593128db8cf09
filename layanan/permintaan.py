"""The signed-in staff member of a request, typed."""

from typing import cast

from django.http import HttpRequest

from layanan.models import Pengguna


def pengguna(request: HttpRequest) -> Pengguna:
    """The request's user; only for views behind login_required or the admin's login."""
    return cast(Pengguna, request.user)


def angka(nilai: str | None) -> int | None:
    """A positive id or number typed into a form or URL, or None: never an overflow downstream."""
    if nilai is None or not nilai.isascii() or not nilai.isdigit() or len(nilai) > 18:
        return None
    return int(nilai)
