"""A loopback HTTP server that speaks the providers' protocols (WhatsApp Cloud API, Fonnte,
Wablas, an SMS gateway) as their documentation describes: it checks the token, reads the
request as the provider would, answers with the provider's own success and error bodies, and
keeps every request for the test to read. `mode` switches it to an outage (503), rate limiting
(429) or a refusal of the recipient."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

TOKEN = "rahasia-uji-123"


@dataclass
class Permintaan:
    path: str
    headers: dict[str, str]
    data: Any


@dataclass
class Penyedia:
    mode: str = "ok"  # ok | down | rate | tolak
    diterima: list[Permintaan] = field(default_factory=list)
    url: str = ""
    _n: int = 0

    def id_baru(self) -> str:
        self._n += 1
        return str(self._n)


def _handler(penyedia: Penyedia) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _jawab(self, kode: int, data: Any) -> None:
            badan = json.dumps(data).encode()
            self.send_response(kode)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(badan)))
            self.end_headers()
            self.wfile.write(badan)

        def do_POST(self) -> None:
            panjang = int(self.headers.get("Content-Length", 0))
            mentah = self.rfile.read(panjang).decode()
            if self.headers.get("Content-Type", "").startswith("application/json"):
                data = json.loads(mentah)
            else:
                data = dict(urllib.parse.parse_qsl(mentah))
            if penyedia.mode == "down":
                return self._jawab(503, {"error": "Service Unavailable"})
            if penyedia.mode == "rate":
                return self._jawab(429, {"error": {"message": "Too many requests", "code": 4}})
            penyedia.diterima.append(Permintaan(self.path, dict(self.headers), data))
            auth = self.headers.get("Authorization", "")
            if self.path.endswith("/messages"):
                return self._whatsapp_cloud(auth, data)
            if self.path == "/send":
                return self._fonnte(auth, data)
            if self.path == "/api/send-message":
                return self._wablas(auth, data)
            if self.path == "/sms":
                return self._sms(auth, data)
            return self._jawab(404, {"error": "not found"})

        def _whatsapp_cloud(self, auth: str, data: Any) -> None:
            if auth != f"Bearer {TOKEN}":
                return self._jawab(
                    401, {"error": {"message": "Invalid OAuth access token.", "code": 190}}
                )
            if data.get("type") != "template":
                # Outside the 24-hour window only templates are allowed.
                return self._jawab(
                    400, {"error": {"message": "(#131047) Re-engagement message", "code": 131047}}
                )
            if penyedia.mode == "tolak":
                return self._jawab(
                    400,
                    {"error": {"message": "(#131026) Message undeliverable", "code": 131026}},
                )
            return self._jawab(
                200,
                {
                    "messaging_product": "whatsapp",
                    "contacts": [{"input": data["to"], "wa_id": data["to"]}],
                    "messages": [{"id": f"wamid.{penyedia.id_baru()}"}],
                },
            )

        def _fonnte(self, auth: str, data: Any) -> None:
            if auth != TOKEN:
                return self._jawab(200, {"reason": "invalid token", "status": False})
            if penyedia.mode == "tolak":
                return self._jawab(200, {"reason": "invalid target", "status": False})
            return self._jawab(
                200,
                {
                    "detail": "success! message in queue",
                    "id": [penyedia.id_baru()],
                    "process": "pending",
                    "status": True,
                    "target": [data["target"]],
                },
            )

        def _wablas(self, auth: str, data: Any) -> None:
            if auth != TOKEN:
                return self._jawab(401, {"status": False, "message": "token invalid"})
            if penyedia.mode == "tolak":
                return self._jawab(400, {"status": False, "message": "phone number invalid"})
            return self._jawab(
                200,
                {
                    "status": True,
                    "message": "Message is pending and waiting to be processed",
                    "data": {
                        "messages": [{"id": f"wbl-{penyedia.id_baru()}", "phone": data["phone"]}]
                    },
                },
            )

        def _sms(self, auth: str, data: Any) -> None:
            if auth != f"Bearer {TOKEN}":
                return self._jawab(401, {"error": "unauthorized"})
            if penyedia.mode == "tolak":
                return self._jawab(422, {"error": "invalid destination"})
            return self._jawab(200, {"id": f"sms-{penyedia.id_baru()}", "status": "queued"})

    return Handler


class ServerPenyedia:
    def __init__(self) -> None:
        self.penyedia = Penyedia()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.penyedia))
        self.penyedia.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Penyedia:
        self.thread.start()
        return self.penyedia

    def __exit__(self, *args: Any) -> None:
        self.server.shutdown()
        self.server.server_close()


# ---------------------------------------------------------------------------
# Delivery reports, as each provider posts them to our webhook.
# ---------------------------------------------------------------------------
APP_SECRET = "rahasia-aplikasi-uji"  # = DINSOS_WA_APP_SECRET in dinsos/settings_test.py
NOMOR_ID = "1055"  # the WhatsApp business phone number id


def laporan_whatsapp(
    wamid: str, status: str, *, nomor_id: str = NOMOR_ID, galat: list[dict[str, Any]] | None = None
) -> bytes:
    """A Cloud API status webhook's body (one status)."""
    s: dict[str, Any] = {
        "id": wamid,
        "status": status,
        "timestamp": str(int(time.time())),
        "recipient_id": "6281234567890",
    }
    if galat:
        s["errors"] = galat
    return json.dumps(
        {
            "object": "whatsapp_business_account",
            "entry": [
                {
                    "id": "102290129340398",
                    "changes": [
                        {
                            "field": "messages",
                            "value": {
                                "messaging_product": "whatsapp",
                                "metadata": {
                                    "display_phone_number": "6281100000000",
                                    "phone_number_id": nomor_id,
                                },
                                "statuses": [s],
                            },
                        }
                    ],
                }
            ],
        }
    ).encode()


def balasan_whatsapp(dari: str, teks: str, *, nomor_id: str = NOMOR_ID) -> bytes:
    """A Cloud API webhook carrying a citizen's text message to the business number."""
    pesan = {"from": dari, "id": "wamid.in1", "timestamp": "1767225600", "type": "text"}
    value = {
        "messaging_product": "whatsapp",
        "metadata": {"phone_number_id": nomor_id},
        "contacts": [{"wa_id": dari, "profile": {"name": "Warga"}}],
        "messages": [{**pesan, "text": {"body": teks}}],
    }
    return json.dumps({"entry": [{"changes": [{"field": "messages", "value": value}]}]}).encode()


def tanda(mentah: bytes, rahasia: str = APP_SECRET) -> str:
    """X-Hub-Signature-256 as Meta computes it."""
    import hashlib
    import hmac

    return "sha256=" + hmac.new(rahasia.encode(), mentah, hashlib.sha256).hexdigest()


def kirim_laporan(url: str, mentah: bytes, headers: dict[str, str]) -> int:
    """POST a report as the provider's servers would (the browser test's live server)."""
    import urllib.error
    import urllib.request

    permintaan = urllib.request.Request(url, data=mentah, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(permintaan, timeout=10) as jawaban:
            return int(jawaban.status)
    except urllib.error.HTTPError as exc:
        return exc.code
