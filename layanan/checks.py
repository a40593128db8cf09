"""Deployment checks of our own, run by `manage.py check --deploy` beside Django's."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, register
from django.core.checks import Warning as Peringatan


@register(Tags.security, deploy=True)
def periksa_alamat_publik(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    hasil: list[CheckMessage] = []
    url = settings.DINSOS_URL_PUBLIK
    if not url:
        hasil.append(
            Peringatan(
                "DINSOS_URL_PUBLIK is not set: letters and receipts cannot carry a QR code or "
                "link to this site (signing fails).",
                hint="Set it to the site's public address, e.g. https://layanan.dinsos.go.id.",
                id="layanan.W001",
            )
        )
    elif not url.startswith("https://"):
        hasil.append(
            Peringatan(
                "DINSOS_URL_PUBLIK is not https: citizens would check letters over plain http.",
                id="layanan.W002",
            )
        )
    proxy_tanpa_header = settings.DINSOS_PROXY_TEPERCAYA and not settings.SECURE_PROXY_SSL_HEADER
    if settings.SECURE_SSL_REDIRECT and proxy_tanpa_header:
        hasil.append(
            Peringatan(
                "Behind a proxy with SECURE_SSL_REDIRECT on but no DJANGO_PROXY_SSL_HEADER: every "
                "request looks like http and is redirected forever.",
                hint="Set DJANGO_PROXY_SSL_HEADER=X-Forwarded-Proto (the proxy sets it).",
                id="layanan.W003",
            )
        )
    return hasil
