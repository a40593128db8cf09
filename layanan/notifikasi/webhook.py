"""Providers' delivery webhooks as they send them: who may report (WhatsApp Cloud signs each
report with the app secret; Fonnte, Wablas and SMS gateways sign nothing, so their address
carries a key of the office's own) and what a report says, read into notifikasi.antar's terms.

A body that is not what the provider sends is BentukSalah (the view answers 400); a status we do
not track (pending, queued…) is skipped."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Iterator
from typing import Any

from django.conf import settings

from layanan.models import JenisSaluran, StatusAntar
from layanan.notifikasi.antar import LaporanAntar

# Each provider's words for what became of a message.
STATUS: dict[str, StatusAntar] = {
    "sent": StatusAntar.DIKIRIM,
    "delivered": StatusAntar.SAMPAI,
    "read": StatusAntar.DIBACA,
    "failed": StatusAntar.GAGAL,
    "failure": StatusAntar.GAGAL,
    "undelivered": StatusAntar.GAGAL,
    "rejected": StatusAntar.GAGAL,
    "reject": StatusAntar.GAGAL,
    "cancel": StatusAntar.GAGAL,
    "invalid": StatusAntar.GAGAL,
    "expired": StatusAntar.GAGAL,
}
TANPA_TANDA = (JenisSaluran.FONNTE, JenisSaluran.WABLAS, JenisSaluran.SMS)


class BentukSalah(ValueError):
    """A report whose body is not the provider's shape: answered 400, never 500."""


def tanda_whatsapp_sah(mentah: bytes, tanda: str) -> bool:
    """X-Hub-Signature-256: "sha256=" and the HMAC-SHA256 of the raw body with the app secret."""
    rahasia = settings.DINSOS_WA_APP_SECRET
    if not rahasia or not tanda.startswith("sha256="):
        return False
    harap = hmac.new(rahasia.encode(), mentah, hashlib.sha256).hexdigest()
    return hmac.compare_digest(harap, tanda.removeprefix("sha256=").strip().lower())


def kunci_kantor(jenis: str, kode_kantor: str) -> str:
    """The key in an office's report address for a provider that signs nothing (the superuser
    gives it to the office with its channel); "" when the deployment set no DINSOS_WEBHOOK_KUNCI."""
    dasar = settings.DINSOS_WEBHOOK_KUNCI
    if not dasar:
        return ""
    pesan = f"antar:{jenis}:{kode_kantor}".encode()
    return hmac.new(dasar.encode(), pesan, hashlib.sha256).hexdigest()[:40]


def kunci_sah(jenis: str, kode_kantor: str, kunci: str) -> bool:
    harap = kunci_kantor(jenis, kode_kantor)
    return bool(harap) and hmac.compare_digest(harap, kunci)


def json_dari(mentah: bytes) -> Any:
    try:
        return json.loads(mentah)
    except (ValueError, UnicodeDecodeError):
        raise BentukSalah("not JSON") from None


def _waktu(nilai: Any) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(int(nilai), tz=dt.UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def laporan_whatsapp(data: Any) -> Iterator[tuple[str, LaporanAntar]]:
    """(the business phone number id, report) of each status in a Cloud API webhook:
    {"entry": [{"changes": [{"value": {"metadata": {"phone_number_id"}, "statuses": [...]}}]}]}."""
    for value in _nilai_whatsapp(data):
        nomor_id = _nomor_id(value)
        for s in _daftar(value.get("statuses")):
            if not isinstance(s, dict) or str(s.get("status", "")).lower() not in STATUS:
                continue
            galat = "; ".join(
                f"{e.get('code', '')} {e.get('title', '')}".strip()
                for e in _daftar(s.get("errors"))
                if isinstance(e, dict)
            )
            yield (
                nomor_id,
                LaporanAntar(
                    id_penyedia=str(s.get("id", ""))[:200],
                    status=STATUS[str(s["status"]).lower()],
                    pada=_waktu(s.get("timestamp")),
                    galat=galat[:500],
                ),
            )


def balasan_whatsapp(data: Any) -> Iterator[tuple[str, str, str]]:
    """(business phone number id, sender's number in +62 form, text) of each text a citizen
    sent us (a reply: "STOP" withdraws their consent)."""
    for value in _nilai_whatsapp(data):
        nomor_id = _nomor_id(value)
        for m in _daftar(value.get("messages")):
            if isinstance(m, dict) and m.get("type") == "text" and isinstance(m.get("text"), dict):
                teks = str(m["text"].get("body", ""))
                yield nomor_id, "+" + str(m.get("from", "")).lstrip("+"), teks


def _nilai_whatsapp(data: Any) -> Iterator[dict[str, Any]]:
    if not isinstance(data, dict) or not isinstance(data.get("entry"), list):
        raise BentukSalah("not a WhatsApp webhook")
    for entry in data["entry"]:
        for change in _daftar(entry.get("changes") if isinstance(entry, dict) else None):
            if isinstance(change, dict) and isinstance(change.get("value"), dict):
                yield change["value"]


def _nomor_id(value: dict[str, Any]) -> str:
    metadata = value.get("metadata")
    return str(metadata.get("phone_number_id", "")) if isinstance(metadata, dict) else ""


def _daftar(nilai: Any) -> list[Any]:
    return nilai if isinstance(nilai, list) else []


def laporan_lain(jenis: str, data: Any) -> LaporanAntar | None:
    """A report of Fonnte ({"id", "status", "state"}), Wablas ({"id", "status"}) or an SMS
    gateway ({"id", "status", "error"}); None when its status is one we do not track."""
    if not isinstance(data, dict) or not data.get("id"):
        raise BentukSalah("no message id")
    ids = data["id"]
    id_penyedia = str(ids[0] if isinstance(ids, list) and ids else ids)[:200]
    kata = [str(data.get(k, "")).strip().lower() for k in ("state", "status")]
    if jenis != JenisSaluran.FONNTE:
        kata = kata[1:]  # only Fonnte tells a state beside its status
    for k in kata:
        if k in STATUS:
            galat = str(data.get("error") or data.get("note") or data.get("reason") or "")
            return LaporanAntar(id_penyedia=id_penyedia, status=STATUS[k], galat=galat[:500])
    return None
