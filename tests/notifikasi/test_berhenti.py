"""The citizen stops the messages from the public status page, with the tracking code: asked to
confirm, then done, kept in the contact's history, and honoured by the outbox."""

from __future__ import annotations

import pytest
from django.urls import reverse

from layanan.models import KontakNotifikasi, Peristiwa, Pesan, StatusPesan
from layanan.notifikasi.services import catat_peristiwa
from tests.factories import daftar
from tests.notifikasi.conftest import KONTAK_EMAIL

pytestmark = pytest.mark.usefixtures("kantor_email")
BERHENTI = reverse("layanan:status-berhenti")


def test_the_citizen_confirms_then_the_messages_stop(client):
    p = daftar("blitar", kontak=KONTAK_EMAIL)
    [antre] = Pesan.objects.filter(permohonan=p)
    halaman = client.post(reverse("layanan:status"), {"kode": p.kode_lacak}).content.decode()
    assert "w***@contoh.id" in halaman and "warga@contoh.id" not in halaman
    assert f'action="{BERHENTI}"' in halaman

    tanya = client.post(BERHENTI, {"kode": p.kode_lacak}).content.decode()
    assert 'name="yakin" value="1"' in tanya
    assert KontakNotifikasi.objects.get(permohonan=p).berhenti_pada is None

    selesai = client.post(BERHENTI, {"kode": p.kode_lacak, "yakin": "1"})
    assert selesai.status_code == 200
    assert "alert-success" in selesai.content.decode()
    kontak = KontakNotifikasi.objects.get(permohonan=p)
    assert kontak.berhenti_pada is not None
    assert kontak.history.first().history_change_reason == "halaman status"
    antre.refresh_from_db()
    assert antre.status == StatusPesan.BATAL  # what waited is not sent
    assert catat_peristiwa(peristiwa=Peristiwa.SURAT_SIAP, permohonan=p) == []
    # Again: the page says it is stopped; nothing changes.
    lagi = client.post(BERHENTI, {"kode": p.kode_lacak, "yakin": "1"}).content.decode()
    assert f'action="{BERHENTI}"' not in lagi
    assert KontakNotifikasi.objects.get(permohonan=p).berhenti_pada == kontak.berhenti_pada


@pytest.mark.parametrize("kode", ["", "XXXX", "ABCD-EFGH-JKMN", "<script>"])
def test_an_unknown_code_stops_nothing_and_says_so(client, kode):
    p = daftar("blitar", kontak=KONTAK_EMAIL)
    r = client.post(BERHENTI, {"kode": kode, "yakin": "1"})
    assert r.status_code == 200
    assert KontakNotifikasi.objects.get(permohonan=p).berhenti_pada is None


def test_no_stop_button_without_consent(client):
    p = daftar("blitar")
    halaman = client.post(reverse("layanan:status"), {"kode": p.kode_lacak}).content.decode()
    assert f'action="{BERHENTI}"' not in halaman
    assert client.get(BERHENTI).status_code == 405
