"""WhatsApp Cloud API, Fonnte, Wablas and an SMS gateway, each against a loopback server that
speaks its protocol (tests/notifikasi/penyedia_palsu.py): requests, auth, answers, errors."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import timezone

from layanan.models import JenisSaluran, Kantor, KontakNotifikasi, Pesan, SaluranKantor, StatusPesan
from layanan.notifikasi import kirim
from layanan.notifikasi.rahasia import sandikan
from layanan.notifikasi.saluran import PesanKeluar
from layanan.notifikasi.saluran.fonnte import SaluranFonnte
from layanan.notifikasi.saluran.sms import SaluranSms
from layanan.notifikasi.saluran.wablas import SaluranWablas
from layanan.notifikasi.saluran.whatsapp_cloud import SaluranWhatsappCloud
from tests.factories import daftar
from tests.notifikasi.penyedia_palsu import TOKEN, Penyedia, ServerPenyedia

NOMOR = "+6281234567890"
PESAN = PesanKeluar(
    kunci="41",
    penerima=NOMOR,
    subjek="",
    isi="Permohonan Anda diterima. Kode lacak: ABCD-EFGH-JKMN.",
    templat="dinsos_diterima",
    parameter=("SK KIP", "00001/REG/2026", "ABCD-EFGH-JKMN", "https://x/status/"),
)


@pytest.fixture
def penyedia() -> Iterator[Penyedia]:
    with ServerPenyedia() as p:
        yield p


def _saluran(jenis: str, url: str, token: str = TOKEN):
    return {
        "wa": lambda: SaluranWhatsappCloud(alamat=f"{url}/v21.0", nomor_id="1055", token=token),
        "fonnte": lambda: SaluranFonnte(alamat=url, token=token),
        "wablas": lambda: SaluranWablas(alamat=url, token=token),
        "sms": lambda: SaluranSms(alamat=f"{url}/sms", token=token, pengirim="DINSOS"),
    }[jenis]()


def test_whatsapp_cloud_sends_the_approved_template_with_its_parameters(penyedia):
    hasil = _saluran("wa", penyedia.url).kirim(PESAN)
    assert (hasil.berhasil, hasil.id_penyedia) == (True, "wamid.1")
    [r] = penyedia.diterima
    assert r.path == "/v21.0/1055/messages"
    assert r.headers["Authorization"] == f"Bearer {TOKEN}"
    assert r.data["to"] == "6281234567890"
    assert r.data["type"] == "template"  # never free text: refused outside the 24-hour window
    assert r.data["template"]["name"] == "dinsos_diterima"
    assert r.data["template"]["language"] == {"code": "id"}
    [komponen] = r.data["template"]["components"]
    assert [p["text"] for p in komponen["parameters"]] == list(PESAN.parameter)


@pytest.mark.parametrize(
    ("jenis", "id_penyedia", "kolom"),
    [("fonnte", "1", "target"), ("wablas", "wbl-1", "phone")],
)
def test_gateways_send_the_text_to_the_number(penyedia, jenis, id_penyedia, kolom):
    hasil = _saluran(jenis, penyedia.url).kirim(PESAN)
    assert (hasil.berhasil, hasil.id_penyedia) == (True, id_penyedia)
    [r] = penyedia.diterima
    assert r.headers["Authorization"] == TOKEN
    assert r.data == {kolom: "6281234567890", "message": PESAN.isi}


def test_the_sms_gateway_gets_our_reference(penyedia):
    hasil = _saluran("sms", penyedia.url).kirim(PESAN)
    assert (hasil.berhasil, hasil.id_penyedia) == (True, "sms-1")
    [r] = penyedia.diterima
    assert r.data == {"to": NOMOR, "from": "DINSOS", "text": PESAN.isi, "reference": "41"}


@pytest.mark.parametrize("jenis", ["wa", "fonnte", "wablas", "sms"])
def test_a_wrong_token_is_a_refusal(penyedia, jenis):
    hasil = _saluran(jenis, penyedia.url, token="salah").kirim(PESAN)
    assert not hasil.berhasil and not hasil.sementara


@pytest.mark.parametrize("jenis", ["wa", "fonnte", "wablas", "sms"])
def test_a_refused_recipient_is_not_tried_again(penyedia, jenis):
    penyedia.mode = "tolak"
    hasil = _saluran(jenis, penyedia.url).kirim(PESAN)
    assert not hasil.berhasil and not hasil.sementara
    assert hasil.galat


@pytest.mark.parametrize("mode", ["down", "rate"])
@pytest.mark.parametrize("jenis", ["wa", "fonnte", "wablas", "sms"])
def test_an_outage_or_rate_limit_is_tried_again(penyedia, jenis, mode):
    penyedia.mode = mode
    hasil = _saluran(jenis, penyedia.url).kirim(PESAN)
    assert not hasil.berhasil and hasil.sementara


@pytest.mark.parametrize("jenis", ["wa", "fonnte", "wablas", "sms"])
def test_nobody_listening_is_tried_again(jenis):
    with ServerPenyedia() as p:
        url = p.url
    hasil = _saluran(jenis, url).kirim(PESAN)
    assert not hasil.berhasil and hasil.sementara


def _kantor_wa(penyedia: Penyedia, *lain: str):
    s = SaluranKantor.objects.create(
        kantor=Kantor.objects.get(kode="blitar"),
        jenis=JenisSaluran.FONNTE,
        urutan=1,
        alamat_api=penyedia.url,
        rahasia=sandikan(TOKEN),
    )
    for n, jenis in enumerate(lain, start=2):
        SaluranKantor.objects.create(kantor_id=s.kantor_id, jenis=jenis, urutan=n)
    return s


KONTAK = {"notif_setuju": "on", "notif_telepon": "0812 3456 7890", "notif_email": "w@contoh.id"}


@pytest.mark.django_db
def test_the_worker_sends_by_the_offices_gateway_with_its_encrypted_token(penyedia):
    s = _kantor_wa(penyedia)
    assert TOKEN not in s.rahasia
    p = daftar("blitar", kontak=KONTAK)
    assert kirim.kirim_antrean().terkirim == 1
    pesan = Pesan.objects.get(permohonan=p)
    assert (pesan.saluran, pesan.penerima, pesan.id_penyedia) == ("fonnte", NOMOR, "1")
    [r] = penyedia.diterima
    assert p.kode_lacak in r.data["message"]


@pytest.mark.django_db
def test_a_refused_message_falls_back_to_the_next_channel(penyedia, mailoutbox):
    _kantor_wa(penyedia, JenisSaluran.EMAIL)
    penyedia.mode = "tolak"
    p = daftar("blitar", kontak=KONTAK)
    hasil = kirim.kirim_antrean()
    assert (hasil.gagal, hasil.terkirim) == (1, 1)
    wa, email = Pesan.objects.filter(permohonan=p).order_by("pk")
    assert (wa.saluran, wa.status) == ("fonnte", StatusPesan.GAGAL)
    assert (email.saluran, email.status, email.asal) == ("email", StatusPesan.TERKIRIM, wa)
    assert [m.to for m in mailoutbox] == [["w@contoh.id"]]
    assert kirim.kirim_antrean().terkirim == 0  # nothing more, nothing twice


@pytest.mark.django_db
def test_an_outage_retries_the_same_channel_then_falls_back(penyedia, mailoutbox, settings):
    settings.DINSOS_NOTIFIKASI_MAKS_PERCOBAAN = 2
    _kantor_wa(penyedia, JenisSaluran.EMAIL)
    penyedia.mode = "down"
    p = daftar("blitar", kontak=KONTAK)
    assert kirim.kirim_antrean().diulang == 1
    assert mailoutbox == []
    Pesan.objects.update(kirim_setelah=timezone.now())
    hasil = kirim.kirim_antrean()
    assert (hasil.gagal, hasil.terkirim) == (1, 1)
    assert Pesan.objects.filter(permohonan=p).count() == 2
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_no_fallback_after_consent_was_withdrawn(penyedia, mailoutbox):
    _kantor_wa(penyedia, JenisSaluran.EMAIL)
    penyedia.mode = "tolak"
    p = daftar("blitar", kontak=KONTAK)
    KontakNotifikasi.objects.filter(permohonan=p).update(berhenti_pada=timezone.now())
    kirim.kirim_antrean()
    assert Pesan.objects.filter(permohonan=p).count() == 1
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_token_from_the_environment(penyedia, monkeypatch):
    s = _kantor_wa(penyedia)
    SaluranKantor.objects.filter(pk=s.pk).update(rahasia="", rahasia_env="DINSOS_TOKEN_UJI_FONNTE")
    monkeypatch.setenv("DINSOS_TOKEN_UJI_FONNTE", TOKEN)
    daftar("blitar", kontak=KONTAK)
    assert kirim.kirim_antrean().terkirim == 1
