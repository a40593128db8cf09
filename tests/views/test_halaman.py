"""What every page says before anyone reads it: a title that reports errors, one error summary
that links each field, a refused signature tied to the passphrase field, a masked name heard as
its initials, new tabs announced, headed sections (issue "Accessible", items 3–5)."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from layanan.models import Surat
from layanan.templatetags.halaman import inisial
from tests.conftest import _masuk
from tests.factories import daftar, jalan, sampai_selesai
from tests.views.test_loket import data_kip

pytestmark = pytest.mark.django_db

URL_BARU = reverse("layanan:permohonan-baru", args=["kip"])


def _judul(html: str) -> str:
    return " ".join(re.search(r"<title>(.*?)</title>", html, re.S).group(1).split())


def test_a_page_without_errors_keeps_its_title(petugas_a):
    assert _judul(petugas_a.get(URL_BARU).content.decode()).startswith("Permohonan baru")


def test_the_title_counts_the_errors_of_a_form_sent_back(petugas_a, layanan_a):
    satu = petugas_a.post(URL_BARU, data_kip(layanan_a, nama=None)).content.decode()
    assert _judul(satu).startswith("Kesalahan: Permohonan baru")
    dua = petugas_a.post(URL_BARU, data_kip(layanan_a, nama=None, alamat=None)).content.decode()
    assert _judul(dua).startswith("2 kesalahan: Permohonan baru")


def test_the_intake_says_its_errors_once_each_a_link_to_its_field(petugas_a, layanan_a):
    html = petugas_a.post(URL_BARU, data_kip(layanan_a, nama=None, rt="x")).content.decode()
    assert html.count('role="alert"') == 1
    assert html.count('class="alert alert-danger ringkasan-kesalahan"') == 1
    assert "2 hal perlu diperbaiki" in html
    assert re.search(r'href="#id_nama"[^>]*>\s*Nama lengkap: ', html)
    assert re.search(r'href="#id_rt"[^>]*>\s*RT: RT berupa angka', html)
    # Each field says it too, where it is: marked invalid and described by its message.
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*id="id_nama"', html)
    assert 'id="id_nama_error"' in html


def test_a_scan_refused_is_listed_by_its_document_and_describes_its_input(petugas_a, layanan_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    kk = layanan_a.berkas.get(nama="Fotocopy KK")
    data = data_kip(layanan_a)
    data[f"berkas_{kk.pk}_file"] = SimpleUploadedFile("kk.png", b"<svg></svg>")
    html = petugas_a.post(URL_BARU, data).content.decode()
    assert re.search(rf'href="#id_berkas_{kk.pk}_file"[^>]*>\s*Pindaian Fotocopy KK: ', html)
    masukan = re.search(rf'<input type="file"[^>]*name="berkas_{kk.pk}_file"[^>]*>', html, re.S)
    assert f"id_berkas_{kk.pk}_file_error" in masukan.group(0)
    assert f'id="id_berkas_{kk.pk}_file_error"' in html


def test_the_checklist_groups_each_document_with_its_form_and_scan(petugas_a, layanan_a):
    html = petugas_a.get(URL_BARU).content.decode()
    grup = html.split('<fieldset class="baris-berkas"')[1:]
    assert len(grup) == layanan_a.berkas.count()
    for p, isi in zip(layanan_a.berkas.all(), grup, strict=True):
        assert re.search(rf'<legend class="visually-hidden">{re.escape(p.nama)}</legend>', isi)
        assert f'name="berkas_{p.pk}_bentuk"' in isi and f'name="berkas_{p.pk}_file"' in isi


def test_a_refused_signature_marks_the_passphrase_field_invalid():
    p = daftar("solok")
    while p.langkah_nomor != 4:
        p = jalan(p)
    kadin = _masuk("solok.kadin")
    url = reverse("layanan:surat-tandatangani", args=[p.pk])
    html = kadin.post(url, {"frasa_sandi": "salah", "versi": p.versi}, follow=True).content.decode()
    pesan = re.search(r'<div[^>]*id="pesan-frasa-sandi"[^>]*>(.*?)</div>', html, re.S)
    assert pesan and 'role="alert"' in pesan.group(0)
    kolom = re.search(r'<input type="password"[^>]*id="frasa-sandi"[^>]*>', html, re.S).group(0)
    assert 'aria-invalid="true"' in kolom
    assert 'aria-describedby="pesan-frasa-sandi"' in kolom
    assert "data-fokus" in kolom
    assert _judul(html).startswith("Kesalahan:")


def test_the_login_error_is_one_sentence_in_an_alert_and_in_the_title(client: Client):
    html = client.post(reverse("login"), {"username": "x", "password": "y"}).content.decode()
    assert _judul(html).startswith("Kesalahan:")
    assert re.search(r'role="alert"\s+data-fokus', html)
    assert "Nama pengguna atau kata sandi salah" in html
    assert "nama pengguna nama pengguna" not in html.lower()


def test_an_unknown_code_is_an_error_in_the_title(client: Client):
    cache.clear()  # the public pages' rate limits
    html = client.post(reverse("layanan:status"), {"kode": "ZZZZ-ZZZZ-ZZZZ"}).content.decode()
    assert _judul(html).startswith("Kesalahan:")
    assert re.search(r'role="alert" data-fokus>\s*Tidak ada permohonan', html)


def test_the_status_answer_takes_the_focus_and_the_name_is_heard_as_initials(client: Client):
    cache.clear()
    p = daftar("blitar")  # "Warga Uji"
    html = client.post(reverse("layanan:status"), {"kode": p.kode_lacak}).content.decode()
    assert re.search(r'<section class="card"\s+id="hasil-status"[^>]*data-fokus', html)
    assert '<span aria-hidden="true">W**** U**</span>' in html
    assert "nama disamarkan, huruf awal W U" in html
    assert not _judul(html).startswith("Kesalahan")


def test_initials_of_a_masked_name():
    assert inisial("A**** A************ A*") == "A A A"
    assert inisial("") == ""


def test_the_application_page_is_in_headed_sections_and_says_which_links_open_a_tab(petugas_a):
    p = daftar("solok")
    sampai_selesai(p)
    html = _masuk("solok.kadin").get(reverse("layanan:permohonan-detail", args=[p.pk]))
    html = html.content.decode()
    judul = [" ".join(h.split()) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)]
    for bagian in ["Pemohon", "Data layanan", "Berkas", "Surat", "Riwayat", "Pindaian"]:
        assert bagian in judul, judul
    tab_baru = re.findall(r'<a [^>]*target="_blank"[^>]*>(.*?)</a>', html, re.S)
    assert tab_baru and all("membuka tab baru" in isi for isi in tab_baru)


def test_the_verification_page_reports_a_file_that_is_not_the_letter(client: Client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    cache.clear()
    p = daftar("solok")
    sampai_selesai(p)
    surat = Surat.objects.get(permohonan=p)
    url = reverse("layanan:verifikasi", args=[surat.token])
    html = client.post(url, {"berkas": SimpleUploadedFile("x.pdf", b"%PDF-1.4 lain")})
    html = html.content.decode()
    assert re.search(r'id="hasil-berkas"\s+role="status"\s+data-fokus', html)
    assert _judul(html).startswith("Kesalahan:")
    assert not _judul(client.get(url).content.decode()).startswith("Kesalahan")


def test_every_app_page_starts_with_a_skip_link_to_the_main_content(petugas_a):
    html = petugas_a.get(reverse("layanan:tugas-saya")).content.decode()
    badan = html.split("<body", 1)[1]
    pertama = re.search(r"<a [^>]*>", badan).group(0)
    assert 'href="#isi"' in pertama
    assert re.search(r'<main id="isi" tabindex="-1"', html)


def test_the_sop_sheet_has_its_main_heading(petugas_a):
    html = petugas_a.get(reverse("layanan:sop-lembar", args=["blitar", "kip"])).content.decode()
    assert re.search(r"<h1[^>]*>\s*SOP\s*· SK Pengurusan KIP", html)
