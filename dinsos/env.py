"""Typed readers of environment variables that fail loudly on a bad value."""

import ipaddress
import os
import re
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on", "ya"}
_FALSE = {"0", "false", "no", "off", "tidak", ""}
_NAMA = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

SECRET_KEY_MISSING = (
    "DJANGO_SECRET_KEY is not set: set DJANGO_SECRET_KEY, or for development put DJANGO_DEBUG=1 "
    "in .env beside manage.py (bin/run writes one); see README.md, Configuration."
)


def read_env_file(path: str) -> None:
    """Put the KEY=VALUE lines of a development .env into the environment; "" or a missing file
    reads nothing. The real environment always wins, so nothing a deployment sets is overridden.
    Blank lines and # comments are skipped, `export ` and quotes around a value are allowed. A
    malformed line stops start-up and sets nothing; its text is not shown (it may be a secret).
    """
    if not path or not os.path.isfile(path):
        return
    nilai: dict[str, str] = {}
    with open(path, encoding="utf-8") as berkas:
        for nomor, baris in enumerate(berkas, start=1):
            baris = baris.strip()
            if not baris or baris.startswith("#"):
                continue
            kunci, sama, isi = baris.removeprefix("export ").partition("=")
            kunci, isi = kunci.strip(), isi.strip()
            if not sama or not _NAMA.fullmatch(kunci):
                raise ImproperlyConfigured(f"{path}, line {nomor}: expected KEY=VALUE.")
            if len(isi) >= 2 and isi[0] == isi[-1] and isi[0] in "'\"":
                isi = isi[1:-1]
            nilai[kunci] = isi
    for kunci, isi in nilai.items():
        os.environ.setdefault(kunci, isi)


def env_str(name: str, default: str | None = None, missing: str = "") -> str:
    """`missing`: the error to give when the variable is unset and has no default."""
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(missing or f"Environment variable {name} must be set.")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    lowered = raw.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false).")


def env_int(name: str, default: int, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r} must be at least {minimum}.")
    return value


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_networks(name: str, default: str = "") -> list[str]:
    """Comma-separated IP addresses or CIDR networks (and `unix`, a local socket)."""
    items = env_list(name, default)
    for item in items:
        if item == "unix":
            continue
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"{name}: {item!r} is not an IP address or a network (e.g. 10.0.0.0/8)."
            ) from None
    return items


def env_url(name: str, default: str = "") -> str:
    """An http(s) origin such as https://layanan.dinsos.example.go.id, without a trailing slash."""
    raw = os.environ.get(name, default).strip()
    if not raw:
        return ""
    parts = urlsplit(raw)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
    ):
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a site address like https://layanan.dinsos.example.go.id "
            "(http or https, a host, no path)."
        )
    return raw.rstrip("/")


def env_header(name: str) -> str:
    """An HTTP header name (X-Forwarded-Proto) as Django's request.META key, or "" when unset."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return ""
    if not re.fullmatch(r"[A-Za-z0-9]+(-[A-Za-z0-9]+)*", raw):
        raise ImproperlyConfigured(f"{name}={raw!r} is not an HTTP header name.")
    return "HTTP_" + raw.upper().replace("-", "_")


def env_pilihan(name: str, default: str, pilihan: tuple[str, ...]) -> str:
    """One of a few words (a setting with a closed list of values)."""
    raw = os.environ.get(name, default).strip().lower()
    if raw not in pilihan:
        raise ImproperlyConfigured(f"{name}={raw!r} must be one of: {', '.join(pilihan)}.")
    return raw


def env_url_s3(name: str) -> str:
    """An object store's address (https://s3.example.go.id or http://127.0.0.1:9000), or ""."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return ""
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not an object store's address like https://s3.example.go.id."
        )
    return raw.rstrip("/")
