"""Template tags of complaints: whether the navbar offers them to the signed-in user."""

from __future__ import annotations

from typing import Any

from django import template

from layanan.pengaduan.selectors import akses_untuk

register = template.Library()


@register.simple_tag
def boleh_pengaduan(user: Any) -> bool:
    """Does one of the user's roles take part in their office's complaints (read once per
    request: kept on the user object the request carries)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "kantor_id", None):
        return False
    return akses_untuk(user).menu
