"""A step's success message says what was done and where the application goes next, not just
"Selesai" (issue 13)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from layanan.demo import KATA_SANDI_DEMO
from layanan.dtks import services as services_dtks
from layanan.models import Permohonan
from tests.factories import daftar, jalan, pelaku

pytestmark = pytest.mark.django_db


def _kerjakan(p: Permohonan, aksi: str, catatan: str = "") -> list[str]:
    """The step done in the browser's terms by someone holding its role; the messages shown."""
    p.refresh_from_db()
    client = Client()
    assert client.login(username=pelaku(p).username, password=KATA_SANDI_DEMO)
    html = client.get(reverse("layanan:permohonan-detail", args=[p.pk])).content.decode()
    tersembunyi = dict(
        re.findall(r'type="hidden" name="(versi|sidik_konsep)" value="([^"]*)"', html)
    )
    jawab = client.post(
        reverse("layanan:kerjakan-langkah", args=[p.pk]),
        {"aksi": aksi, "catatan": catatan, **tersembunyi},
        follow=True,
    )
    return [str(m) for m in jawab.context["messages"]]


def test_each_step_says_where_the_application_goes_next():
    p = daftar("blitar")
    services_dtks.dtks_periksa(permohonan=p, oleh=pelaku(p))
    assert _kerjakan(p, "selesai") == [
        "Langkah 3 selesai; permohonan diteruskan ke Petugas/Staf untuk langkah 4."
    ]
    assert _kerjakan(p, "selesai") == [
        "Langkah 4 selesai; permohonan diteruskan ke Kabid untuk diparaf (langkah 5)."
    ]
    assert _kerjakan(p, "paraf") == [
        "Langkah 5 diparaf; permohonan diteruskan ke Kadin untuk ditandatangani (langkah 5)."
    ]


def test_sending_back_says_to_whom():
    p = daftar("blitar")
    for _ in range(2):  # to the Kabid's paraf of step 5
        p = jalan(p)
    assert _kerjakan(p, "kembali", "NIK anak salah tulis") == [
        "Langkah 5 dikembalikan; permohonan dikembalikan ke Petugas/Staf, langkah 4."
    ]


def test_a_decision_that_ends_the_application_says_how_it_ended():
    p = daftar("solok", terdaftar=False)
    services_dtks.dtks_periksa(permohonan=p, oleh=pelaku(p))
    p.refresh_from_db()
    [pesan] = _kerjakan(p, "tidak")
    p.refresh_from_db()
    assert pesan == f"Langkah 3 dijawab TIDAK; permohonan selesai: {p.hasil.nama}."
