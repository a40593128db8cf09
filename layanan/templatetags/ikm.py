"""Template tags of the satisfaction survey: whether the navbar offers it to the user."""

from __future__ import annotations

from typing import Any

from django import template

from layanan.ikm.selectors import boleh_kelola

register = template.Library()


@register.simple_tag
def boleh_ikm(user: Any) -> bool:
    """Does the user run their office's survey (its administrator, or a role its settings name)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "kantor_id", None):
        return False
    return boleh_kelola(user)
