"""Log lines a deployment can ship and search: one JSON object per line, each carrying the
request id of the request it belongs to, never a NIK or a secret.

Wired by settings.LOGGING (and dinsos/gunicorn.conf.py): `SaringRahasia` on the handler, so it
masks every record whichever logger wrote it; `FormatJson` when DINSOS_LOG_JSON is on.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

id_permintaan: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "id_permintaan", default=None
)

HEADER = "X-Request-ID"
# What we accept from the proxy (nginx's $request_id is 32 hex digits) or a client: anything
# else is replaced, so a crafted header cannot forge or break a log line.
_ID_SAH = re.compile(r"[A-Za-z0-9._-]{8,64}")
# A NIK or a KK number: 16 digits standing alone. Masked wherever it appears in a log line.
_NIK = re.compile(r"(?<!\d)\d{16}(?!\d)")
_KUNCI = (
    r"[\w-]*(?:pass(?:word|wd|phrase)|frasa|sandi|token|secret|rahasia|api[_-]?key|authorization)"
    r"[\w-]*"
)
_KUNCI_RAHASIA = re.compile(_KUNCI, re.IGNORECASE)
# `passphrase=abc`, `'passphrase': 'a b c'`, `"token": "abc"`: the value goes, the key stays.
_NILAI_RAHASIA = re.compile(
    rf"(?i)(\b{_KUNCI}['\"]?\s*[:=]\s*)('[^']*'|\"[^\"]*\"|(?:bearer\s+|basic\s+)?[^'\"\s,;&}}\]]+)"
)
SAMARAN = "***"
# The attributes every LogRecord has; anything else came from `extra=`.
_BAWAAN = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


def samarkan(teks: str) -> str:
    """The text with every NIK and every secret's value masked."""
    return _NILAI_RAHASIA.sub(rf"\1{SAMARAN}", _NIK.sub("[NIK]", teks))


class SaringRahasia(logging.Filter):
    """Masks NIKs and secrets in the message, the traceback and the extra fields, and stamps the
    record with the current request id. A filter of the handler, never of one logger."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = id_permintaan.get()
        try:
            pesan = record.getMessage()
        except Exception:  # a malformed logging call must not raise out of the caller's log line
            pesan = f"{record.msg} {record.args!r}"
        record.msg = samarkan(pesan)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = samarkan(record.exc_text)
        if record.stack_info:
            record.stack_info = samarkan(record.stack_info)
        for kunci, nilai in list(vars(record).items()):
            if kunci in _BAWAAN:
                continue
            if _KUNCI_RAHASIA.fullmatch(kunci):
                setattr(record, kunci, SAMARAN)
            elif isinstance(nilai, str):
                setattr(record, kunci, samarkan(nilai))
        return True


class TanpaDetak(logging.Filter):
    """Leaves out django-tasks' "started"/"finished" lines of the worker's heartbeat (two a
    minute, every minute); its failures stay (layanan.operasi.detak)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, tuple) else ()
        detak = len(args) > 1 and args[1] == "layanan.tasks.detak_pekerja"
        return not detak or record.levelno >= logging.WARNING


class FormatJson(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, request_id, the plain extra
    fields (`extra={"status": 404}`), and the traceback as `exc`."""

    def format(self, record: logging.LogRecord) -> str:
        baris: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        for kunci, nilai in vars(record).items():
            if kunci not in _BAWAAN and isinstance(nilai, str | int | float | bool | None):
                baris.setdefault(kunci, nilai)
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            baris["exc"] = record.exc_text
        if record.stack_info:
            baris["stack"] = record.stack_info
        return json.dumps(baris, ensure_ascii=False, default=str)


_akses = logging.getLogger("dinsos.permintaan")


class IdPermintaanMiddleware:
    """First of all middleware: every request gets an id (the proxy's X-Request-ID when it is a
    sane one, a new one otherwise), every log line written while it is served carries it, and
    the response returns it, so a user's "it failed at 10:02" leads to the lines of that
    request. One access line per request (DINSOS_LOG_AKSES): the path without its query."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        diterima = request.headers.get(HEADER, "")
        nilai = diterima if _ID_SAH.fullmatch(diterima) else uuid.uuid4().hex
        # Set, not reset on return: Django logs a 4xx/5xx after the middleware has returned; the
        # id goes when the response is closed (request_finished, below).
        id_permintaan.set(nilai)
        mulai = time.perf_counter()
        response = self.get_response(request)
        response[HEADER] = nilai
        if settings.DINSOS_LOG_AKSES:
            _catat_akses(request, response, mulai)
        return response


@receiver(request_finished, dispatch_uid="layanan.operasi.jejak.lupakan_id")
def _lupakan_id(**kwargs: Any) -> None:
    id_permintaan.set(None)


def _catat_akses(request: HttpRequest, response: HttpResponse, mulai: float) -> None:
    if getattr(response, "tanpa_log_akses", False):
        return  # a health check that passed: monitors poll it every few seconds
    _akses.info(
        "%s %s %s",
        request.method,
        request.path,
        response.status_code,
        extra={
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "ms": round((time.perf_counter() - mulai) * 1000, 1),
        },
    )
