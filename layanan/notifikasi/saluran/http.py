"""One HTTP request to a provider, and what its answer means for the contract: 2xx with a body
read; 429, 5xx and no answer at all are failures that may pass; any other 4xx is a refusal."""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from layanan.notifikasi.saluran import HasilKirim

BATAS_DETIK = 15
MAKS_JAWABAN = 64 * 1024


class Gagal(Exception):
    def __init__(self, hasil: HasilKirim):
        self.hasil = hasil
        super().__init__(hasil.galat)


def minta(
    url: str, *, json_data: Any = None, form: dict[str, str] | None = None, headers: dict[str, str]
) -> Any:
    """POST and the JSON answer; raises Gagal with the contract's result."""
    if json_data is not None:
        badan = json.dumps(json_data).encode()
        headers = {**headers, "Content-Type": "application/json"}
    else:
        badan = urllib.parse.urlencode(form or {}).encode()
        headers = {**headers, "Content-Type": "application/x-www-form-urlencoded"}
    permintaan = urllib.request.Request(url, data=badan, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(permintaan, timeout=BATAS_DETIK) as jawaban:
            isi = jawaban.read(MAKS_JAWABAN)
    except urllib.error.HTTPError as exc:
        isi = exc.read(MAKS_JAWABAN).decode(errors="replace")[:500]
        galat = f"HTTP {exc.code}: {isi}"
        if exc.code == 429 or exc.code >= 500:
            raise Gagal(HasilKirim.gagal_sementara(galat)) from None
        raise Gagal(HasilKirim.ditolak(galat)) from None
    except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
        raise Gagal(HasilKirim.gagal_sementara(f"{type(exc).__name__}: {exc}")) from None
    try:
        return json.loads(isi or b"{}")
    except ValueError:
        # It answered 2xx but not what it should: whether it sent is unknown; do not resend.
        raise Gagal(HasilKirim.ditolak(f"not JSON: {isi[:200]!r}")) from None


def tanpa_plus(nomor: str) -> str:
    """+6281… → 6281…: how WhatsApp providers take numbers."""
    return nomor.removeprefix("+")
