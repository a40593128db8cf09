"""Shows times in the signed-in user's office time zone (WIB, WITA or WIT); UTC is stored."""

from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.http import HttpRequest, HttpResponse
from django.utils import timezone


class ZonaWaktuKantorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        kantor = getattr(request.user, "kantor", None) if request.user.is_authenticated else None
        if kantor is not None:
            timezone.activate(ZoneInfo(kantor.zona_waktu))
        else:
            timezone.deactivate()
        return self.get_response(request)
