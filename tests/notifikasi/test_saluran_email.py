"""The e-mail channel against a real SMTP server on loopback (aiosmtpd): delivered, refused,
and an outage that loses nothing and duplicates nothing."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings
from django.utils import timezone

from layanan.models import Pesan, StatusPesan
from layanan.notifikasi import kirim
from layanan.notifikasi.saluran import PesanKeluar
from layanan.notifikasi.saluran.email import SaluranEmail
from tests.factories import daftar
from tests.notifikasi.conftest import EMAIL_WARGA, KONTAK_EMAIL


class Kotak:
    """An SMTP server's handler: keeps what it was sent; refuses the addresses in `tolak`."""

    def __init__(self) -> None:
        self.diterima: list[tuple[list[str], bytes]] = []
        self.tolak: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.tolak:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.diterima.append((list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted"


def port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def smtp(port: int) -> override_settings:
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_TIMEOUT=5,
        DEFAULT_FROM_EMAIL="layanan@dinsos.example",
    )


@pytest.fixture
def server() -> Iterator[tuple[Kotak, int]]:
    kotak, port = Kotak(), port_bebas()
    controller = Controller(kotak, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield kotak, port
    finally:
        controller.stop()


def test_a_message_reaches_the_smtp_server(server):
    kotak, port = server
    with smtp(port):
        hasil = SaluranEmail().kirim(
            PesanKeluar(kunci="7", penerima=EMAIL_WARGA, subjek="Uji", isi="Kode ABCD & lain")
        )
    assert hasil.berhasil
    assert hasil.id_penyedia.startswith("<") and "7" in hasil.id_penyedia
    [(kepada, isi)] = kotak.diterima
    assert kepada == [EMAIL_WARGA]
    assert b"Kode ABCD & lain" in isi
    assert hasil.id_penyedia.encode() in isi


def test_a_refused_recipient_is_not_tried_again(server):
    kotak, port = server
    kotak.tolak.add(EMAIL_WARGA)
    with smtp(port):
        hasil = SaluranEmail().kirim(
            PesanKeluar(kunci="8", penerima=EMAIL_WARGA, subjek="Uji", isi="x")
        )
    assert not hasil.berhasil and not hasil.sementara
    assert "SMTPRecipientsRefused" in hasil.galat


def test_a_server_that_is_down_is_tried_again():
    with smtp(port_bebas()):
        hasil = SaluranEmail().kirim(
            PesanKeluar(kunci="9", penerima=EMAIL_WARGA, subjek="Uji", isi="x")
        )
    assert not hasil.berhasil and hasil.sementara


@pytest.mark.usefixtures("kantor_email")
def test_an_outage_then_recovery_loses_nothing_and_duplicates_nothing():
    port = port_bebas()
    p1 = daftar("blitar", kontak=KONTAK_EMAIL)
    p2 = daftar("blitar", kontak=KONTAK_EMAIL)
    with smtp(port):
        turun = kirim.kirim_antrean()  # nothing listens on the port: the provider is down
    assert (turun.terkirim, turun.diulang) == (0, 2)
    assert turun.coba_lagi_pada is not None and turun.coba_lagi_pada > timezone.now()
    for pesan in Pesan.objects.filter(permohonan__in=[p1, p2]):
        assert pesan.status == StatusPesan.ANTRE
        assert pesan.percobaan == 1
        assert "#1" in pesan.galat
    # Not yet due: a sweep now sends nothing.
    assert kirim.kirim_antrean().terkirim == 0
    kotak = Kotak()
    controller = Controller(kotak, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        Pesan.objects.update(kirim_setelah=timezone.now())  # the back-off has passed
        with smtp(port):
            naik = kirim.kirim_antrean()
            lagi = kirim.kirim_antrean()  # a restarted worker
    finally:
        controller.stop()
    assert (naik.terkirim, naik.diulang, lagi.terkirim) == (2, 0, 0)
    assert len(kotak.diterima) == 2
    for pesan in Pesan.objects.filter(permohonan__in=[p1, p2]):
        assert (pesan.status, pesan.percobaan) == (StatusPesan.TERKIRIM, 2)


@pytest.mark.usefixtures("kantor_email")
def test_a_message_given_up_after_its_attempts(settings):
    settings.DINSOS_NOTIFIKASI_MAKS_PERCOBAAN = 2
    p = daftar("blitar", kontak=KONTAK_EMAIL)
    with smtp(port_bebas()):
        kirim.kirim_antrean()
        Pesan.objects.update(kirim_setelah=timezone.now())
        hasil = kirim.kirim_antrean()
    assert (hasil.gagal, hasil.coba_lagi_pada) == (1, None)
    pesan = Pesan.objects.get(permohonan=p)
    assert (pesan.status, pesan.percobaan) == (StatusPesan.GAGAL, 2)
