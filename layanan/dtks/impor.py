"""Imports an office's DTKS export (CSV or XLSX) as a new data period, streaming, all or nothing.

Rows are validated as they stream past and written in batches through the driver's bulk path
(executemany on SQLite, COPY on PostgreSQL). The new period answers lookups only once it is
complete: until then, and after any failure, the previous period keeps answering.
"""

from __future__ import annotations

import csv
import re
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from layanan.models import ImporDtks, PengaturanDtks, StatusImpor, WargaDtks
from layanan.validators import POLA_NOTASI_ILMIAH, urai_nik

UKURAN_BATCH = 10_000
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
# Header names as offices' exports spell them, after lowercasing and dropping non-alphanumerics.
SINONIM = {
    "nik": {
        "nik",
        "nikart",
        "noktp",
        "nomorinduk",
        "nomorindukkependudukan",
        "niknomorindukkependudukan",
    },
    "nomor_kk": {"nokk", "nomorkk", "kk", "nikk", "nomorkartukeluarga"},
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
    return re.sub(r"[^a-z0-9]", "", str(header or "").lower())


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
            _("The file has no NIK column (looked for a header such as NIK, NIK_ART or No KTP).")
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


@dataclass(frozen=True)
class BarisBersih:
    nilai: tuple[Any, ...]  # in KOLOM_TABEL order, without impor_id
    nik_int: int


def bersihkan_baris(
    sel: list[Any], peta: dict[str, int], program_kolom: list[tuple[int, str]]
) -> BarisBersih:
    def ambil(field: str) -> Any:
        i = peta.get(field)
        return sel[i] if i is not None and i < len(sel) else None

    def teks(field: str, panjang: int) -> str:
        nilai = ambil(field)
        return "" if nilai is None else str(nilai).strip()[:panjang]

    nik = urai_nik(bersihkan_nik_excel(ambil("nik"))).nik
    kk = bersihkan_nik_excel(ambil("nomor_kk"), "KK")
    if kk and not (kk.isdigit() and len(kk) == 16):
        raise ValidationError(_("KK must have 16 digits"))
    desil_teks = teks("desil", 5)
    desil = None
    if desil_teks:
        try:
            desil = int(float(desil_teks))
        except ValueError:
            raise ValidationError(
                _("desil '%(v)s' is not a number 1–10") % {"v": desil_teks}
            ) from None
        if not 1 <= desil <= 10:
            raise ValidationError(_("desil '%(v)s' is not a number 1–10") % {"v": desil_teks})
    program = [p.strip().upper() for p in re.split(r"[,;/]", teks("program", 255)) if p.strip()]
    program += [
        nama
        for i, nama in program_kolom
        if i < len(sel) and str(sel[i] or "").strip().lower() in YA and nama not in program
    ]
    nilai = (
        nik,
        kk,
        teks("id_dtks", 40),
        teks("nama", 150),
        teks("alamat", 255),
        teks("kelurahan", 100),
        desil,
        ",".join(program)[:255],
    )
    return BarisBersih(nilai, int(nik))


# ---------------------------------------------------------------------------
# Writing batches through the driver
# ---------------------------------------------------------------------------
def _tulis(impor_id: int, batch: list[tuple[Any, ...]]) -> None:
    tabel = WargaDtks._meta.db_table
    kolom = ", ".join(KOLOM_TABEL)
    baris = [(impor_id, *b) for b in batch]
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {tabel} ({kolom}) FROM STDIN") as copy:
                for b in baris:
                    copy.write_row(b)
        else:
            tanda = ", ".join(["%s"] * len(KOLOM_TABEL))
            cursor.executemany(f"INSERT INTO {tabel} ({kolom}) VALUES ({tanda})", baris)


# ---------------------------------------------------------------------------
# The import
# ---------------------------------------------------------------------------
def jalankan_impor(impor: ImporDtks, *, setiap: int = 50_000) -> Ringkasan:
    """Run one queued import to the end; on any failure the office's current data stays."""
    ImporDtks.objects.filter(pk=impor.pk).update(
        status=StatusImpor.BERJALAN, mulai_pada=timezone.now()
    )
    ringkasan = Ringkasan()
    with tempfile.NamedTemporaryFile("w+", suffix=".csv", newline="", encoding="utf-8") as lapor:
        penulis_laporan = csv.writer(lapor)
        penulis_laporan.writerow(["baris", "alasan", "nik_di_berkas"])
        try:
            _impor_baris(impor, ringkasan, penulis_laporan, setiap)
        except ImporGagal as exc:
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
        lapor.flush()
        lapor.seek(0)
        if ringkasan.ditolak:
            impor.laporan_penolakan.save("ditolak.csv", File(lapor), save=False)
    _aktifkan(impor, ringkasan)
    return ringkasan


def _impor_baris(impor: ImporDtks, r: Ringkasan, laporan: Any, setiap: int) -> None:
    baris = baca_baris(Path(impor.berkas.path))
    try:
        _nomor, header = next(baris)
    except StopIteration:
        raise ImporGagal(_("The file is empty.")) from None
    peta, program_kolom = petakan_header(header), kolom_program(header)
    lebar = len(header)
    dilihat: set[int] = set()
    batch: list[tuple[Any, ...]] = []
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
        if not any(str(s or "").strip() for s in sel):
            continue
        r.diproses += 1
        try:
            if len(sel) <= peta["nik"]:
                raise ValidationError(_("the row has fewer columns than the header"))
            bersih = bersihkan_baris(sel, peta, program_kolom)
            if bersih.nik_int in dilihat:
                raise ValidationError(_("the NIK appears earlier in the file (duplicate)"))
        except ValidationError as exc:
            r.ditolak += 1
            nik_asli = sel[peta["nik"]] if peta["nik"] < len(sel) else ""
            laporan.writerow([nomor, "; ".join(exc.messages), nik_asli])
            continue
        dilihat.add(bersih.nik_int)
        batch.append(bersih.nilai)
        r.diterima += 1
        if len(batch) >= UKURAN_BATCH:
            _tulis(impor.pk, batch)
            batch.clear()
        if r.diproses % setiap == 0:
            _kemajuan(impor, r)
    if batch:
        _tulis(impor.pk, batch)
    if r.diterima == 0:
        raise ImporGagal(_("No row of the file could be used (see the rejected rows)."))


def _kemajuan(impor: ImporDtks, r: Ringkasan) -> None:
    ImporDtks.objects.filter(pk=impor.pk).update(
        baris_diproses=r.diproses, baris_diterima=r.diterima, baris_ditolak=r.ditolak
    )


def _gagal(impor: ImporDtks, r: Ringkasan, pesan: str) -> None:
    WargaDtks.objects.filter(impor_id=impor.pk).delete()
    ImporDtks.objects.filter(pk=impor.pk).update(
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
        lama = pengaturan.impor_aktif_id
        pengaturan.impor_aktif = impor
        pengaturan.save(update_fields=["impor_aktif"])
        impor.status = StatusImpor.SELESAI
        impor.baris_diproses, impor.baris_diterima, impor.baris_ditolak = (
            r.diproses,
            r.diterima,
            r.ditolak,
        )
        impor.selesai_pada = timezone.now()
        impor.pesan = ""
        impor.save()
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
