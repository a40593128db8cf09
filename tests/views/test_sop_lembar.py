"""The SOP sheet shows a service as its document does, to its own office only."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from layanan.models import Langkah, Layanan

pytestmark = pytest.mark.django_db


def _url(kantor, kode):
    return reverse("layanan:sop-lembar", args=[kantor, kode])


def _teks(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_blitar_sheet_has_header_step_table_and_total(petugas_a):
    response = petugas_a.get(_url("blitar", "kip"))
    assert response.status_code == 200
    teks = _teks(response)
    for bagian in [
        "PEMERINTAH KOTA BLITAR",
        "012/410.105/SOP/2024",
        "5 Januari 2022",
        "4 Januari 2024",
        "9 Januari 2024",
        "DASAR HUKUM",
        "KUALIFIKASI PELAKSANA",
        "UU No. 13 Tahun 2011 tentang Penanganan Fakir Miskin",
        "Aplikasi SIKS-NG Kementerian Sosial",
        "PENCATATAN",
        "480 menit (8 jam = 1 hari kerja)",
    ]:
        assert bagian in teks, bagian
    lembar = response.context["lembar"]
    assert [p.nama for p in lembar.pelaksana] == [
        "Petugas/Staf",
        "Pekerja Sosial Ahli Muda",
        "Kabid",
        "Kadin",
    ]
    # Step 5: the Kabid initials, the Kadin signs: both columns marked.
    baris5 = next(b for b in lembar.baris if b.langkah.nomor == 5)
    assert [t.simbol if t else None for t in baris5.sel] == [None, None, "paraf", "tanda_tangan"]
    baris2 = next(b for b in lembar.baris if b.langkah.nomor == 2)
    assert baris2.cabang == [
        "YA → langkah 3",
        "TIDAK → selesai: Berkas tidak lengkap, permohonan tidak diterima",
    ]


def test_metro_sheet_reads_as_a_service_standard(superadmin):
    teks = _teks(superadmin.get(_url("metro", "kip")))
    for bagian in [
        "STANDAR PELAYANAN",
        "Produk pelayanan",
        "Untuk Mahasiswa",
        "Tidak dikenakan biaya.",
        "Verifikasi aduan",
        "Kursi Roda",
        "Batas waktu: 1 hari kerja",
    ]:
        assert bagian in teks, bagian


def test_service_standard_heads_its_number_column_no_not_tidak(superadmin):
    # "NO" is also the TIDAK branch of a decision; the number column is "No".
    teks = _teks(superadmin.get(_url("metro", "kip")))
    assert "No KOMPONEN URAIAN" in teks
    assert "TIDAK KOMPONEN" not in teks


@pytest.mark.parametrize(
    ("kantor", "kode", "total"),
    [
        ("bima", "pip", "490 menit (1 hari kerja 10 menit)"),
        ("solok", "sk-dtks", "25 menit"),
        ("tarakan", "pengaduan-bpnt", "45 menit"),
    ],
)
def test_each_sheet_totals_its_steps(superadmin, kantor, kode, total):
    assert total in _teks(superadmin.get(_url(kantor, kode)))


PERINGATAN_495 = (
    "Jumlah standar waktu langkah-langkahnya 495 menit (1 hari kerja 15 menit), 15 menit "
    "melebihi batas waktu layanan 480 menit (8 jam = 1 hari kerja)."
)


def test_steps_longer_than_the_time_limit_are_warned_on_the_sheet(petugas_a, layanan_a):
    # SOP Blitar: 480 minutes of steps against "1 hari kerja"; step 3 from 105 to 120 minutes.
    Langkah.objects.filter(layanan=layanan_a, nomor=3).update(waktu_nilai=120)
    response = petugas_a.get(_url("blitar", "kip"))
    assert response.status_code == 200
    assert PERINGATAN_495 in _teks(response)


@pytest.mark.parametrize(
    ("kantor", "kode"),
    [
        ("blitar", "kip"),  # 480 minutes of steps, exactly its limit
        ("metro", "kip"),  # steps without times
        ("bima", "pip"),  # 490 minutes, no stated limit
        ("solok", "sk-dtks"),
        ("tarakan", "pengaduan-bpnt"),
    ],
)
def test_seed_sheets_within_their_limit_carry_no_warning(superadmin, kantor, kode):
    assert "melebihi batas waktu" not in _teks(superadmin.get(_url(kantor, kode)))


def _url_pdf(kantor, kode):
    return reverse("layanan:sop-pdf", args=[kantor, kode])


def _pdf(response) -> PdfReader:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def _teks_pdf(reader: PdfReader) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.mark.parametrize(
    ("kantor", "kode", "ukuran"),
    [
        ("blitar", "kip", (841.89, 595.28)),  # A4 landscape
        ("metro", "kip", (935.43, 609.45)),  # F4 (215 × 330 mm) landscape
        ("tarakan", "pengaduan-bpnt", (841.89, 595.28)),
    ],
)
def test_sheet_pdf_is_landscape_on_the_offices_paper_with_every_step(
    superadmin, kantor, kode, ukuran
):
    reader = _pdf(superadmin.get(_url_pdf(kantor, kode)))
    for page in reader.pages:
        lebar, tinggi = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(lebar, 2), round(tinggi, 2)) == ukuran
    teks = _teks_pdf(reader)
    layanan = Layanan.objects.get(kantor__kode=kantor, kode=kode)
    assert layanan.kantor.nama_dinas in teks  # the letterhead
    rapat = re.sub(r"\s+", "", teks)  # a line may wrap anywhere, even after "SIKS-"
    for langkah in layanan.langkah.all():
        assert re.sub(r"\s+", "", langkah.kegiatan) in rapat, langkah.nomor


def test_sheet_pdf_has_the_blitar_table(petugas_a):
    teks = _teks_pdf(_pdf(petugas_a.get(_url_pdf("blitar", "kip"))))
    for bagian in [
        "012/410.105/SOP/2024",
        "Pekerja Sosial Ahli Muda",
        "Keputusan YA/TIDAK",
        "Tanda tangan",
        "TIDAK → selesai: Berkas tidak lengkap",
        "105 menit",
        "480 menit (8 jam = 1 hari kerja)",
        "Halaman 1 / 2",
    ]:
        assert bagian in teks, bagian


def test_sheet_pdf_is_indonesian_for_an_english_reader(petugas_a):
    petugas_a.post(reverse("set_language"), {"language": "en", "next": "/"})
    teks = _teks_pdf(_pdf(petugas_a.get(_url_pdf("blitar", "kip"))))
    assert "Keputusan YA/TIDAK" in teks
    assert "YA → langkah 3" in teks


def test_sheet_page_links_its_pdf(petugas_a):
    response = petugas_a.get(_url("blitar", "kip"))
    assert f'href="{_url_pdf("blitar", "kip")}"' in response.content.decode()
    assert "Unduh PDF" in _teks(response)


def test_another_offices_sheet_pdf_is_a_404_like_a_missing_one(petugas_a, client):
    assert petugas_a.get(_url_pdf("bima", "pip")).status_code == 404
    assert petugas_a.get(_url_pdf("blitar", "tidak-ada")).status_code == 404
    response = client.get(_url_pdf("blitar", "kip"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_another_offices_sheet_is_a_404_like_a_missing_one(petugas_a):
    assert petugas_a.get(_url("bima", "pip")).status_code == 404
    assert petugas_a.get(_url("blitar", "tidak-ada")).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(_url("blitar", "kip"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_sheet_queries_do_not_grow_with_steps(petugas_a, django_assert_max_num_queries):
    # 13: the sheet's reads and the navigation's menu checks (dashboard, complaints, survey).
    with django_assert_max_num_queries(13):
        petugas_a.get(_url("blitar", "kip"))


def test_home_lists_only_the_own_offices_services(petugas_a):
    response = petugas_a.get(reverse("layanan:beranda"))
    assert [layanan.kantor.kode for layanan in response.context["daftar_layanan"]] == ["blitar"]


def test_pages_show_local_time_of_the_office(pengguna):
    from django.test import Client

    from layanan.demo import KATA_SANDI_DEMO

    for username, zona in (("bima.operator", "WITA"), ("blitar.petugas", "WIB")):
        client = Client()
        client.login(username=username, password=KATA_SANDI_DEMO)
        assert zona in _teks(client.get(reverse("layanan:beranda")))


def test_ui_speaks_indonesian_and_english_can_follow(petugas_a):
    assert "Layanan kantor" in _teks(petugas_a.get(reverse("layanan:beranda")))
    petugas_a.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Services of the office" in _teks(petugas_a.get(reverse("layanan:beranda")))


def test_an_english_browser_still_gets_indonesian(petugas_a):
    response = petugas_a.get(reverse("layanan:beranda"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Layanan kantor" in _teks(response)
