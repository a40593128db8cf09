"""Gap-free sequence numbers per office, kind and year (registrations now, letters later)."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.db.models import F

from layanan.models import Kantor, PenghitungNomor

# Crockford's base32 without I, L, O, U: nothing a citizen can misread when typing it back.
ABJAD_LACAK = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def nomor_berikut(*, kantor: Kantor, jenis: str, tahun: int) -> int:
    """The next number; the row lock makes concurrent callers queue, so none is used twice."""
    with transaction.atomic():
        PenghitungNomor.objects.get_or_create(kantor=kantor, jenis=jenis, tahun=tahun)
        baris = PenghitungNomor.objects.select_for_update().get(
            kantor=kantor, jenis=jenis, tahun=tahun
        )
        PenghitungNomor.objects.filter(pk=baris.pk).update(terakhir=F("terakhir") + 1)
        return baris.terakhir + 1


def kode_lacak_baru() -> str:
    """12 random characters (60 bits) in three groups, e.g. 7KQ2-M9XD-4TRW."""
    huruf = "".join(secrets.choice(ABJAD_LACAK) for _ in range(12))
    return f"{huruf[:4]}-{huruf[4:8]}-{huruf[8:]}"
