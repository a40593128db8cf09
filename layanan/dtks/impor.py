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
import re
import tempfile
import threading
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from layanan.ekspor import PenulisCsv
from layanan.models import ImporDtks, PengaturanDtks, StatusImpor, WargaDtks
from layanan.validators import POLA_NOTASI_ILMIAH, urai_nik

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
# Header names as offices' exports spell them, as _kunci reads them: lowercase, punctuation and a
# note in brackets dropped, and a leading "No."/"Nomor" too ("No. NIK", "Nomor NIK" are "nik").
SINONIM = {
    "nik": {
        "nik",
        "nonik",  # "NoNIK", no space to split at
        "nomornik",
        "nikart",
        "ktp",
        "noktp",
        "induk",
        "nomorinduk",
        "indukkependudukan",
        "nomorindukkependudukan",
        "niknomorindukkependudukan",
    },
    "nomor_kk": {
        "kk",
        "nokk",
        "nomorkk",
        "nikk",
        "nikkk",  # "NIK KK", "NIK_KK", "No. NIK KK": the family card's number
        "kartukeluarga",
        "nomorkartukeluarga",
    },
    "id_dtks": {"iddtks", "idart", "idbdt", "iddtsen", "idkeluarga"},
    "nama": {"nama", "namaart", "namalengkap", "namapenerima"},
    "alamat": {"alamat", "alamatlengkap"},
    "kelurahan": {
        "kelurahan",
        "desa",
        "desakelurahan",
        "kelurahandesa",
        "namakelurahan",
        "namadesa",
    },
    "desil": {"desil", "desilkesejahteraan", "peringkatdesil", "peringkat"},
    "program": {"program", "bansos", "bantuan", "programbansos"},
}
_AWALAN_NOMOR = {"no", "nomor", "nomer", "nmr", "nr", "num", "number"}
PROGRAM_KOLOM = {
    "pkh": "PKH",
    "bpnt": "BPNT",
    "sembako": "BPNT",
    "pbi": "PBI-JK",
    "pbijk": "PBI-JK",
    "pip": "PIP",
    "kip": "PIP",
    "blt": "BLT",
    "rutilahu": "RUTILAHU",
}
YA = {"1", "ya", "y", "true", "x", "v", "yes"}


class ImporGagal(Exception):
    """The whole file is refused; the message says why, in Indonesian."""


@dataclass
class Ringkasan:
    diproses: int = 0
    diterima: int = 0
    ditolak: int = 0


def _kunci(header: Any) -> str:
    """A header as compared: "No. NIK", "NOMOR NIK", "Nik (16 digit)" and "NIK" are one."""
    teks = unicodedata.normalize("NFKC", str(header or "")).lower()
    teks = re.sub(r"\(.*?\)|\[.*?\]", " ", teks)
    kata = re.findall(r"[a-z0-9]+", teks)
    if len(kata) > 1 and kata[0] in _AWALAN_NOMOR:
        kata = kata[1:]
    return "".join(kata)


def petakan_header(header: list[Any]) -> dict[str, int]:
    """Column positions by our field names; "program" also gathers yes/no programme columns."""
    peta: dict[str, int] = {}
    for i, h in enumerate(header):
        kunci = _kunci(h)
        for field, nama in SINONIM.items():
            if kunci in nama and field not in peta:
                peta[field] = i
    if "nik" not in peta:
        raise ImporGagal(
            _(
                "The file has no NIK column (looked for a header such as NIK, No. NIK, NIK_ART "
                "or No KTP). Its first row: %(header)s"
            )
            % {"header": ", ".join(str(h) for h in header if h not in (None, ""))[:300]}
        )
    return peta


def kolom_program(header: list[Any]) -> list[tuple[int, str]]:
    return [
        (i, PROGRAM_KOLOM[_kunci(h)]) for i, h in enumerate(header) if _kunci(h) in PROGRAM_KOLOM
    ]


# ---------------------------------------------------------------------------
# Reading CSV or XLSX as (line number, cells) rows
# ---------------------------------------------------------------------------
def baca_baris(path: Path) -> Iterator[tuple[int, list[Any]]]:
    with path.open("rb") as f:
        awal = f.read(65536)
    if not awal.strip():
        raise ImporGagal(_("The file is empty."))
    if awal.startswith(b"PK\x03\x04"):
        yield from _baca_xlsx(path)
    elif b"\x00" in awal:
        raise ImporGagal(_("The file is neither CSV nor XLSX."))
    else:
        yield from _baca_csv(path, awal)


def _baca_xlsx(path: Path) -> Iterator[tuple[int, list[Any]]]:
    from openpyxl import load_workbook

    try:
        buku = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ImporGagal(_("The XLSX file is damaged or cut off; export it again.")) from None
    try:
        for nomor, baris in enumerate(buku.active.iter_rows(values_only=True), start=1):
            yield nomor, list(baris)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise ImporGagal(_("The XLSX file is damaged or cut off; export it again.")) from None
    finally:
        buku.close()


def _baca_csv(path: Path, awal: bytes) -> Iterator[tuple[int, list[Any]]]:
    try:
        awal.decode("utf-8-sig")
        encoding = "utf-8-sig"
    except UnicodeDecodeError:
        encoding = "cp1252"  # Excel on Indonesian Windows saves CSV this way
    baris_pertama = awal.split(b"\n", 1)[0].decode(encoding, errors="replace")
    pemisah = max(",;\t|", key=baris_pertama.count)
    with path.open(encoding=encoding, newline="", errors="replace") as f:
        pembaca = csv.reader(f, delimiter=pemisah)
        try:
            for baris in pembaca:
                yield pembaca.line_num, baris
        except csv.Error as exc:
            raise ImporGagal(
                _("The CSV cannot be read near line %(n)s: %(e)s")
                % {"n": pembaca.line_num, "e": exc}
            ) from None
    with path.open("rb") as f:
        f.seek(-1, 2)
        tanpa_akhir_baris = f.read(1) not in (b"\n", b"\r")
    if tanpa_akhir_baris:
        # An export ends its last line; one that does not may have been cut off. The caller checks
        # the last row's width to tell a cut from a file merely saved without a final newline.
        yield -1, []


# ---------------------------------------------------------------------------
# Cleaning one row
# ---------------------------------------------------------------------------
def bersihkan_nik_excel(nilai: Any, nama: str = "NIK") -> str:
    """Undo what Excel does to ID numbers, or raise ValidationError with the damage named."""
    if type(nilai) is str and len(nilai) == 16 and nilai.isascii() and nilai.isdigit():
        return nilai  # the common case, a million times over: nothing to undo
    if isinstance(nilai, int | float) and not isinstance(nilai, bool):
        # A number cell holds 16 digits exactly only below 2**53; above that (the Papua
        # provinces' 9x codes), or with a fraction, digits were lost on the way in.
        if (isinstance(nilai, float) and not nilai.is_integer()) or abs(nilai) >= 2**53:
            raise ValidationError(
                _("%(nama)s damaged by Excel (stored as a number, digits lost)") % {"nama": nama}
            )
        nilai = int(nilai)
    teks = str(nilai if nilai is not None else "").strip().lstrip("'").strip()
    if POLA_NOTASI_ILMIAH.match(teks):
        raise ValidationError(
            _("%(nama)s damaged by Excel (scientific notation %(v)s)") % {"nama": nama, "v": teks}
        )
    teks = re.sub(r"[\s.\u00a0]", "", teks)
    if teks.isdigit() and len(teks) == 15:
        raise ValidationError(
            _("%(nama)s has 15 digits: one was lost (Excel, or a typo)") % {"nama": nama}
        )
    return teks


@cache
def _tanggal_nik_sah(ddmmyy: str) -> bool:
    """The birth-date digits of a NIK exist (cached: a registry repeats the same few thousand)."""
    try:
        urai_nik(f"110101{ddmmyy}0001")
    except ValidationError:
        return False
    return True


def nik_registri(nilai: Any) -> str:
    """A registry NIK: quick when it is plainly valid, urai_nik's exact reason when it is not."""
    teks = nilai if type(nilai) is str else bersihkan_nik_excel(nilai)
    if not (len(teks) == 16 and teks.isascii() and teks.isdigit()):
        teks = bersihkan_nik_excel(teks)
    if (
        len(teks) == 16
        and teks.isascii()
        and teks.isdigit()
        and teks[:2] != "00"
        and teks[:6] != "000000"
        and teks[12:] != "0000"
        and _tanggal_nik_sah(teks[6:12])
    ):
        return teks
    return urai_nik(teks).nik


class PembersihBaris:
    """Turns a row of cells into the registry's values; built once per file from its header.

    It runs a million times per import, so it is written for speed: one pass, no helpers for
    the common case (clean strings), the careful paths only when a cell needs them.
    """

    def __init__(self, header: list[Any]):
        peta = petakan_header(header)
        self.i_nik = peta["nik"]
        self.i_lain = [
            peta.get(f)
            for f in ("nomor_kk", "id_dtks", "nama", "alamat", "kelurahan", "desil", "program")
        ]
        self.program_kolom = kolom_program(header)

    def __call__(self, sel: list[Any]) -> tuple[tuple[Any, ...], int]:
        """(values in KOLOM_TABEL order without impor_id, the NIK as an int for duplicates)."""
        n = len(sel)
        kk, id_dtks, nama, alamat, kelurahan, desil, program = [
            ""
            if i is None or i >= n or sel[i] is None
            else (sel[i] if type(sel[i]) is str else str(sel[i])).strip()
            for i in self.i_lain
        ]
        nik = nik_registri(sel[self.i_nik])
        if kk:
            kk = bersihkan_nik_excel(kk, "KK")
            if not (len(kk) == 16 and kk.isdigit()):
                raise ValidationError(_("KK must have 16 digits"))
        if program or self.program_kolom:
            program = self._program(sel, program)
        nilai = (
            nik,
            kk,
            id_dtks[:40],
            nama[:150],
            alamat[:255],
            kelurahan[:100],
            _desil(desil) if desil else None,
            program,
        )
        return nilai, int(nik)

    def _program(self, sel: list[Any], teks: str) -> str:
        if ";" in teks or "/" in teks:
            teks = teks.replace(";", ",").replace("/", ",")
        program = [p.strip().upper() for p in teks.split(",") if p.strip()] if teks else []
        for i, nama in self.program_kolom:
            if i < len(sel) and str(sel[i] or "").strip().lower() in YA and nama not in program:
                program.append(nama)
        return ",".join(program)[:255]


def _teks(nilai: Any, panjang: int) -> str:
    return "" if nilai is None else str(nilai).strip()[:panjang]


def _desil(nilai: Any) -> int | None:
    teks = _teks(nilai, 5)
    if not teks:
        return None
    try:
        desil = int(float(teks))
    except ValueError:
        desil = 0
    if not 1 <= desil <= 10:
        raise ValidationError(_("desil '%(v)s' is not a number 1–10") % {"v": teks})
    return desil


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
    baris = baca_baris(Path(impor.berkas.path))
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
