"""The HTTP source: a provincial or central JSON service the office configures.

Contract of the service: GET <url>?nik=<nik> (or ?kk=<kk>) with "Authorization: Bearer <token>"
answers 200 with {"terdaftar": bool, "periode": str, "data": [person, ...]}, each person with
nik, nomor_kk, id_dtks, nama, alamat, kelurahan, desil and program (a list). Anything else —
a timeout, a refused connection, a 5xx, JSON of another shape — is "unavailable", never "not found".

The office's timeout is the TOTAL time one lookup may take, retries included, and a caller may
set an instant no lookup runs past (the whole check of an application). A socket timeout alone
is no bound: it restarts on every byte, so a source dripping a byte a second would hold the
request for as long as it liked.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from layanan.dtks import HasilDtks, OrangDtks, tidak_tersedia
from layanan.models import StatusDtks
from layanan.models.dtks import HTTP_TIMEOUT_MAKS, HTTP_TIMEOUT_MIN

PERCOBAAN = 3
JEDA = 0.2  # seconds between attempts, doubled each time
UKURAN_MAKS = 2_000_000  # bytes of one answer


class AdapterHttp:
    def __init__(self, *, url: str, token: str, timeout: float, tenggat: float | None = None):
        """`timeout`: seconds one lookup may take in all; `tenggat`: a `time.monotonic()`
        instant no lookup may run past."""
        self.url, self.token, self.tenggat = url, token, tenggat
        # A row saved before the form refused such values must neither stall nor crash a check
        # (written so that NaN, which compares false, lands on the minimum).
        detik = float(timeout)
        self.timeout = (
            min(detik, HTTP_TIMEOUT_MAKS) if detik >= HTTP_TIMEOUT_MIN else HTTP_TIMEOUT_MIN
        )

    def cari_nik(self, nik: str) -> HasilDtks:
        return self._tanya({"nik": nik})

    def cari_kk(self, nomor_kk: str) -> HasilDtks:
        return self._tanya({"kk": nomor_kk})

    def _tanya(self, parameter: dict[str, str]) -> HasilDtks:
        if not self.url:
            return tidak_tersedia(_("The HTTP source has no URL configured."))
        mulai = time.monotonic()
        batas = mulai + self.timeout
        if self.tenggat is not None and self.tenggat < batas:
            batas = self.tenggat
        izin = max(batas - mulai, 0.0)
        galat = _("The check ran out of time before this lookup could be made.")
        for percobaan in range(PERCOBAAN):
            if percobaan:
                jeda = JEDA * 2 ** (percobaan - 1)
                if time.monotonic() + jeda >= batas:
                    break  # no time left for another attempt: say what the last one met
                time.sleep(jeda)
            if time.monotonic() >= batas:
                break
            try:
                return self._baca(self._minta(parameter, batas, izin))
            except _Sementara as exc:  # worth another try
                galat = str(exc)
            except _Permanen as exc:
                return tidak_tersedia(str(exc))
        return tidak_tersedia(galat)

    def _minta(self, parameter: dict[str, str], batas: float, izin: float) -> Any:
        alamat = f"{self.url}{'&' if '?' in self.url else '?'}{urllib.parse.urlencode(parameter)}"
        permintaan = urllib.request.Request(
            alamat, headers={"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        )
        pengawas = _Pengawas(batas, izin=izin)
        pembuka = urllib.request.build_opener(_HandlerHttp(pengawas), _HandlerHttps(pengawas))
        try:
            with pembuka.open(permintaan, timeout=pengawas.sisa()) as jawaban:
                isi = jawaban.read(UKURAN_MAKS)
        except urllib.error.HTTPError as exc:
            if pengawas.lewat:
                raise _Sementara(pengawas.pesan()) from None
            if exc.code >= 500 or exc.code == 429:
                raise _Sementara(_("The source answered HTTP %(k)s.") % {"k": exc.code}) from None
            raise _Permanen(
                _("The source refused the request (HTTP %(k)s).") % {"k": exc.code}
            ) from None
        except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
            if pengawas.lewat:
                raise _Sementara(pengawas.pesan()) from None
            alasan = getattr(exc, "reason", exc)
            if isinstance(alasan, TimeoutError):
                raise _Sementara(pengawas.pesan()) from None
            raise _Sementara(_("The source could not be reached: %(e)s") % {"e": alasan}) from None
        finally:
            pengawas.tutup()
        if pengawas.lewat:  # what was read may be cut short
            raise _Sementara(pengawas.pesan())
        try:
            return json.loads(isi)
        except ValueError:
            raise _Permanen(_("The source answered something that is not JSON.")) from None

    def _baca(self, jawaban: Any) -> HasilDtks:
        try:
            terdaftar = jawaban["terdaftar"]
            if not isinstance(terdaftar, bool):
                raise TypeError
            orang = tuple(_orang(o) for o in jawaban.get("data") or [])
            periode = str(jawaban.get("periode") or "")
        except (KeyError, TypeError, ValueError, AttributeError):
            raise _Permanen(_("The source's JSON does not have the expected shape.")) from None
        status = StatusDtks.TERDAFTAR if terdaftar else StatusDtks.TIDAK_TERDAFTAR
        return HasilDtks(status, orang if terdaftar else (), periode=periode)


class _Pengawas:
    """Holds one request to its deadline: when it passes, every connection the request opened
    is shut down, whatever it was waiting for (DNS aside: the resolver has its own limits).

    It keeps a duplicate of each socket's descriptor: shutting the duplicate down shuts the
    connection itself, also once TLS has taken the original socket object over.
    """

    def __init__(self, batas: float, *, izin: float):
        self.batas, self.izin, self.lewat = batas, izin, False
        self._salinan: list[socket.socket] = []
        self._kunci = threading.Lock()
        self._pewaktu = threading.Timer(max(batas - time.monotonic(), 0.0), self._putus)
        self._pewaktu.daemon = True
        self._pewaktu.start()

    def sisa(self) -> float:
        return max(self.batas - time.monotonic(), 0.001)

    def pesan(self) -> str:
        return _("The source did not answer within %(s)s seconds.") % {
            "s": number_format(self.izin, 1)
        }

    def sambung(self, alamat: Any, *args: Any, **kwargs: Any) -> socket.socket:
        """socket.create_connection, bounded by what is left, and watched."""
        soket = socket.create_connection(alamat, self.sisa(), *args[1:], **kwargs)
        with self._kunci:
            salinan = soket.dup()
            self._salinan.append(salinan)
            if self.lewat:
                _putuskan(salinan)
        return soket

    def _putus(self) -> None:
        with self._kunci:
            self.lewat = True
            for salinan in self._salinan:
                _putuskan(salinan)

    def tutup(self) -> None:
        self._pewaktu.cancel()
        with self._kunci:
            for salinan in self._salinan:
                salinan.close()  # the duplicate only; the connection closes with its response
            self._salinan.clear()


def _putuskan(soket: socket.socket) -> None:
    with contextlib.suppress(OSError):
        soket.shutdown(socket.SHUT_RDWR)


def _koneksi(kelas: type[http.client.HTTPConnection], pengawas: _Pengawas) -> Any:
    def buat(host: str, **kwargs: Any) -> http.client.HTTPConnection:
        koneksi = kelas(host, **kwargs)
        # http.client opens its sockets through this attribute (CPython's own tests replace it).
        koneksi._create_connection = pengawas.sambung  # type: ignore[attr-defined]
        return koneksi

    return buat


class _HandlerHttp(urllib.request.HTTPHandler):
    def __init__(self, pengawas: _Pengawas):
        super().__init__()
        self.pengawas = pengawas

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_koneksi(http.client.HTTPConnection, self.pengawas), req)


class _HandlerHttps(urllib.request.HTTPSHandler):
    def __init__(self, pengawas: _Pengawas):
        super().__init__()
        self.pengawas = pengawas

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(
            _koneksi(http.client.HTTPSConnection, self.pengawas),
            req,
            context=self._context,  # type: ignore[attr-defined]
        )


def _orang(o: dict[str, Any]) -> OrangDtks:
    desil = o.get("desil")
    return OrangDtks(
        nik=str(o["nik"]),
        nomor_kk=str(o.get("nomor_kk") or ""),
        id_dtks=str(o.get("id_dtks") or ""),
        nama=str(o.get("nama") or ""),
        alamat=str(o.get("alamat") or ""),
        kelurahan=str(o.get("kelurahan") or ""),
        desil=int(desil) if desil is not None and desil != "" else None,
        program=tuple(str(p) for p in o.get("program") or ()),
    )


class _Sementara(Exception):
    """A failure worth another attempt (timeout, refused connection, 5xx, 429)."""


class _Permanen(Exception):
    """A failure another attempt will not cure (4xx, not JSON, another shape)."""
