"""Notifications' cast: an office that sends by e-mail, and an applicant who consented."""

from __future__ import annotations

import pytest

from layanan.models import JenisSaluran, Kantor, SaluranKantor

EMAIL_WARGA = "warga@contoh.id"
KONTAK_EMAIL = {"notif_setuju": "on", "notif_email": EMAIL_WARGA}


def saluran(kode: str, *jenis: str) -> Kantor:
    kantor = Kantor.objects.get(kode=kode)
    for urutan, j in enumerate(jenis, start=1):
        SaluranKantor.objects.create(kantor=kantor, jenis=j, urutan=urutan)
    return kantor


@pytest.fixture
def kantor_email(db) -> Kantor:
    """Office A (Blitar) and Solok (which issues letters) send by e-mail."""
    saluran("solok", JenisSaluran.EMAIL)
    return saluran("blitar", JenisSaluran.EMAIL)
