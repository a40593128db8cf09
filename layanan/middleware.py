"""Per request: the office's time zone (WIB, WITA or WIT), the UI language, no caching, the
largest body accepted."""

from collections.abc import Callable
from functools import wraps
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
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


class BatasBadanMiddleware:
    """Refuses with 413, before a byte of it is read, a request body larger than its sender may
    send: someone not signed in DINSOS_MAKS_BADAN_ANONIM (a few KB for a form, more for the
    pages that take a file, by URL name), staff DINSOS_MAKS_BADAN_STAF.

    Django's DATA_UPLOAD_MAX_MEMORY_SIZE leaves out file uploads, which it streams to disk
    whole: a 200 MB POST to the public verification page was read to the end. A body without
    Content-Length is cut off past the cap too. Listed before CsrfViewMiddleware, whose
    process_view is the first to read the body.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "_badan_terlalu_besar", None):
            return _terlalu_besar(request, request._badan_terlalu_besar)  # type: ignore[attr-defined]
        return response

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        batas = batas_badan(request)
        try:
            panjang = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            panjang = 0
        if panjang > batas:
            return _terlalu_besar(request, batas)
        request._stream = _AliranTerbatas(request, batas)  # type: ignore[assignment]
        return None


def batas_badan(request: HttpRequest) -> int:
    """The largest body, in bytes, this request may carry."""
    if request.user.is_authenticated:
        return int(settings.DINSOS_MAKS_BADAN_STAF)
    batas: dict[str, int] = settings.DINSOS_MAKS_BADAN_ANONIM
    halaman = request.resolver_match.view_name if request.resolver_match else ""
    return batas.get(halaman, batas[""])


class _AliranTerbatas:
    """The body stream, which stops with RequestDataTooBig past the cap."""

    def __init__(self, request: HttpRequest, batas: int):
        self.request, self.aliran, self.batas, self.dibaca = request, request._stream, batas, 0  # type: ignore[attr-defined]

    def _hitung(self, data: bytes) -> bytes:
        self.dibaca += len(data)
        if self.dibaca > self.batas:
            self.request._badan_terlalu_besar = self.batas  # type: ignore[attr-defined]
            raise RequestDataTooBig("The request body is larger than this page accepts.")
        return data

    def _sisa(self, size: int) -> int:
        sisa = self.batas + 1 - self.dibaca  # one byte past the cap is enough to know
        return sisa if size < 0 else min(size, sisa)

    def read(self, size: int = -1, /) -> bytes:
        return self._hitung(self.aliran.read(self._sisa(size)))

    def readline(self, size: int = -1, /) -> bytes:
        return self._hitung(self.aliran.readline(self._sisa(size)))

    def close(self) -> None:
        """The server closes the request's stream when the response is done (runserver,
        the test server): close the one underneath."""
        tutup = getattr(self.aliran, "close", None)
        if tutup is not None:
            tutup()


def _terlalu_besar(request: HttpRequest, batas: int) -> HttpResponse:
    return render(request, "413.html", {"batas": batas}, status=413)
