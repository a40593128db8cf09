"""Template context every page gets: the signed-in user's office and its local time."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from layanan.models import ZonaWaktu

SINGKATAN_ZONA = {z.value: z.name for z in ZonaWaktu}  # "Asia/Makassar" → "WITA"


def kantor(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    kantor_aktif = getattr(user, "kantor", None) if user else None
    return {
        "kantor_aktif": kantor_aktif,
        "sekarang": timezone.localtime(),
        "zona_singkat": SINGKATAN_ZONA.get(timezone.get_current_timezone_name(), "UTC"),
    }
