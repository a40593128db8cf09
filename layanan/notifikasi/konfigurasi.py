"""An office's notification settings as events read them: its active channels in order and its
rules per event (for a service, or the whole office), read in a fixed two queries and kept for
the rest of the transaction — an action that queues several messages reads them once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from layanan.models import AturanNotifikasi, Permohonan, SaluranKantor
from layanan.notifikasi import teks

# Written as SQL: an event reads these on every message, and most of the ORM's cost of a small
# read is building the query (docs/notifikasi.md, Speed). Names from the models' own metadata.
_S, _A = SaluranKantor._meta.db_table, AturanNotifikasi._meta.db_table
SQL_SALURAN = f"SELECT jenis FROM {_S} WHERE kantor_id = %s AND aktif = %s ORDER BY urutan, id"
SQL_ATURAN = (
    f"SELECT layanan_id, peristiwa, aktif, subjek, teks, templat_wa FROM {_A} WHERE kantor_id = %s"
)


def baca(sql: str, parameter: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as kursor:
        kursor.execute(sql, parameter)
        return list(kursor.fetchall())


@dataclass(frozen=True)
class KonfigurasiKantor:
    """An office's notification settings as one event needs them: its active channels in
    order, and its rules by (service or None, event) → (on, subject, text, WhatsApp template)."""

    saluran: tuple[str, ...]
    aturan: dict[tuple[int | None, str], tuple[bool, str, str, str]]


def konfigurasi_kantor(kantor_id: int) -> KonfigurasiKantor:
    """Two queries whatever the office configured, then kept for the rest of the transaction:
    an action that queues several messages (a batch of letters) reads them once."""
    simpanan = _simpanan_transaksi()
    if simpanan is not None and kantor_id in simpanan:
        return simpanan[kantor_id]
    konfigurasi = KonfigurasiKantor(
        saluran=tuple(jenis for (jenis,) in baca(SQL_SALURAN, [kantor_id, True])),
        aturan={
            (layanan_id, peristiwa): (bool(aktif), subjek, isi, templat_wa)
            for layanan_id, peristiwa, aktif, subjek, isi, templat_wa in baca(
                SQL_ATURAN, [kantor_id]
            )
        },
    )
    if simpanan is not None:
        simpanan[kantor_id] = konfigurasi
    return konfigurasi


def _simpanan_transaksi() -> dict[int, KonfigurasiKantor] | None:
    """A dict that lives as long as the current transaction (and savepoint): Django gives each
    transaction, and each savepoint rolled back, a new list of commit hooks, so the list's
    identity marks the transaction. None outside a transaction: nothing is kept."""
    koneksi = transaction.get_connection()
    if not koneksi.in_atomic_block:
        return None
    tanda = (koneksi.run_on_commit, tuple(koneksi.savepoint_ids))
    lama = getattr(koneksi, "_simpanan_notifikasi", None)
    if lama is None or lama[0][0] is not tanda[0] or lama[0][1] != tanda[1]:
        lama = (tanda, {})
        koneksi._simpanan_notifikasi = lama  # type: ignore[attr-defined]
    simpanan: dict[int, KonfigurasiKantor] = lama[1]
    return simpanan


def aturan_untuk(p: Permohonan, peristiwa: str) -> tuple[bool, str, str, str]:
    """(on, subject, text, WhatsApp template) of an event for this application's service: its
    own rule, else the office's, else the default text (on)."""
    aturan = konfigurasi_kantor(p.kantor_id).aturan
    pilihan = aturan.get((p.layanan_id, peristiwa)) or aturan.get((None, peristiwa))
    return _aturan(peristiwa, pilihan)


def aturan_kantor(kantor_id: int, peristiwa: str) -> tuple[bool, str, str, str]:
    """(on, subject, text, WhatsApp template) of an event that concerns no service."""
    return _aturan(peristiwa, konfigurasi_kantor(kantor_id).aturan.get((None, peristiwa)))


def _aturan(
    peristiwa: str, pilihan: tuple[bool, str, str, str] | None
) -> tuple[bool, str, str, str]:
    subjek, isi = teks.BAWAAN[peristiwa]
    if pilihan is None:
        return True, subjek, isi, f"dinsos_{peristiwa}"
    aktif, subjek_aturan, isi_aturan, templat_wa = pilihan
    return aktif, subjek_aturan or subjek, isi_aturan, templat_wa or f"dinsos_{peristiwa}"
