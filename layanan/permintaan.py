"""What a request says about who sent it: the signed-in staff member, the client's address."""

import ipaddress
from functools import lru_cache
from typing import cast

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

from layanan.models import Pengguna

Alamat = ipaddress.IPv4Address | ipaddress.IPv6Address
Jaringan = ipaddress.IPv4Network | ipaddress.IPv6Network


def pengguna(request: HttpRequest) -> Pengguna:
    """The request's user; only for views behind login_required or the admin's login."""
    return cast(Pengguna, request.user)


def angka(nilai: str | None) -> int | None:
    """A positive id or number typed into a form or URL, or None: never an overflow downstream."""
    if nilai is None or not nilai.isascii() or not nilai.isdigit() or len(nilai) > 18:
        return None
    return int(nilai)


def url_publik(request: HttpRequest, path: str) -> str:
    """The absolute address of `path` for what leaves the office (QR codes, links in letters
    and receipts): from DINSOS_URL_PUBLIK, never from the Host header, which the client writes
    and a letter would carry for years. Only in development may the request stand in for it.
    """
    if settings.DINSOS_URL_PUBLIK:
        return settings.DINSOS_URL_PUBLIK + path
    if settings.DEBUG:
        return request.build_absolute_uri(path)
    raise ImproperlyConfigured("DINSOS_URL_PUBLIK must be set (e.g. https://layanan.dinsos.go.id).")


def alamat_klien(request: HttpRequest) -> str | None:
    """The client's IP address, the one place every rate limit, lockout and access log reads it.

    X-Forwarded-For is anyone's to write, so it counts only when the connection comes from a
    proxy of ours (DINSOS_PROXY_TEPERCAYA); then the client is the right-most address in it that
    is not one of our proxies: what our outermost proxy saw, whatever the client put before it.
    """
    langsung = _ip(request.META.get("REMOTE_ADDR", ""))
    if not _tepercaya(langsung):
        return str(langsung) if langsung else None
    terakhir = langsung
    for bagian in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        alamat = _ip(bagian)
        if alamat is None:
            break  # our proxies write addresses; anything else came from the client
        if not _tepercaya(alamat):
            return str(alamat)
        terakhir = alamat
    return str(terakhir) if terakhir else None


def _ip(teks: str) -> Alamat | None:
    try:
        return ipaddress.ip_address(teks.strip())
    except ValueError:
        return None


def _tepercaya(alamat: Alamat | None) -> bool:
    proxy = tuple(settings.DINSOS_PROXY_TEPERCAYA)
    if alamat is None:
        # gunicorn on a unix socket gives no address: only a local proxy can reach it.
        return "unix" in proxy
    return any(alamat in jaringan for jaringan in _jaringan(proxy))


@lru_cache(maxsize=8)
def _jaringan(proxy: tuple[str, ...]) -> tuple[Jaringan, ...]:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxy if p != "unix")
