"""Per request: the office's time zone (WIB, WITA or WIT), the UI language, no caching."""

from collections.abc import Callable
from functools import wraps
from typing import Any
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


class TanpaSimpanMiddleware:
    """`Cache-Control: no-store, private` on every response Django makes, unless its view is
    marked with `boleh_disimpan`.

    Nearly every page and download carries a citizen's data (applications, receipts, letters,
    scans, exports, queues, inboxes, the admin, the public status and verification pages): no
    browser history, shared office PC or proxy may keep a copy. One rule for all, so a new view
    cannot forget it. Static files never get here: WhiteNoise answers them first, with its own
    long caching.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not getattr(response, "boleh_disimpan", False):
            response.headers["Cache-Control"] = "no-store, private"
        return response


def boleh_disimpan(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Marks a view whose responses hold nothing personal and may keep their own caching."""

    @wraps(view)
    def dibungkus(*args: Any, **kwargs: Any) -> HttpResponse:
        response = view(*args, **kwargs)
        response.boleh_disimpan = True  # type: ignore[attr-defined]
        return response

    return dibungkus
