"""Delivery reports: what a provider says became of a message it accepted (sent, delivered,
read, not delivered), written on the outbox row, one way only and once.

Providers report late, twice and out of order (a "delivered" may come after the "read"): a
report moves a message forward only (StatusAntar's order: RANK), so repeating one changes
nothing. A "not delivered" after the provider had accepted the message makes it a failure
like any other: it shows in the office's failure list and goes again by the next channel."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import Concat
from django.utils import timezone

from layanan.models import Pesan, StatusAntar, StatusPesan

RANK: dict[str, int] = {
    "": 0,
    StatusAntar.DIKIRIM: 1,
    StatusAntar.GAGAL: 2,
    StatusAntar.SAMPAI: 3,
    StatusAntar.DIBACA: 4,
}


@dataclass(frozen=True)
class LaporanAntar:
    """One provider's report on one message, read from its webhook."""

    id_penyedia: str
    status: StatusAntar
    pada: dt.datetime | None = None
    galat: str = ""


def catat_antar(
    *, saluran: str, laporan: LaporanAntar, kantor_ids: list[int] | None = None
) -> bool:
    """Write the report on the message the provider's id names (within `kantor_ids` when the
    provider's ids are only unique per account); False when it changes nothing."""
    if not laporan.id_penyedia:
        return False
    lebih_rendah = [s for s, r in RANK.items() if r < RANK[laporan.status]]
    cocok = Q(saluran=saluran, id_penyedia=laporan.id_penyedia, status_antar__in=lebih_rendah)
    if kantor_ids is not None:
        cocok &= Q(kantor_id__in=kantor_ids)
    pada = laporan.pada or timezone.now()
    with transaction.atomic():
        pesan = list(Pesan.objects.select_for_update().filter(cocok).only("pk", "status"))
        if not pesan:
            return False
        ids = [p.pk for p in pesan]
        Pesan.objects.filter(pk__in=ids).update(status_antar=laporan.status, antar_pada=pada)
        if laporan.status == StatusAntar.GAGAL:
            _gagal_antar(ids, laporan)
    return True


def _gagal_antar(ids: list[int], laporan: LaporanAntar) -> None:
    from layanan.notifikasi.kirim import cadangan

    catatan = f"\nprovider: not delivered {laporan.galat}".rstrip()[:1000]
    gagal = Pesan.objects.filter(pk__in=ids, status=StatusPesan.TERKIRIM)
    daftar = list(gagal)
    gagal.update(status=StatusPesan.GAGAL, galat=Concat("galat", Value(catatan)))
    for pesan in daftar:
        cadangan(pesan)
