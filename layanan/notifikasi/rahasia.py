"""Providers' tokens at rest: encrypted with a key the database does not hold (DINSOS_KUNCI_RAHASIA,
else derived from SECRET_KEY), or read from an environment variable the row names. Never shown
back: the admin only says whether one is set."""

from __future__ import annotations

import base64
import hashlib
import os

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

from layanan.models import SaluranKantor


def _fernet() -> Fernet:
    bahan = os.environ.get("DINSOS_KUNCI_RAHASIA") or f"notifikasi:{settings.SECRET_KEY}"
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(bahan.encode()).digest()))


def sandikan(token: str) -> str:
    return _fernet().encrypt(token.encode()).decode()


def token(s: SaluranKantor) -> str:
    """The channel's token, or "" (none set, or a key that changed since: type it again)."""
    if s.rahasia_env.startswith("DINSOS_TOKEN_"):
        return os.environ.get(s.rahasia_env, "")
    if not s.rahasia:
        return ""
    try:
        return _fernet().decrypt(s.rahasia.encode()).decode()
    except InvalidToken:
        return ""
