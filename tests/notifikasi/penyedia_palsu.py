"""A loopback HTTP server that speaks the providers' protocols (WhatsApp Cloud API, Fonnte,
Wablas, an SMS gateway) as their documentation describes: it checks the token, reads the
request as the provider would, answers with the provider's own success and error bodies, and
keeps every request for the test to read. `mode` switches it to an outage (503), rate limiting
(429) or a refusal of the recipient."""

from __future__ import annotations

import json
import threading
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
