"""The DTKS sources run for real: the importer on small real files, HTTP against a loopback server."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from openpyxl import Workbook

from layanan.dtks import HasilDtks, OrangDtks, memenuhi
from layanan.dtks.http import AdapterHttp
from layanan.dtks.impor import _impor_baris, impor_dari_berkas
from layanan.dtks.registri import AdapterRegistri
from layanan.models import (
    AturanKelayakan,
    ImporDtks,
    Kantor,
    PengaturanDtks,
    StatusDtks,
    StatusImpor,
    WargaDtks,
)

pytestmark = pytest.mark.django_db
HEADER = "No,NIK_ART,No KK,Nama ART,Alamat,Desa/Kelurahan,Desil,PKH,BPNT\n"
SAH = [
    "1,3572010501890001,3572011203180004,Budi Santoso,Jl. Merdeka 5,Kepanjenkidul,2,Ya,1\n",
    "2,'3572011203150002,3572011203180004,Rina Santoso,Jl. Merdeka 5,Kepanjenkidul,2,Tidak,\n",
    "3,3572 0262 0792 0003,,Dewi Lestari,Jl. Kenari 1,Sentul,7,,\n",
]
RUSAK = [
    "4,3.57201E+15,,Excel Rusak,-,-,1,,\n",
    "5,357201050189000,,Lima Belas,-,-,1,,\n",
    "6,3572010501890001,,Budi Ganda,-,-,1,,\n",
    "7,3572013102890001,,Tanggal Mustahil,-,-,1,,\n",
    "8,3572014501890009,,Desil Salah,-,-,11,,\n",
]


@pytest.fixture
def kantor(db) -> Kantor:
    kantor = Kantor.objects.get(kode="blitar")
    PengaturanDtks.objects.filter(kantor=kantor).update(impor_aktif=None)
    return kantor


def _csv(tmp_path: Path, nama: str, isi: str) -> Path:
    path = tmp_path / nama
    path.write_text(isi, encoding="utf-8")
    return path


def _aktif(kantor: Kantor) -> ImporDtks | None:
    return PengaturanDtks.objects.get(kantor=kantor).impor_aktif


def test_csv_import_maps_headers_repairs_what_it_can_and_rejects_the_rest(kantor, tmp_path):
    path = _csv(tmp_path, "dtks.csv", HEADER + "".join(SAH + RUSAK))
    impor = impor_dari_berkas(kantor=kantor, path=path, periode="2026-09")
    assert impor.status == StatusImpor.SELESAI
    assert (impor.baris_diterima, impor.baris_ditolak) == (3, 5)
    laporan = impor.laporan_penolakan.open("rb").read().decode()
    for baris, alasan in [
        (5, "notasi ilmiah"),
        (6, "hanya 15 digit"),
        (7, "ganda"),
        (8, "tidak ada"),
        (9, "bukan angka 1–10"),
    ]:
        assert any(b.startswith(f"{baris},") and alasan in b for b in laporan.splitlines()), alasan
    budi = WargaDtks.objects.get(impor=impor, nik="3572010501890001")
    assert (budi.nama, budi.desil, budi.program, budi.kelurahan) == (
        "Budi Santoso",
        2,
        "PKH,BPNT",
        "Kepanjenkidul",
    )
    assert WargaDtks.objects.filter(impor=impor, nik="3572011203150002").exists()  # apostrophe
    assert WargaDtks.objects.filter(impor=impor, nik="3572026207920003").exists()  # spaces
    assert _aktif(kantor) == impor


def test_xlsx_import_reads_numbers_and_spots_precision_loss(kantor, tmp_path):
    buku = Workbook()
    lembar = buku.active
    lembar.append(["NIK", "NOMOR KK", "NAMA", "DESIL"])
    lembar.append([3572010501890001, 3572011203180004, "Budi Santoso", 2])
    lembar.append([9201014501890001, None, "Papua, angka", 3])  # above 2**53: digits lost
    lembar.append(["3572026207920003", None, "Dewi Lestari", None])
    path = tmp_path / "dtks.xlsx"
    buku.save(path)
    impor = impor_dari_berkas(kantor=kantor, path=path, periode="2026-10")
    assert (impor.status, impor.baris_diterima, impor.baris_ditolak) == (StatusImpor.SELESAI, 2, 1)
    assert "disimpan sebagai angka" in impor.laporan_penolakan.open("rb").read().decode()


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("kosong.csv", b"", "Berkas kosong"),
        ("tanpa-nik.csv", b"Nama,Alamat\nBudi,Jl. A\n", "tidak memiliki kolom NIK"),
        ("biner.csv", bytes(range(256)) * 10, "bukan CSV maupun XLSX"),
        (
            "terpotong.csv",
            (HEADER + SAH[0] + "2,3572011203150002,35720112").encode(),
            "terpotong di baris 3",
        ),
        ("rusak.xlsx", b"PK\x03\x04" + b"\x00" * 200, "XLSX rusak atau terpotong"),
        ("hanya-judul.csv", HEADER.encode(), "Tidak ada baris berkas yang dapat dipakai"),
    ],
)
def test_a_refused_file_leaves_the_previous_period_answering(kantor, tmp_path, nama, isi, pesan):
    lama = impor_dari_berkas(
        kantor=kantor, path=_csv(tmp_path, "a.csv", HEADER + SAH[0]), periode="lama"
    )
    path = tmp_path / nama
    path.write_bytes(isi)
    baru = impor_dari_berkas(kantor=kantor, path=path, periode="baru")
    assert baru.status == StatusImpor.GAGAL
    assert pesan in baru.pesan
    assert not WargaDtks.objects.filter(impor=baru).exists()
    assert _aktif(kantor) == lama
    assert AdapterRegistri(_aktif(kantor)).cari_nik("3572010501890001").terdaftar


def test_the_old_period_answers_until_the_new_one_is_complete(kantor, tmp_path):
    impor_dari_berkas(kantor=kantor, path=_csv(tmp_path, "a.csv", HEADER + SAH[0]), periode="lama")
    path = _csv(tmp_path, "b.csv", HEADER + SAH[2])
    baru = ImporDtks(
        kantor=kantor, periode="baru", nama_berkas="b.csv", status=StatusImpor.BERJALAN
    )
    baru.berkas.save("b.csv", ContentFile(path.read_bytes()))
    from layanan.dtks.impor import Ringkasan

    class Laporan:
        def __init__(self):
            self.baris = []

        def writerow(self, baris):
            self.baris.append(baris)

    _impor_baris(baru, Ringkasan(), Laporan(), 50_000)  # rows written, period not switched yet
    assert WargaDtks.objects.filter(impor=baru).count() == 1
    adapter = AdapterRegistri(_aktif(kantor))
    assert adapter.cari_nik("3572010501890001").terdaftar
    assert not adapter.cari_nik("3572026207920003").terdaftar


def test_a_new_period_replaces_the_old_one_whole(kantor, tmp_path):
    lama = impor_dari_berkas(
        kantor=kantor, path=_csv(tmp_path, "a.csv", HEADER + SAH[0]), periode="lama"
    )
    baru = impor_dari_berkas(
        kantor=kantor, path=_csv(tmp_path, "b.csv", HEADER + SAH[2]), periode="baru"
    )
    lama.refresh_from_db()
    assert lama.status == StatusImpor.DIGANTI
    assert not WargaDtks.objects.filter(impor=lama).exists()
    adapter = AdapterRegistri(_aktif(kantor))
    assert not adapter.cari_nik("3572010501890001").terdaftar
    hasil = adapter.cari_nik("3572026207920003")
    assert hasil.terdaftar and hasil.periode == "baru" and baru == _aktif(kantor)


def test_lookup_by_kk_returns_the_family(kantor, tmp_path):
    impor = impor_dari_berkas(
        kantor=kantor, path=_csv(tmp_path, "a.csv", HEADER + "".join(SAH)), periode="p"
    )
    hasil = AdapterRegistri(impor).cari_kk("3572011203180004")
    assert {o.nama for o in hasil.orang} == {"Budi Santoso", "Rina Santoso"}
    assert AdapterRegistri(impor).cari_kk("3572019999999999").status == StatusDtks.TIDAK_TERDAFTAR


def test_no_registry_yet_is_unavailable_not_unregistered(kantor):
    assert AdapterRegistri(None).cari_nik("3572010501890001").status == StatusDtks.TIDAK_TERSEDIA


@pytest.mark.parametrize(
    ("aturan", "desil", "hasil"),
    [
        (AturanKelayakan.TERDAFTAR, 9, True),
        (AturanKelayakan.DESIL, 5, True),
        (AturanKelayakan.DESIL, 6, False),
        (AturanKelayakan.DESIL, None, False),
    ],
)
def test_the_offices_eligibility_rule(aturan, desil, hasil):
    pengaturan = PengaturanDtks(aturan=aturan, desil_maks=5)
    jawaban = HasilDtks(StatusDtks.TERDAFTAR, (OrangDtks(nik="1", desil=desil),))
    assert memenuhi(jawaban, pengaturan) is hasil
    assert memenuhi(HasilDtks(StatusDtks.TIDAK_TERSEDIA), pengaturan) is None


# ---------------------------------------------------------------------------
# HTTP source against a real server on loopback
# ---------------------------------------------------------------------------
class _Server:
    def __init__(self, perilaku):
        self.perilaku, self.permintaan = perilaku, []
        induk = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                induk.permintaan.append((self.path, self.headers.get("Authorization")))
                kode, isi, tunda = induk.perilaku(self.path)
                time.sleep(tunda)
                self.send_response(kode)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(isi.encode())

            def log_message(self, *args):
                """Quiet: the tests read the requests from `permintaan`."""

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/dtks"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def tutup(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    servers = []

    def buat(perilaku):
        s = _Server(perilaku)
        servers.append(s)
        return s

    yield buat
    for s in servers:
        s.tutup()


TERDAFTAR = json.dumps(
    {
        "terdaftar": True,
        "periode": "2026-08",
        "data": [
            {"nik": "3572010501890001", "nama": "Budi Santoso", "desil": 2, "program": ["PKH"]}
        ],
    }
)


def test_http_registered_and_not(server):
    s = server(lambda path: (200, TERDAFTAR if "0001" in path else '{"terdaftar": false}', 0))
    adapter = AdapterHttp(url=s.url, token="rahasia", timeout=2)
    hasil = adapter.cari_nik("3572010501890001")
    assert hasil.terdaftar and hasil.periode == "2026-08" and hasil.orang[0].desil == 2
    assert adapter.cari_nik("3572026207920003").status == StatusDtks.TIDAK_TERDAFTAR
    assert s.permintaan[0] == ("/dtks?nik=3572010501890001", "Bearer rahasia")


@pytest.mark.parametrize(
    ("perilaku", "percobaan", "pesan"),
    [
        (lambda p: (200, TERDAFTAR, 1.5), 1, "tidak menjawab dalam"),  # slower than the timeout
        (lambda p: (500, "oops", 0), 3, "HTTP 500"),
        (lambda p: (200, "{bukan json", 0), 1, "bukan JSON"),
        (lambda p: (200, '{"hasil": "ya"}', 0), 1, "tidak berbentuk"),
        (lambda p: (403, "{}", 0), 1, "menolak permintaan"),
    ],
    ids=["lambat", "500", "json-rusak", "bentuk-lain", "403"],
)
def test_http_failures_are_unavailable_never_not_found(server, perilaku, percobaan, pesan):
    s = server(perilaku)
    hasil = AdapterHttp(url=s.url, token="t", timeout=1).cari_nik("3572010501890001")
    assert hasil.status == StatusDtks.TIDAK_TERSEDIA
    assert pesan in hasil.galat
    assert len(s.permintaan) == percobaan


def test_http_source_that_is_down(db):
    hasil = AdapterHttp(url="http://127.0.0.1:9/dtks", token="", timeout=0.3).cari_nik("1")
    assert hasil.status == StatusDtks.TIDAK_TERSEDIA


class _ServerMenetes:
    """A source that drips its answer a byte at a time: every socket read gets something, so
    only a total deadline ends the wait. `cepat(path)` picks the requests answered at once."""

    def __init__(self, *, jeda: float = 0.05, dari_header: bool = False, cepat=lambda p: False):
        self.permintaan = []
        induk = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                induk.permintaan.append(self.path)
                isi = TERDAFTAR.encode()
                kepala = (
                    f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(isi)}\r\n\r\n"
                ).encode()
                if cepat(self.path):
                    self.wfile.write(kepala + isi)
                    return
                tetes = kepala + isi if dari_header else isi
                if not dari_header:
                    self.wfile.write(kepala)
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    for i in range(len(tetes)):
                        self.wfile.write(tetes[i : i + 1])
                        self.wfile.flush()
                        time.sleep(jeda)

            def log_message(self, *args):
                """Quiet."""

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/dtks"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def tutup(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server_menetes():
    servers = []

    def buat(**kw):
        s = _ServerMenetes(**kw)
        servers.append(s)
        return s

    yield buat
    for s in servers:
        s.tutup()


@pytest.mark.parametrize("dari_header", [False, True], ids=["isi", "header"])
def test_a_source_dripping_bytes_is_cut_at_the_lookups_total_timeout(server_menetes, dari_header):
    s = server_menetes(dari_header=dari_header)  # the whole answer would take 8 s or more
    mulai = time.monotonic()
    hasil = AdapterHttp(url=s.url, token="t", timeout=1).cari_nik("3572010501890001")
    assert time.monotonic() - mulai < 1.8  # retries included: the timeout is the whole lookup
    assert hasil.status == StatusDtks.TIDAK_TERSEDIA
    assert "tidak menjawab dalam 1,0 detik" in hasil.galat


def test_no_lookup_runs_past_the_callers_deadline(server_menetes):
    s = server_menetes()
    mulai = time.monotonic()
    adapter = AdapterHttp(url=s.url, token="t", timeout=10, tenggat=mulai + 0.6)
    assert adapter.cari_nik("3572010501890001").status == StatusDtks.TIDAK_TERSEDIA
    telat = adapter.cari_nik("3572011203150002")
    assert time.monotonic() - mulai < 1.2
    assert telat.status == StatusDtks.TIDAK_TERSEDIA and "kehabisan waktu" in telat.galat
    assert len(s.permintaan) == 1  # the second was never sent


@pytest.mark.parametrize("timeout", [0, -1, float("nan"), 1e9])
def test_a_stored_timeout_out_of_range_neither_stalls_nor_crashes(server, timeout):
    s = server(lambda path: (200, '{"terdaftar": false}', 0))
    hasil = AdapterHttp(url=s.url, token="t", timeout=timeout).cari_nik("3572026207920003")
    assert hasil.status == StatusDtks.TIDAK_TERDAFTAR


# ---------------------------------------------------------------------------
# Headers as offices spell them
# ---------------------------------------------------------------------------
EJAAN_HEADER = [
    ["No.", "No. NIK", "NO. KK", "Nama"],
    ["No", "Nomor NIK", "NIK KK", "Nama Lengkap"],
    ["NO", "NIK (16 digit)", "NIK_KK", "NAMA"],
    ["No Urut", "NO.NIK", "No. NIK KK", "Nama ART"],
    ["No.", "Nomor\u00a0NIK", "Nomor Kartu Keluarga", "Nama"],
]


def _tulis_ekspor(tmp_path: Path, format_: str, header: list[str]) -> Path:
    baris = [
        ["1", "3572010501890001", "3572011203180004", "Budi Santoso"],
        ["2", "3572011203150002", "3572011203180004", "Rina Santoso"],
    ]
    if format_ == "csv":
        path = tmp_path / "dtks.csv"
        path.write_text(
            "\n".join(";".join(b) for b in [header, *baris]) + "\n", encoding="utf-8-sig"
        )
        return path
    buku = Workbook()
    for b in [header, *baris]:
        buku.active.append(b)
    path = tmp_path / "dtks.xlsx"
    buku.save(path)
    return path


@pytest.mark.parametrize("format_", ["csv", "xlsx"])
@pytest.mark.parametrize("header", EJAAN_HEADER, ids=lambda h: " | ".join(h))
def test_common_header_spellings_are_recognised(kantor, tmp_path, format_, header):
    path = _tulis_ekspor(tmp_path, format_, header)
    impor = impor_dari_berkas(kantor=kantor, path=path, periode="ejaan")
    assert (impor.status, impor.baris_diterima, impor.baris_ditolak) == (StatusImpor.SELESAI, 2, 0)
    keluarga = AdapterRegistri(impor).cari_kk("3572011203180004")
    assert {o.nama for o in keluarga.orang} == {"Budi Santoso", "Rina Santoso"}


def test_a_head_of_familys_nik_is_not_taken_for_the_persons(kantor, tmp_path):
    path = _tulis_ekspor(tmp_path, "csv", ["No", "NIK Kepala Keluarga", "No KK", "Nama"])
    impor = impor_dari_berkas(kantor=kantor, path=path, periode="x")
    assert impor.status == StatusImpor.GAGAL
    assert "tidak memiliki kolom NIK" in impor.pesan and "NIK Kepala Keluarga" in impor.pesan
