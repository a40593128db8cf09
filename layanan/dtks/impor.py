"""Imports an office's DTKS export (CSV or XLSX) as a new data period, streaming, all or nothing.

Rows are validated as they stream past and written in batches through the driver's bulk path
(executemany on SQLite, COPY on PostgreSQL). The new period answers lookups only once it is
complete: until then, and after any failure, the previous period keeps answering.

A running import writes a sign of life (`detak_pada`) as it progresses. One whose worker was
killed stops writing it and is failed by services.dtks after BATAS_DETAK; should that worker
still be alive after all, it finds its import no longer running at its next sign of life and
discards its rows instead of activating them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import queue
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from layanan.dtks.baca import (
    ImporGagal,
    PembersihBaris,
    baca_baris,
)
from layanan.ekspor import PenulisCsv
from layanan.models import ImporDtks, PengaturanDtks, StatusImpor, WargaDtks
from layanan.penyimpanan import salinan_lokal

UKURAN_BATCH = 10_000
# A running import gives a sign of life at least every `setiap` rows (seconds apart even on
# XLSX); this long without one, its worker is taken as dead.
BATAS_DETAK = dt.timedelta(minutes=10)
KOLOM_TABEL = [
    "impor_id",
    "nik",
    "nomor_kk",
    "id_dtks",
    "nama",
    "alamat",
    "kelurahan",
    "desil",
    "program",
]


@dataclass
class Ringkasan:
    diproses: int = 0
    diterima: int = 0
    ditolak: int = 0


# ---------------------------------------------------------------------------
# Writing batches through the driver
# ---------------------------------------------------------------------------
class PenulisSqlite:
    """SQLite: executemany per batch (the rows stay invisible until the period is switched)."""

    def __init__(self, impor_id: int):
        self.impor_id = impor_id
        tanda = ", ".join(["%s"] * len(KOLOM_TABEL))
        self.sql = (
            f"INSERT INTO {WargaDtks._meta.db_table} ({', '.join(KOLOM_TABEL)}) VALUES ({tanda})"
        )

    def tulis(self, batch: list[tuple[Any, ...]]) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(self.sql, [(self.impor_id, *b) for b in batch])

    def selesai(self) -> None:
        """Nothing left to flush: every batch was committed as it came."""

    def batal(self) -> None:
        """Nothing to undo here: the caller deletes the period's rows."""


class PenulisCopy:
    """PostgreSQL: one COPY for the whole file, fed by a thread with its own connection.

    The server parses and indexes one block while this thread cleans the next, so the import
    costs little more than COPY itself; and one COPY is one transaction: all rows or none.
    """

    BATAL = object()

    def __init__(self, impor_id: int):
        self.impor_id = impor_id
        self.antrean: queue.Queue[Any] = queue.Queue(maxsize=4)
        self.galat: BaseException | None = None
        self.utas = threading.Thread(target=self._jalan, name="dtks-copy", daemon=True)
        self.utas.start()

    def _jalan(self) -> None:
        tabel, kolom = WargaDtks._meta.db_table, ", ".join(KOLOM_TABEL)
        teks_wajib = ", ".join(KOLOM_TABEL[1:7] + KOLOM_TABEL[8:])  # "" stays "", not NULL
        sql = f"COPY {tabel} ({kolom}) FROM STDIN (FORMAT csv, FORCE_NOT_NULL ({teks_wajib}))"
        try:
            with (
                transaction.atomic(),
                connection.cursor() as cursor,
                cursor.cursor.copy(sql) as copy,
            ):
                while (blok := self.antrean.get()) is not None:
                    if blok is self.BATAL:
                        raise ImporGagal("batal")
                    copy.write(blok)
        except BaseException as exc:
            self.galat = exc
            for _blok in iter(self.antrean.get, None):  # drain, so a blocked producer can finish
                continue
        finally:
            connection.close()

    def tulis(self, batch: list[tuple[Any, ...]]) -> None:
        if self.galat is not None:
            raise self.galat
        blok = io.StringIO()
        csv.writer(blok, lineterminator="\n").writerows((self.impor_id, *b) for b in batch)
        self.antrean.put(blok.getvalue())

    def selesai(self) -> None:
        self.antrean.put(None)
        self.utas.join()
        if self.galat is not None:
            raise self.galat

    def batal(self) -> None:
        if self.utas.is_alive():
            self.antrean.put(self.BATAL)
            self.antrean.put(None)
            self.utas.join()


def penulis_untuk(impor_id: int) -> PenulisSqlite | PenulisCopy:
    return PenulisCopy(impor_id) if connection.vendor == "postgresql" else PenulisSqlite(impor_id)


# ---------------------------------------------------------------------------
# The import
# ---------------------------------------------------------------------------
def jalankan_impor(impor: ImporDtks, *, setiap: int = 50_000) -> Ringkasan:
    """Run one queued import to the end; on any failure the office's current data stays."""
    sekarang = timezone.now()
    ImporDtks.objects.filter(pk=impor.pk).update(
        status=StatusImpor.BERJALAN, mulai_pada=sekarang, detak_pada=sekarang
    )
    ringkasan = Ringkasan()
    with tempfile.NamedTemporaryFile("w+", suffix=".csv", newline="", encoding="utf-8") as lapor:
        penulis_laporan = PenulisCsv(lapor)  # a person opens it in a spreadsheet
        penulis_laporan.writerow(["baris", "alasan", "nik_di_berkas"])
        try:
            _impor_baris(impor, ringkasan, penulis_laporan, setiap)
        except ImporGagal as exc:
            if ringkasan.ditolak:  # "no usable row" is explained by the rejected rows
                _simpan_laporan(impor, lapor)
            _gagal(impor, ringkasan, str(exc))
            return ringkasan
        except Exception:
            _gagal(
                impor,
                ringkasan,
                _(
                    "The import stopped because of an internal error; the "
                    "previous data stays. Try again or tell the administrator."
                ),
            )
            raise
        if ringkasan.ditolak:
            _simpan_laporan(impor, lapor)
    try:
        _aktifkan(impor, ringkasan)
    except ImporGagal as exc:
        _gagal(impor, ringkasan, str(exc))
    return ringkasan


def _simpan_laporan(impor: ImporDtks, lapor: Any) -> None:
    """Store the rejected rows (line, reason, NIK as in the file) beside the import."""
    lapor.flush()
    lapor.seek(0)
    impor.laporan_penolakan.save("ditolak.csv", File(lapor), save=False)
    ImporDtks.objects.filter(pk=impor.pk).update(laporan_penolakan=impor.laporan_penolakan.name)


def _impor_baris(impor: ImporDtks, r: Ringkasan, laporan: Any, setiap: int) -> None:
    with salinan_lokal(impor.berkas) as path:
        _impor_dari(path, impor, r, laporan, setiap)


def _impor_dari(path: Path, impor: ImporDtks, r: Ringkasan, laporan: Any, setiap: int) -> None:
    baris = baca_baris(path)
    try:
        _nomor, header = next(baris)
    except StopIteration:
        raise ImporGagal(_("The file is empty.")) from None
    bersihkan = PembersihBaris(header)
    lebar = len(header)
    dilihat: set[int] = set()
    batch: list[tuple[Any, ...]] = []
    penulis = penulis_untuk(impor.pk)
    try:
        _isi_tabel(baris, bersihkan, lebar, dilihat, batch, penulis, impor, r, laporan, setiap)
    except BaseException:
        penulis.batal()
        raise
    penulis.selesai()
    if r.diterima == 0:
        raise ImporGagal(_("No row of the file could be used (see the rejected rows)."))
    _kemajuan(impor, r)  # the last sign of life before the switch: still ours to activate?


def _isi_tabel(
    baris: Iterator[tuple[int, list[Any]]],
    bersihkan: PembersihBaris,
    lebar: int,
    dilihat: set[int],
    batch: list[tuple[Any, ...]],
    penulis: Any,
    impor: ImporDtks,
    r: Ringkasan,
    laporan: Any,
    setiap: int,
) -> None:
    sebelumnya: tuple[int, list[Any]] | None = None
    for nomor, sel in baris:
        if nomor == -1:  # no final newline: was the last row cut short?
            if sebelumnya and len(sebelumnya[1]) < lebar:
                raise ImporGagal(
                    _("The file is cut off at line %(n)s; upload the whole export.")
                    % {"n": sebelumnya[0]}
                )
            break
        sebelumnya = (nomor, sel)
        if not any(sel):  # a blank line, or one of empty cells
            continue
        r.diproses += 1
        try:
            if len(sel) <= bersihkan.i_nik:
                raise ValidationError(_("the row has fewer columns than the header"))
            nilai, nik_int = bersihkan(sel)
            if nik_int in dilihat:
                raise ValidationError(_("the NIK appears earlier in the file (duplicate)"))
        except ValidationError as exc:
            r.ditolak += 1
            nik_asli = sel[bersihkan.i_nik] if bersihkan.i_nik < len(sel) else ""
            laporan.writerow([nomor, "; ".join(exc.messages), nik_asli])
            continue
        dilihat.add(nik_int)
        batch.append(nilai)
        r.diterima += 1
        if len(batch) >= UKURAN_BATCH:
            penulis.tulis(batch)
            batch.clear()
        if r.diproses % setiap == 0:
            _kemajuan(impor, r)
    if batch:
        penulis.tulis(batch)


def _dinyatakan_terhenti() -> str:
    return _(
        "The import was taken for stopped (no sign of life for too long) while it still ran; "
        "its rows were discarded. Retry it."
    )


def _kemajuan(impor: ImporDtks, r: Ringkasan) -> None:
    """Progress and a sign of life, only while the import is still running: one declared dead
    meanwhile (its worker silent too long) stops here rather than write on."""
    masih_berjalan = ImporDtks.objects.filter(pk=impor.pk, status=StatusImpor.BERJALAN).update(
        baris_diproses=r.diproses,
        baris_diterima=r.diterima,
        baris_ditolak=r.ditolak,
        detak_pada=timezone.now(),
    )
    if not masih_berjalan:
        raise ImporGagal(_dinyatakan_terhenti())


def _gagal(impor: ImporDtks, r: Ringkasan, pesan: str) -> None:
    WargaDtks.objects.filter(impor_id=impor.pk).delete()
    # An import already failed (declared dead) keeps the reason it was given.
    ImporDtks.objects.filter(pk=impor.pk, status=StatusImpor.BERJALAN).update(
        status=StatusImpor.GAGAL,
        pesan=pesan,
        selesai_pada=timezone.now(),
        baris_diproses=r.diproses,
        baris_diterima=0,
        baris_ditolak=r.ditolak,
    )


def _aktifkan(impor: ImporDtks, r: Ringkasan) -> None:
    """Switch the office to the new period in one transaction, then drop the old rows."""
    with transaction.atomic():
        pengaturan, _dibuat = PengaturanDtks.objects.select_for_update().get_or_create(
            kantor_id=impor.kantor_id
        )
        masih_berjalan = ImporDtks.objects.select_for_update().filter(
            pk=impor.pk, status=StatusImpor.BERJALAN
        )
        if not list(masih_berjalan.values_list("pk", flat=True)):
            raise ImporGagal(_dinyatakan_terhenti())
        lama = pengaturan.impor_aktif_id
        pengaturan.impor_aktif = impor
        pengaturan.save(update_fields=["impor_aktif"])
        impor.status = StatusImpor.SELESAI
        impor.baris_diproses, impor.baris_diterima, impor.baris_ditolak = (
            r.diproses,
            r.diterima,
            r.ditolak,
        )
        impor.selesai_pada = impor.detak_pada = timezone.now()
        impor.pesan = ""
        # Only what the run wrote: the file may have moved on to a retry in the meantime.
        impor.save(
            update_fields=[
                "status",
                "baris_diproses",
                "baris_diterima",
                "baris_ditolak",
                "selesai_pada",
                "detak_pada",
                "pesan",
                "laporan_penolakan",
            ]
        )
        if lama:
            ImporDtks.objects.filter(pk=lama).update(status=StatusImpor.DIGANTI)
    if lama:
        WargaDtks.objects.filter(impor_id=lama).delete()


def impor_dari_berkas(*, kantor: Any, path: Path, periode: str, oleh: Any = None) -> ImporDtks:
    """Queue-less import (the management command): store the file, run the import here."""
    impor = ImporDtks(kantor=kantor, periode=periode, nama_berkas=path.name, dibuat_oleh=oleh)
    with path.open("rb") as f:
        impor.berkas.save(path.name, File(f), save=True)
    jalankan_impor(impor)
    impor.refresh_from_db()
    return impor
