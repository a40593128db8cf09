"""The HTTP source: a provincial or central JSON service the office configures.

Contract of the service: GET <url>?nik=<nik> (or ?kk=<kk>) with "Authorization: Bearer <token>"
answers 200 with {"terdaftar": bool, "periode": str, "data": [person, ...]}, each person with
nik, nomor_kk, id_dtks, nama, alamat, kelurahan, desil and program (a list). Anything else —
a timeout, a refused connection, a 5xx, JSON of another shape — is "unavailable", never "not found".
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from django.utils.translation import gettext as _

from layanan.dtks import HasilDtks, OrangDtks, tidak_tersedia
from layanan.models import StatusDtks

PERCOBAAN = 3
JEDA = 0.2  # seconds between attempts, doubled each time


class AdapterHttp:
    def __init__(self, *, url: str, token: str, timeout: float):
        self.url, self.token, self.timeout = url, token, timeout

    def cari_nik(self, nik: str) -> HasilDtks:
        return self._tanya({"nik": nik})

    def cari_kk(self, nomor_kk: str) -> HasilDtks:
        return self._tanya({"kk": nomor_kk})

    def _tanya(self, parameter: dict[str, str]) -> HasilDtks:
        if not self.url:
            return tidak_tersedia(_("The HTTP source has no URL configured."))
        galat = ""
        for percobaan in range(PERCOBAAN):
            if percobaan:
                time.sleep(JEDA * 2 ** (percobaan - 1))
            try:
                return self._baca(self._minta(parameter))
            except _Sementara as exc:  # worth another try
                galat = str(exc)
            except _Permanen as exc:
                return tidak_tersedia(str(exc))
        return tidak_tersedia(galat)

    def _minta(self, parameter: dict[str, str]) -> Any:
        alamat = f"{self.url}{'&' if '?' in self.url else '?'}{urllib.parse.urlencode(parameter)}"
        permintaan = urllib.request.Request(
            alamat, headers={"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        )
        try:
            with urllib.request.urlopen(permintaan, timeout=self.timeout) as jawaban:
                isi = jawaban.read(2_000_000)
        except urllib.error.HTTPError as exc:
            if exc.code >= 500 or exc.code == 429:
                raise _Sementara(_("The source answered HTTP %(k)s.") % {"k": exc.code}) from None
            raise _Permanen(
                _("The source refused the request (HTTP %(k)s).") % {"k": exc.code}
            ) from None
        except (TimeoutError, urllib.error.URLError, ConnectionError, OSError) as exc:
            alasan = getattr(exc, "reason", exc)
            raise _Sementara(_("The source could not be reached: %(e)s") % {"e": alasan}) from None
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
