"""The triggers that keep the month totals (layanan.models.rekap), in SQLite's and
PostgreSQL's dialects.

Each trigger takes a row's old contribution away from its month and adds its new one, in the
same transaction as the write: the totals cannot drift from the rows whoever writes them. The
month is the office's own (an application registered at 00:30 WIT on 1 March is March's), read
from the office's time zone; every zone the product offers has a fixed offset (Indonesia keeps
no summer time), which is what SQLite, knowing no zones, is given.

The counts mirror the dashboard's own conditions (layanan.dasbor.angka.Q_TEPAT, the settled
half of q_terlambat, layanan.dasbor.kepatuhan.riwayat_periode); tests/test_dasbor_bulanan.py
holds each figure read from the totals to the same figure counted from the rows.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from layanan.dasbor.kepatuhan import AKSI_LANGKAH, EMBER_MAKS, SKALA
from layanan.models.kantor import ZonaWaktu

PERMOHONAN = "layanan_permohonan"
RIWAYAT = "layanan_riwayatlangkah"
REKAP_PERMOHONAN = "layanan_rekappermohonanbulan"
REKAP_LANGKAH = "layanan_rekaplangkahbulan"
AKSI_DIUKUR = tuple(str(a.value) for a in AKSI_LANGKAH)


def _selisih_menit(zona: str) -> int:
    offset = dt.datetime(2026, 1, 1, tzinfo=ZoneInfo(zona)).utcoffset()
    assert offset is not None
    return int(offset.total_seconds() // 60)


def _bulan(r: str, waktu: str, vendor: str) -> str:
    """The 1st of the office's month of `r`.`waktu` (r: NEW or OLD)."""
    zona = f"(SELECT zona_waktu FROM layanan_kantor WHERE id = {r}.kantor_id)"
    if vendor == "postgresql":
        return f"date_trunc('month', {r}.{waktu} AT TIME ZONE {zona})::date"
    kasus = " ".join(f"WHEN '{z}' THEN '{_selisih_menit(z):+d} minutes'" for z in ZonaWaktu.values)
    return f"strftime('%Y-%m-01', {r}.{waktu}, CASE {zona} {kasus} END)"


def _kantor_ada(r: str) -> str:
    """A row whose office is gone has no month to count in (the office's zone says which):
    what removes an office removes its totals too (a test database flushed table by table)."""
    return f"EXISTS (SELECT 1 FROM layanan_kantor WHERE id = {r}.kantor_id)"


def _permohonan(r: str, vendor: str) -> tuple[list[str], list[str], str]:
    """Row `r`'s key, its contribution (n, tepat, telat) and whether it counts at all."""
    tepat = (
        f"CASE WHEN {r}.status = 'selesai' AND ({r}.tenggat IS NULL OR "
        f"{r}.selesai_pada <= {r}.tenggat) THEN 1 ELSE 0 END"
    )
    telat = (
        f"CASE WHEN {r}.status = 'selesai' AND {r}.tenggat IS NOT NULL AND "
        f"{r}.selesai_pada > {r}.tenggat THEN 1 ELSE 0 END"
    )
    kunci = [
        f"{r}.kantor_id",
        f"COALESCE({r}.layanan_id, 0)",
        _bulan(r, "dibuat_pada", vendor),
        f"{r}.status",
        f"COALESCE({r}.hasil_id, 0)",
    ]
    return kunci, ["1", tepat, telat], _kantor_ada(r)


def _langkah(r: str, vendor: str) -> tuple[list[str], list[str], str]:
    """Step record `r`'s key, its contribution (n, lewat, maks) and whether it is an act
    measured against its standard."""
    least = "LEAST" if vendor == "postgresql" else "MIN"
    kunci = [
        f"{r}.kantor_id",
        f"COALESCE({r}.layanan_id, 0)",
        _bulan(r, "selesai_pada", vendor),
        f"{r}.nomor",
        f"{r}.standar_menit",
        f"{least}({r}.menit_kerja * {SKALA} / {r}.standar_menit, {EMBER_MAKS})",
    ]
    lewat = f"CASE WHEN {r}.menit_kerja > {r}.standar_menit THEN 1 ELSE 0 END"
    aksi = ", ".join(f"'{a}'" for a in AKSI_DIUKUR)
    diukur = (
        f"{r}.kantor_id IS NOT NULL AND {r}.aksi IN ({aksi}) AND {r}.standar_menit > 0 "
        f"AND {r}.menit_kerja IS NOT NULL AND {_kantor_ada(r)}"
    )
    return kunci, ["1", lewat, f"{r}.menit_kerja"], diukur


REKAP = {
    # name: (rows, totals, key columns, value columns, how a value adds up, the row's part)
    "permohonan": (
        PERMOHONAN,
        REKAP_PERMOHONAN,
        ("kantor_id", "layanan_id", "bulan", "status", "hasil_id"),
        ("n", "tepat", "telat"),
        ("+", "+", "+"),
        _permohonan,
    ),
    "langkah": (
        RIWAYAT,
        REKAP_LANGKAH,
        ("kantor_id", "layanan_id", "bulan", "nomor", "standar_menit", "ember"),
        ("n", "lewat", "maks"),
        ("+", "+", "max"),
        _langkah,
    ),
}


def _ubah(nama: str, r: str, tanda: str, vendor: str) -> str:
    """The statement adding (tanda '+') or taking away ('-') row `r`'s part of its month."""
    _baris, rekap, kunci_k, nilai_k, cara, bagian = REKAP[nama]
    kunci, nilai, syarat = bagian(r, vendor)
    terbesar = "GREATEST" if vendor == "postgresql" else "MAX"
    isi = [
        f"{tanda}({v})" if c == "+" else (v if tanda == "+" else "0")
        for v, c in zip(nilai, cara, strict=True)
    ]
    gabung = ", ".join(
        f"{k} = {rekap}.{k} + excluded.{k}"
        if c == "+"
        else f"{k} = {terbesar}({rekap}.{k}, excluded.{k})"
        for k, c in zip(nilai_k, cara, strict=True)
    )
    return (
        f"INSERT INTO {rekap} ({', '.join(kunci_k + nilai_k)}) "
        f"SELECT {', '.join(kunci + isi)} WHERE {syarat} "
        f"ON CONFLICT ({', '.join(kunci_k)}) DO UPDATE SET {gabung};"
    )


def _hitung_ulang(nama: str, vendor: str) -> str:
    """Every row's part, counted afresh in one statement."""
    baris, rekap, kunci_k, nilai_k, cara, bagian = REKAP[nama]
    kunci, nilai, syarat = bagian("r", vendor)
    jumlah = [f"SUM({v})" if c == "+" else f"MAX({v})" for v, c in zip(nilai, cara, strict=True)]
    urut = ", ".join(str(i + 1) for i in range(len(kunci)))
    return (
        f"INSERT INTO {rekap} ({', '.join(kunci_k + nilai_k)}) "
        f"SELECT {', '.join(kunci + jumlah)} FROM {baris} r WHERE {syarat} GROUP BY {urut};"
    )


# What an update must change for its row to move: the other columns leave the totals alone.
KOLOM = {
    "permohonan": (
        "kantor_id",
        "layanan_id",
        "dibuat_pada",
        "status",
        "hasil_id",
        "tenggat",
        "selesai_pada",
    ),
    "langkah": (
        "kantor_id",
        "layanan_id",
        "selesai_pada",
        "aksi",
        "nomor",
        "standar_menit",
        "menit_kerja",
    ),
}


def pasang(vendor: str) -> list[str]:
    """The statements that create the triggers on `vendor` ('sqlite' or 'postgresql')."""
    perintah = []
    for nama, (tabel, *_lain) in REKAP.items():
        lama, baru = _ubah(nama, "OLD", "-", vendor), _ubah(nama, "NEW", "+", vendor)
        if vendor == "postgresql":
            berubah = " OR ".join(f"OLD.{k} IS DISTINCT FROM NEW.{k}" for k in KOLOM[nama])
            perintah += [
                f"CREATE OR REPLACE FUNCTION rekap_{nama}_bulan() RETURNS trigger AS $$ BEGIN "
                f"IF TG_OP IN ('UPDATE', 'DELETE') THEN {lama} END IF; "
                f"IF TG_OP IN ('INSERT', 'UPDATE') THEN {baru} END IF; "
                "RETURN NULL; END $$ LANGUAGE plpgsql;",
                f"CREATE TRIGGER rekap_{nama}_tambah AFTER INSERT OR DELETE ON {tabel} "
                f"FOR EACH ROW EXECUTE FUNCTION rekap_{nama}_bulan();",
                f"CREATE TRIGGER rekap_{nama}_ubah AFTER UPDATE ON {tabel} FOR EACH ROW "
                f"WHEN ({berubah}) EXECUTE FUNCTION rekap_{nama}_bulan();",
            ]
        else:
            berubah = " OR ".join(f"OLD.{k} IS NOT NEW.{k}" for k in KOLOM[nama])
            perintah += [
                f"CREATE TRIGGER rekap_{nama}_tambah AFTER INSERT ON {tabel} FOR EACH ROW "
                f"BEGIN {baru} END;",
                f"CREATE TRIGGER rekap_{nama}_hapus AFTER DELETE ON {tabel} FOR EACH ROW "
                f"BEGIN {lama} END;",
                f"CREATE TRIGGER rekap_{nama}_ubah AFTER UPDATE ON {tabel} FOR EACH ROW "
                f"WHEN {berubah} BEGIN {lama} {baru} END;",
            ]
    return perintah


def lepas(vendor: str) -> list[str]:
    perintah = []
    for nama, (tabel, *_lain) in REKAP.items():
        akhir = f" ON {tabel}" if vendor == "postgresql" else ""
        perintah += [
            f"DROP TRIGGER IF EXISTS rekap_{nama}_{t}{akhir};" for t in ("tambah", "hapus", "ubah")
        ]
        if vendor == "postgresql":
            perintah.append(f"DROP FUNCTION IF EXISTS rekap_{nama}_bulan();")
    return perintah


def isi_ulang(vendor: str) -> list[str]:
    """The totals counted afresh from every row: when the tables are added, or to repair."""
    perintah = []
    for nama, (_tabel, rekap, *_lain) in REKAP.items():
        perintah += [f"DELETE FROM {rekap};", _hitung_ulang(nama, vendor)]
    return perintah


def _nama_pemicu(vendor: str) -> set[str]:
    jenis = ("tambah", "ubah") if vendor == "postgresql" else ("tambah", "hapus", "ubah")
    return {f"rekap_{nama}_{j}" for nama in REKAP for j in jenis}


def pastikan(connection) -> bool:
    """Puts the triggers in place, the totals recounted, where a database lacks them.

    Run after every `migrate` (layanan.apps): a database built from the models rather than by the
    migrations (Django's test databases with MIGRATE off, as on SQLite) or restored without its
    triggers would otherwise count nothing. Where they are in place it only looks. Returns
    whether it had to put them in.
    """
    vendor = connection.vendor
    with connection.cursor() as cursor:
        tabel = set(connection.introspection.table_names(cursor))
        if not {PERMOHONAN, RIWAYAT, REKAP_PERMOHONAN, REKAP_LANGKAH} <= tabel:
            return False  # the app's tables are not there (migrated back to zero)
        if vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        ada = {baris[0] for baris in cursor.fetchall()}
        if _nama_pemicu(vendor) <= ada:
            return False
        for perintah in lepas(vendor) + pasang(vendor) + isi_ulang(vendor):
            cursor.execute(perintah)
    return True
