"""Per-request locale: the office's time zone (WIB, WITA or WIT) and the UI language."""

from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers


class ZonaWaktuKantorMiddleware:
    """Shows times in the signed-in user's office time zone; UTC is what is stored."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        kantor = getattr(request.user, "kantor", None) if request.user.is_authenticated else None
        if kantor is not None:
            timezone.activate(ZoneInfo(kantor.zona_waktu))
        else:
            timezone.deactivate()
        return self.get_response(request)


class BahasaMiddleware:
    """Indonesian unless the user chose otherwise (the language cookie set by /i18n/setlang/).

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many office PCs run
    an English Windows/Chrome: the UI must still open in Indonesian there.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        pilihan = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        bahasa = pilihan if pilihan in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(bahasa)
        request.LANGUAGE_CODE = bahasa  # type: ignore[attr-defined]
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", bahasa)
        return response
