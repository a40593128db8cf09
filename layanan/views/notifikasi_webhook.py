"""Providers' delivery reports (no login, no CSRF: the provider's servers post them). Who may
report is checked before anything is read (WhatsApp Cloud's signature, the others' office key):
a stranger gets 403, a body that is not the provider's 400, never a 500. A report on a message
we do not know is answered 200 and ignored, or the provider would retry it for days."""

from __future__ import annotations

import hmac
import logging

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from layanan.models import JenisSaluran
from layanan.notifikasi import selectors, webhook
from layanan.notifikasi.antar import catat_antar
from layanan.notifikasi.services import berhenti_lewat_balasan

logger = logging.getLogger("layanan.notifikasi")


def _tolak(kode: int, alasan: str) -> HttpResponse:
    return HttpResponse(alasan, status=kode, content_type="text/plain; charset=utf-8")


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def whatsapp(request: HttpRequest) -> HttpResponse:
    """Meta's subscription handshake (GET) and its signed reports (POST)."""
    if request.method == "GET":
        token = settings.DINSOS_WA_VERIFY_TOKEN
        diberi = request.GET.get("hub.verify_token", "")
        if request.GET.get("hub.mode") != "subscribe" or not token:
            return _tolak(403, "forbidden")
        if not hmac.compare_digest(token.encode(), diberi.encode()):
            return _tolak(403, "forbidden")
        return HttpResponse(
            request.GET.get("hub.challenge", "")[:200], content_type="text/plain; charset=utf-8"
        )
    mentah = request.body
    if not webhook.tanda_whatsapp_sah(mentah, request.headers.get("X-Hub-Signature-256", "")):
        logger.warning("WhatsApp report with a wrong signature refused")
        return _tolak(403, "bad signature")
    try:
        data = webhook.json_dari(mentah)
        laporan = list(webhook.laporan_whatsapp(data))
        balasan = list(webhook.balasan_whatsapp(data))
    except webhook.BentukSalah as exc:
        return _tolak(400, str(exc))
    kantor: dict[str, list[int]] = {}
    for nomor_id, satu in laporan:
        catat_antar(
            saluran=JenisSaluran.WHATSAPP_CLOUD,
            laporan=satu,
            kantor_ids=_kantor_nomor(kantor, nomor_id),
        )
    for nomor_id, dari, teks in balasan:
        _balasan(_kantor_nomor(kantor, nomor_id), dari, teks)
    return HttpResponse("ok", content_type="text/plain")


def _kantor_nomor(simpan: dict[str, list[int]], nomor_id: str) -> list[int]:
    """The offices that send from this WhatsApp business number."""
    if nomor_id not in simpan:
        simpan[nomor_id] = selectors.kantor_nomor_whatsapp(nomor_id)
    return simpan[nomor_id]


def _balasan(kantor_ids: list[int], dari: str, teks: str) -> None:
    """A citizen's reply: STOP withdraws their consent (notifikasi.services)."""
    berhenti_lewat_balasan(kantor_ids=kantor_ids, telepon=dari, teks=teks)


@csrf_exempt
@never_cache
@require_POST
def antar(request: HttpRequest, jenis: str, kode_kantor: str, kunci: str) -> HttpResponse:
    """Fonnte's, Wablas's and an SMS gateway's reports, at the office's own address."""
    if jenis not in webhook.TANPA_TANDA:
        raise Http404
    if not webhook.kunci_sah(jenis, kode_kantor, kunci):
        return _tolak(403, "forbidden")
    kantor_id = selectors.kantor_id_kode(kode_kantor)
    if kantor_id is None:
        return _tolak(403, "forbidden")
    try:
        if request.content_type == "application/json":
            data = webhook.json_dari(request.body)
        else:
            data = request.POST.dict()
        laporan = webhook.laporan_lain(jenis, data)
    except (webhook.BentukSalah, MultiPartParserError) as exc:
        return _tolak(400, str(exc))
    if laporan is not None:
        catat_antar(saluran=jenis, laporan=laporan, kantor_ids=[kantor_id])
    return HttpResponse("ok", content_type="text/plain")
