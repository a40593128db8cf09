"""The signed-in staff member of a request, typed."""

from typing import cast

from django.http import HttpRequest

from layanan.models import Pengguna


def pengguna(request: HttpRequest) -> Pengguna:
    """The request's user; only for views behind login_required or the admin's login."""
    return cast(Pengguna, request.user)
