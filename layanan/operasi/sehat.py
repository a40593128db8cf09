"""The health endpoint for the proxy and monitoring: /sehat/ (database, storage, the worker's
heartbeat, free disk) and /sehat/web/ (the same without the worker: whether this server can serve,
for a load balancer, which must not take every web server out when only the worker is late).

200 with {"status": "ok"} when every check passes, 503 with {"status": "fail"} otherwise. The
per-check detail (timings, the heartbeat's age, free space; an error's class, never its text)
only for `Authorization: Bearer <DINSOS_SEHAT_TOKEN>`: the internet learns no more than up or down.
No personal data either way.
"""

from __future__ import annotations

import hmac
import logging
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from layanan.operasi import detak

logger = logging.getLogger(__name__)

PATH_SEMUA = "/sehat/"
PATH_WEB = "/sehat/web/"
Hasil = dict[str, Any]


def periksa_database() -> Hasil:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {}


def _penyimpanan() -> dict[str, Storage]:
    """Every storage of settings.STORAGES but the static files' (which WhiteNoise reads)."""
    return {alias: storages[alias] for alias in settings.STORAGES if alias != "staticfiles"}


def periksa_penyimpanan() -> Hasil:
    """Write, read back and delete a small object through each storage the scans, letters and
    logos use (this server's folder or the S3 bucket)."""
    for penyimpanan in _penyimpanan().values():
        isi = uuid.uuid4().hex.encode()
        nama = penyimpanan.save(f"sehat/{uuid.uuid4().hex}.txt", ContentFile(isi))
        try:
            with penyimpanan.open(nama, "rb") as berkas:
                if berkas.read() != isi:
                    raise OSError("the storage returned other bytes")
        finally:
            penyimpanan.delete(nama)
    return {}


def periksa_pekerja() -> Hasil:
    waktu = detak.terakhir()
    if waktu is None:
        return {"ok": False, "heartbeat_age_s": None}
    umur = round((timezone.now() - waktu).total_seconds())
    return {"ok": umur <= settings.DINSOS_SEHAT_PEKERJA_MAKS_DETIK, "heartbeat_age_s": umur}


def _folder_diperiksa() -> dict[str, Path]:
    """Where this server writes: uploads spool and PDFs render in the temp folder; scans live in
    the storages' folders unless they are buckets; an SQLite database beside them."""
    folder = {"tmp": Path(tempfile.gettempdir())}
    for alias, penyimpanan in _penyimpanan().items():
        if isinstance(penyimpanan, FileSystemStorage):
            folder[f"storage:{alias}"] = Path(penyimpanan.location)
    if connection.vendor == "sqlite":
        folder["database"] = Path(str(connection.settings_dict["NAME"])).parent
    return folder


def periksa_disk() -> Hasil:
    minimum = settings.DINSOS_SEHAT_DISK_MIN_MB
    bebas = {
        nama: shutil.disk_usage(path).free // (1024 * 1024)
        for nama, path in _folder_diperiksa().items()
        if path.exists()
    }
    return {"ok": all(mb >= minimum for mb in bebas.values()), "free_mb": bebas}


PEMERIKSAAN: dict[str, Callable[[], Hasil]] = {
    "database": periksa_database,
    "storage": periksa_penyimpanan,
    "worker": periksa_pekerja,
    "disk": periksa_disk,
}


def periksa(nama_nama: list[str]) -> dict[str, Hasil]:
    """Run each check; one that raises fails alone (its error's class is kept, the rest logged)."""
    hasil: dict[str, Hasil] = {}
    for nama in nama_nama:
        mulai = time.perf_counter()
        try:
            satu = {"ok": True, **PEMERIKSAAN[nama]()}
        except Exception as galat:
            logger.warning("health check %s failed: %r", nama, galat)
            satu = {"ok": False, "error": type(galat).__name__}
        satu["ms"] = round((time.perf_counter() - mulai) * 1000, 1)
        hasil[nama] = satu
    return hasil


# The last result per path and process, for DINSOS_SEHAT_SIMPAN_DETIK: whoever polls, the
# storage sees at most one write a few seconds per process (with a bucket, each costs a request).
_terakhir: dict[str, tuple[float, dict[str, Hasil]]] = {}


def _hasil(path: str) -> dict[str, Hasil]:
    simpan = settings.DINSOS_SEHAT_SIMPAN_DETIK
    lalu = _terakhir.get(path)
    if lalu and time.monotonic() - lalu[0] < simpan:
        return lalu[1]
    nama_nama = [n for n in PEMERIKSAAN if not (path == PATH_WEB and n == "worker")]
    hasil = periksa(nama_nama)
    _terakhir[path] = (time.monotonic(), hasil)
    return hasil


def _boleh_rinci(request: HttpRequest) -> bool:
    token = settings.DINSOS_SEHAT_TOKEN
    diberikan = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    return bool(token) and hmac.compare_digest(diberikan.encode(), token.encode())


def tanggapan_sehat(request: HttpRequest, path: str) -> HttpResponse:
    if request.method not in ("GET", "HEAD"):
        return JsonResponse({"status": "fail"}, status=405, headers={"Allow": "GET, HEAD"})
    hasil = _hasil(path)
    sehat = all(satu["ok"] for satu in hasil.values())
    isi: dict[str, Any] = {"status": "ok" if sehat else "fail"}
    if _boleh_rinci(request):
        isi["checks"] = hasil
    response = JsonResponse(isi, status=200 if sehat else 503)
    response["Cache-Control"] = "no-store"
    response.tanpa_log_akses = sehat  # type: ignore[attr-defined]
    return response


class SehatMiddleware:
    """Answers /sehat/ and /sehat/web/ before any other middleware: a monitor or load balancer
    asks the app server directly (http, its own address as Host), which the https redirect and
    ALLOWED_HOSTS would refuse, and it needs no session, user or CSRF. Never rate-limited: the
    result is reused for a few seconds instead."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info in (PATH_SEMUA, PATH_WEB):
            return tanggapan_sehat(request, request.path_info)
        return self.get_response(request)
