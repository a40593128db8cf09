"""Delivery reports: WhatsApp Cloud's signed webhook (handshake, signature, statuses, a STOP
reply) and the keyed addresses of Fonnte, Wablas and SMS gateways, with the providers' own
bodies (tests/notifikasi/penyedia_palsu.py); a report moves a message forward only, once."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from django.urls import reverse

from layanan.models import JenisSaluran, KontakNotifikasi, Pesan, SaluranKantor, StatusPesan
from layanan.notifikasi import kirim
from layanan.notifikasi.rahasia import sandikan
from layanan.notifikasi.webhook import kunci_kantor
from tests.factories import daftar
from tests.notifikasi.penyedia_palsu import (
    APP_SECRET,
    NOMOR_ID,
    TOKEN,
    Penyedia,
    ServerPenyedia,
    balasan_whatsapp,
    laporan_whatsapp,
    tanda,
)

URL_WA = "/notifikasi/antar/whatsapp/"
KONTAK_WA = {"notif_setuju": "on", "notif_telepon": "0812-3456-7890"}


@pytest.fixture
def penyedia() -> Iterator[Penyedia]:
    with ServerPenyedia() as p:
        yield p


@pytest.fixture
def terkirim(db, penyedia) -> Pesan:
    """An application's acceptance sent by WhatsApp Cloud (wamid.1); the development log next."""
    SaluranKantor.objects.create(
        kantor_id=daftar_kantor(),
        jenis=JenisSaluran.WHATSAPP_CLOUD,
        urutan=1,
        alamat_api=f"{penyedia.url}/v21.0",
        pengirim=NOMOR_ID,
        rahasia=sandikan(TOKEN),
    )
    SaluranKantor.objects.create(kantor_id=daftar_kantor(), jenis=JenisSaluran.LOG, urutan=2)
    p = daftar("blitar", kontak=KONTAK_WA)
    assert kirim.kirim_antrean().terkirim == 1
    return Pesan.objects.get(permohonan=p)


def daftar_kantor() -> int:
    from layanan.models import Kantor

    return Kantor.objects.get(kode="blitar").pk


def _lapor(client, mentah: bytes, signature: str | None = None):
    headers = {"X-Hub-Signature-256": signature if signature is not None else tanda(mentah)}
    return client.post(URL_WA, mentah, content_type="application/json", headers=headers)


def test_meta_handshake_answers_the_challenge_with_the_right_token_only(client, db):
    ok = {
        "hub.mode": "subscribe",
        "hub.verify_token": "verifikasi-uji",
        "hub.challenge": "1158201444",
    }
    jawab = client.get(URL_WA, ok)
    assert (jawab.status_code, jawab.content) == (200, b"1158201444")
    assert client.get(URL_WA, {**ok, "hub.verify_token": "salah"}).status_code == 403
    assert client.get(URL_WA, {**ok, "hub.mode": "unsubscribe"}).status_code == 403
    assert client.get(URL_WA).status_code == 403


def test_signed_reports_move_the_message_forward_once(client, terkirim):
    assert terkirim.id_penyedia == "wamid.1"
    assert _lapor(client, laporan_whatsapp("wamid.1", "delivered")).status_code == 200
    terkirim.refresh_from_db()
    assert terkirim.status_antar == "delivered"
    pertama = terkirim.antar_pada
    assert pertama is not None
    _lapor(client, laporan_whatsapp("wamid.1", "delivered"))  # Meta repeats itself
    _lapor(client, laporan_whatsapp("wamid.1", "read"))
    _lapor(client, laporan_whatsapp("wamid.1", "sent"))  # late, out of order
    terkirim.refresh_from_db()
    assert (terkirim.status, terkirim.status_antar) == (StatusPesan.TERKIRIM, "read")


@pytest.mark.parametrize(
    ("mentah", "signature", "kode"),
    [
        (laporan_whatsapp("wamid.1", "read"), "sha256=" + "0" * 64, 403),
        (laporan_whatsapp("wamid.1", "read"), "", 403),
        (laporan_whatsapp("wamid.1", "read"), tanda(b"lain"), 403),
        (laporan_whatsapp("wamid.1", "read"), tanda(laporan_whatsapp("wamid.1", "read"), "x"), 403),
        (b"{not json", None, 400),
        (b"[]", None, 400),
        (b'{"entry": 5}', None, 400),
        (b"\xff\xfe", None, 400),
        (b'{"entry": [{"changes": "x"}, 7, {"changes": [{"value": {"statuses": 3}}]}]}', None, 200),
    ],
    # Named, not by their values: a report carries its own time, and every worker of a parallel
    # run must collect the same test ids.
    ids=[
        "zeros",
        "unsigned",
        "another-body",
        "another-secret",
        "not-json",
        "a-list",
        "entry-not-a-list",
        "not-utf8",
        "odd-shapes",
    ],
)
def test_a_stranger_or_a_broken_body_is_refused_never_a_500(
    client, terkirim, caplog, mentah, signature, kode
):
    assert _lapor(client, mentah, signature).status_code == kode
    terkirim.refresh_from_db()
    assert terkirim.status_antar == ""
    assert APP_SECRET not in caplog.text


def test_not_delivered_is_a_failure_that_goes_by_the_next_channel(client, terkirim):
    galat = [{"code": 131026, "title": "Message undeliverable"}]
    _lapor(client, laporan_whatsapp("wamid.1", "failed", galat=galat))
    terkirim.refresh_from_db()
    assert (terkirim.status, terkirim.status_antar) == (StatusPesan.GAGAL, "failed")
    assert "131026" in terkirim.galat
    [lagi] = Pesan.objects.filter(asal=terkirim)
    assert (lagi.saluran, lagi.status) == (JenisSaluran.LOG, StatusPesan.ANTRE)
    _lapor(client, laporan_whatsapp("wamid.1", "failed", galat=galat))  # once only
    assert Pesan.objects.filter(asal=terkirim).count() == 1


def test_a_report_from_another_business_number_changes_nothing(client, terkirim):
    _lapor(client, laporan_whatsapp("wamid.1", "read", nomor_id="9999"))
    terkirim.refresh_from_db()
    assert terkirim.status_antar == ""


def test_a_stop_reply_withdraws_consent_and_stops_what_waits(client, terkirim):
    menunggu = Pesan.objects.create(
        kantor_id=terkirim.kantor_id,
        permohonan_id=terkirim.permohonan_id,
        peristiwa="dikembalikan",
        saluran="log",
        penerima="+6281234567890",
        isi="x",
        kirim_setelah=terkirim.dibuat_pada,
    )
    _lapor(client, balasan_whatsapp("6281234567890", "halo"))
    assert KontakNotifikasi.objects.get(permohonan_id=terkirim.permohonan_id).berhenti_pada is None
    _lapor(client, balasan_whatsapp("6281234567890", " stop "))
    kontak = KontakNotifikasi.objects.get(permohonan_id=terkirim.permohonan_id)
    assert kontak.berhenti_pada is not None
    assert kontak.history.first().history_change_reason == "balasan WhatsApp"
    menunggu.refresh_from_db()
    assert menunggu.status == StatusPesan.BATAL


def _pesan_gateway(jenis: str, id_penyedia: str, kantor: str = "blitar") -> Pesan:
    p = daftar(kantor)
    return Pesan.objects.create(
        kantor_id=p.kantor_id,
        permohonan=p,
        peristiwa="diterima",
        saluran=jenis,
        penerima="+6281234567890",
        isi="x",
        status=StatusPesan.TERKIRIM,
        id_penyedia=id_penyedia,
        kirim_setelah=p.dibuat_pada,
    )


def _url(jenis: str, kode: str = "blitar", kunci: str | None = None) -> str:
    kunci = kunci if kunci is not None else kunci_kantor(jenis, kode)
    return reverse("layanan:webhook-antar", args=[jenis, kode, kunci])


@pytest.mark.parametrize(
    ("jenis", "badan", "json_"),
    [
        (
            "fonnte",
            {
                "device": "6281100000000",
                "id": "7",
                "stateid": "s1",
                "status": "sent",
                "state": "read",
            },
            True,
        ),
        ("wablas", {"id": "7", "phone": "6281234567890", "status": "read", "note": ""}, False),
        ("sms", {"id": "7", "reference": "1", "status": "read"}, True),
    ],
)
def test_gateways_report_at_the_offices_keyed_address(client, db, jenis, badan, json_):
    pesan = _pesan_gateway(jenis, "7")
    lain = _pesan_gateway(jenis, "7", kantor="solok")  # the same id at another office's account
    kirim_ = (
        {"data": json.dumps(badan), "content_type": "application/json"}
        if json_
        else {"data": badan}
    )
    assert client.post(_url(jenis, kunci="0" * 40), **kirim_).status_code == 403
    assert client.post(_url(jenis, kunci=kunci_kantor(jenis, "solok")), **kirim_).status_code == 403
    assert client.post(_url(jenis), **kirim_).status_code == 200
    pesan.refresh_from_db()
    lain.refresh_from_db()
    assert (pesan.status_antar, lain.status_antar) == ("read", "")


def test_gateway_reports_refuse_what_they_cannot_read(client, db):
    assert client.post(_url("fonnte"), "{", content_type="application/json").status_code == 400
    assert client.post(_url("wablas"), {"status": "read"}).status_code == 400
    assert client.post(_url("sms"), "[]", content_type="application/json").status_code == 400
    assert client.post(_url("email"), {}).status_code == 404
    assert client.get(_url("sms")).status_code == 405
    assert client.post(_url("sms", kode="tidak-ada"), {}).status_code == 403
