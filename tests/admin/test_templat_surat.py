"""Letter templates in the admin: plain paragraphs or HTML, a variable picker, a live PDF preview
that tells the truth, and the versions with what changed and a way back. Everything the
administrator types is hostile input."""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pypdf import PdfReader

from layanan.models import BentukIsi, Layanan, Pejabat, TemplatSurat
from layanan.surat.konsep import render_isi, sumber_templat
from layanan.surat.pratinjau import konteks_contoh
from layanan.surat.variabel import KELAS_CSS, semua_nama
from tests.admin.helpers import data_dari_halaman

pytestmark = pytest.mark.django_db
AKAR = Path(__file__).resolve().parents[2]
PRATINJAU = reverse("admin:layanan_templatsurat_pratinjau_langsung")

# Ways out of the sandbox, and ways to stall or crash a worker, typed into the editor.
SERANGAN = [
    "{% load log %}{% get_admin_log 10 as log %}{{ log }}",
    "{{ pemohon.nama.__class__ }}",
    "{{ x.__class__.__mro__ }}",
    "{% for u in kantor.pengguna.all %}{{ u.password }}{% endfor %}",
    "{% include 'dokumen/surat.html' %}",
    "{{ pemohon.nama|safe }}",
    "{% for a in pemohon.alamat %}{% for b in pemohon.alamat %}{% for c in pemohon.alamat %}"
    "{% endfor %}{% endfor %}{% endfor %}",
    "{% for a in pemohon.alamat %}{% for b in pemohon.alamat %}" + "x" * 300 + "{% endfor %}"
    "{% endfor %}",
    "{% for a in pemohon.alamat|make_list %}{% for b in kantor.nama_pemda|make_list %}"
    + "{% if a == b %}{% endif %}" * 16
    + "{% endfor %}{% endfor %}",
    "x" * 20_001,
]
SERANGAN_HTML = ["<div>" * 300 + "tenggelam", "<table><tr><td>" * 60]


@pytest.fixture(autouse=True)
def _tanpa_batas_tersisa():
    cache.clear()


@pytest.fixture
def templat(layanan_a) -> TemplatSurat:
    return TemplatSurat.objects.get(layanan=layanan_a, varian="terdaftar")


def _ubah(templat: TemplatSurat) -> str:
    return reverse("admin:layanan_templatsurat_change", args=[templat.pk])


def _data(client: Client, templat: TemplatSurat, **ganti) -> dict:
    return {**data_dari_halaman(client.get(_ubah(templat))), **ganti}


def _teks(pdf: bytes) -> str:
    return " ".join(h.extract_text() for h in PdfReader(io.BytesIO(pdf)).pages)


def _pratinjau(client: Client, data: dict) -> tuple[int, str]:
    response = client.post(PRATINJAU, data)
    if response["Content-Type"] == "application/pdf":
        return response.status_code, _teks(response.content)
    return response.status_code, response.content.decode()


# ---------------------------------------------------------------------------
# The editor
# ---------------------------------------------------------------------------
def test_the_editor_offers_the_picker_the_preview_and_the_documented_list(admin_a, templat):
    halaman = admin_a.get(_ubah(templat)).content.decode()
    assert 'id="id_isi_variabel"' in halaman  # the picker, above the body
    assert 'value="{{ pemohon.nama }}"' in halaman
    assert 'value="{{ isian.nama_anak }}"' in halaman  # this service's own field
    assert f'formaction="{PRATINJAU}#' in halaman and 'formtarget="pratinjau-surat"' in halaman
    assert 'title="Pratinjau PDF surat"' in halaman
    for _kelas, contoh, _arti in KELAS_CSS:
        assert escape(contoh) in halaman
    assert "<code>dtks_orang</code>" in halaman
    # CSP: every script is a file.
    assert all(' src="' in s for s in re.findall(r"<script[^>]*>", halaman))


def test_the_add_page_offers_each_services_own_fields_for_the_script_to_choose(admin_a, superadmin):
    halaman = admin_a.get(reverse("admin:layanan_templatsurat_add")).content.decode()
    assert 'value="{{ isian.nama_anak }}"' in halaman  # Blitar's one service
    assert "{{ isian.keperluan }}" not in halaman  # no other office's service (Solok's)
    halaman = superadmin.get(reverse("admin:layanan_templatsurat_add")).content.decode()
    for layanan in Layanan.objects.all():
        assert f'data-layanan="{layanan.pk}"' in halaman  # the script shows the chosen one


def test_a_plain_paragraph_body_is_saved_and_prints_as_typed(admin_a, templat):
    isi = (
        "Kepada {{ pemohon.nama }} <b>&</b>:\n\nNama : {{ pemohon.nama }}\nNIK : {{ pemohon.nik }}"
    )
    response = admin_a.post(_ubah(templat), _data(admin_a, templat, bentuk="paragraf", isi=isi))
    assert response.status_code == 302
    templat.refresh_from_db()
    keluar = render_isi(sumber_templat(templat), konteks_contoh(templat.layanan))
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in keluar
    assert keluar.count('<tr><td class="label">') == 2


def test_an_expert_html_body_keeps_its_markup(admin_a, templat):
    isi = '<p class="kecil">{{ pemohon.nama }}</p>'
    admin_a.post(_ubah(templat), _data(admin_a, templat, bentuk="html", isi=isi))
    templat.refresh_from_db()
    assert templat.bentuk == BentukIsi.HTML
    assert render_isi(sumber_templat(templat), konteks_contoh(templat.layanan)).startswith(
        '<p class="kecil">Budi Contoh'
    )


@pytest.mark.parametrize("bentuk", ["paragraf", "html"])
@pytest.mark.parametrize("isi", SERANGAN + SERANGAN_HTML)
def test_the_editor_refuses_hostile_bodies_in_both_forms(admin_a, templat, bentuk, isi):
    if isi in SERANGAN_HTML and bentuk == "paragraf":
        pytest.skip("escaped as text in a paragraph")
    response = admin_a.post(_ubah(templat), _data(admin_a, templat, bentuk=bentuk, isi=isi))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["isi"]
    assert isi[:200] in response.content.decode().replace("&#x27;", "'").replace(
        "&lt;", "<"
    ).replace("&gt;", ">").replace("&quot;", '"')  # nothing typed is lost
    templat.refresh_from_db()
    assert templat.isi != isi


def test_an_outcome_of_another_service_is_refused(admin_a, templat, layanan_a):
    from layanan.models import HasilAkhir, Layanan

    lain = Layanan.objects.create(
        kantor=layanan_a.kantor, kode="lain", nama="Lain", nama_singkat="Lain"
    )
    hasil = HasilAkhir.objects.create(layanan=lain, kode="x", nama="X", jenis="selesai")
    response = admin_a.post(_ubah(templat), _data(admin_a, templat, hasil=hasil.pk))
    assert "hasil" in response.context["adminform"].form.errors


# ---------------------------------------------------------------------------
# The live preview
# ---------------------------------------------------------------------------
def test_the_preview_is_the_unsaved_text_on_sample_data(admin_a, templat):
    data = _data(admin_a, templat, isi="Kalimat baru untuk {{ pemohon.nama }}.")
    response = admin_a.post(PRATINJAU, data)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert "Kalimat baru untuk Budi Contoh." in _teks(response.content)
    templat.refresh_from_db()
    assert "Kalimat baru" not in templat.isi  # nothing saved


def test_the_preview_works_on_the_add_page_once_a_service_is_chosen(admin_a, layanan_a):
    data = {"layanan": layanan_a.pk, "varian": "", "judul": "", "bentuk": "paragraf"}
    status, teks = _pratinjau(admin_a, {**data, "isi": "Untuk {{ isian.nama_sekolah }}."})
    label = layanan_a.isian.get(kode="nama_sekolah").label
    assert status == 200 and f"Untuk [{label}]." in teks
    status, teks = _pratinjau(admin_a, {**data, "isi": ""})
    assert status == 200 and "NIP." in teks  # the layout and its signer, before any text
    status, teks = _pratinjau(admin_a, {**data, "layanan": "", "isi": "x"})
    assert status == 422 and "Pilih layanan dulu" in teks


@pytest.mark.parametrize("bentuk", ["paragraf", "html"])
@pytest.mark.parametrize("isi", SERANGAN + SERANGAN_HTML)
def test_the_preview_answers_a_hostile_body_with_a_message_never_a_pdf(
    admin_a, templat, bentuk, isi
):
    status, teks = _pratinjau(admin_a, _data(admin_a, templat, bentuk=bentuk, isi=isi))
    if isi in SERANGAN_HTML and bentuk == "paragraf":
        assert status == 200  # text, escaped: it prints as typed
        return
    assert status == 422
    assert "Belum ada pratinjau" in teks and "Isi:" in teks
    assert "md5$" not in teks and "Traceback" not in teks


def test_a_syntax_error_is_told_in_indonesian(admin_a, templat):
    status, teks = _pratinjau(admin_a, _data(admin_a, templat, isi="{% if pemohon.nama %}"))
    assert status == 422 and "Kesalahan sintaks templat" in teks


def test_another_offices_service_is_as_if_missing(admin_a, admin_b, layanan_b, templat):
    data = _data(admin_a, templat, layanan=layanan_b.pk)
    status, teks = _pratinjau(admin_a, data)
    assert status == 422 and "%PDF" not in teks and "Budi" not in teks
    status, teks = _pratinjau(admin_a, {**data, "layanan": 999999})
    assert status == 422


def test_the_preview_is_for_administrators_by_post_with_csrf(admin_a, petugas_a, templat):
    data = _data(admin_a, templat)
    assert petugas_a.post(PRATINJAU, data).status_code == 302  # to the admin's login
    assert admin_a.get(PRATINJAU).status_code == 405
    ketat = Client(enforce_csrf_checks=True)
    ketat.force_login(templat.layanan.kantor.pengguna.get(username="blitar.admin"))
    assert ketat.post(PRATINJAU, data).status_code == 403


def test_the_preview_is_rate_limited_per_account(admin_a, templat, settings):
    settings.DINSOS_BATAS_PERMINTAAN = {**settings.DINSOS_BATAS_PERMINTAAN, "pratinjau": (2, 60)}
    data = _data(admin_a, templat)
    assert [admin_a.post(PRATINJAU, data).status_code for _ in range(3)] == [200, 200, 429]
    terlalu = admin_a.post(PRATINJAU, data)
    assert "Coba lagi dalam" in terlalu.content.decode() and int(terlalu["Retry-After"]) > 0


def test_a_stored_template_the_sandbox_now_refuses_previews_as_a_message(admin_a, templat):
    TemplatSurat.objects.filter(pk=templat.pk).update(bentuk="html", isi="<div>" * 300)
    url = reverse("admin:layanan_templatsurat_pratinjau", args=[templat.pk])
    response = admin_a.get(url)
    assert response.status_code == 422 and "bertumpuk" in response.content.decode()


# ---------------------------------------------------------------------------
# The preview tells the truth
# ---------------------------------------------------------------------------
def _pratinjau_templat(client: Client, templat: TemplatSurat, isi: str) -> str:
    status, teks = _pratinjau(client, _data(client, templat, isi=isi, bentuk="paragraf"))
    assert status == 200, teks
    return teks


def test_the_signer_is_the_official_of_the_services_own_signature_step(superadmin):
    tarakan = TemplatSurat.objects.filter(layanan__kantor__kode="tarakan").first()
    kabid = Pejabat.objects.get(kantor__kode="tarakan", peran__kode="kabid")
    kadin = Pejabat.objects.filter(kantor__kode="tarakan").exclude(pk=kabid.pk).first()
    teks = _pratinjau_templat(superadmin, tarakan, "Oleh {{ penandatangan.nama }}.")
    assert f"Oleh {kabid.nama}." in teks
    assert "a.n. " in teks  # the Kabid signs on the Kadin's behalf
    assert kadin is None or f"Oleh {kadin.nama}" not in teks


def test_without_an_active_official_the_preview_says_so(admin_a, templat):
    Pejabat.objects.filter(kantor=templat.layanan.kantor, peran__kode="kadin").update(aktif=False)
    teks = _pratinjau_templat(admin_a, templat, "Isi.")
    assert "tidak ada pejabat aktif untuk peran" in teks


def test_the_date_is_the_offices_own_day(admin_b, monkeypatch):
    bima = TemplatSurat.objects.filter(layanan__kantor__kode="bima", hasil=None).first()
    # 23.30 in Jakarta is already the next day in Bima (WITA).
    saat = dt.datetime(2026, 3, 10, 16, 30, tzinfo=dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: saat)
    teks = _pratinjau_templat(admin_b, bima, "Pada {{ tanggal }}, jam {% now 'O' %}.")
    assert "Pada 11 Maret 2026, jam +0800." in teks


def test_the_sample_applicant_lives_in_the_offices_own_region(admin_b):
    bima = TemplatSurat.objects.filter(layanan__kantor__kode="bima", hasil=None).first()
    teks = _pratinjau_templat(admin_b, bima, "{{ pemohon.nik }} {{ kk }} {{ pemohon.kecamatan }}")
    nik, kk = re.search(r"(\d{16}) (\d{16})", teks).groups()
    assert nik.startswith("5272") and kk.startswith("5272")  # Kota Bima, not Blitar's 3572
    assert "Contoh" not in teks.split(kk)[1]  # a real kecamatan of Bima


def test_dates_print_in_indonesian_whatever_the_administrators_language(admin_a, templat):
    admin_a.post(reverse("set_language"), {"language": "en"})
    teks = _pratinjau_templat(admin_a, templat, "Lahir {{ pemohon.tanggal_lahir }}.")
    assert "Lahir 5 Jan. 1989." in teks


def test_the_not_registered_variant_shows_a_person_not_registered(admin_a, layanan_a):
    tidak = TemplatSurat.objects.get(layanan=layanan_a, varian="tidak_terdaftar")
    teks = _pratinjau_templat(
        admin_a,
        tidak,
        "{% for o in dtks_orang %}\n{{ o.subjek }} : {{ o.keterangan }}\n{% endfor %}",
    )
    assert "Tidak terdaftar" in teks


def test_a_notice_is_previewed_as_the_printable_notice(admin_b):
    pemberitahuan = TemplatSurat.objects.get(layanan__kantor__kode="bima", hasil__isnull=False)
    teks = _pratinjau_templat(admin_b, pemberitahuan, "Isi pemberitahuan.")
    assert "Nomor registrasi" in teks and "Petugas Loket" in teks and "KONSEP" not in teks


def test_the_documented_variables_are_exactly_the_sample_contexts():
    for layanan in Layanan.objects.all():
        konteks = konteks_contoh(layanan)
        assert set(_jalur(konteks)) == set(semua_nama()), layanan


def _jalur(data: dict, awalan: str = "") -> list[str]:
    hasil = []
    for kunci, nilai in data.items():
        if awalan == "isian.":
            kunci = "<kode>"
        elif awalan == "dtks.":
            kunci = "<subjek>"
        nama = awalan + kunci
        if nama == "isian":  # the service's own fields, documented as one placeholder
            hasil.append("isian.<kode>")
        elif isinstance(nilai, dict):
            hasil += _jalur(nilai, nama + ".")
        elif isinstance(nilai, list) and nilai and isinstance(nilai[0], dict):
            hasil += [nama] + [f"{nama}[].{k}" for k in nilai[0]]
        else:
            hasil.append(nama)
    return hasil


def test_docs_list_every_documented_variable_and_class():
    docs = (AKAR / "docs" / "surat.md").read_text()
    tabel = docs.split("Variables of the body")[1].split("\n\n")[1]
    kolom_pertama = [baris.split("|")[1] for baris in tabel.splitlines()[2:]]
    ditulis = {nama for sel in kolom_pertama for nama in re.findall(r"`([^`]+)`", sel)}
    assert ditulis == set(semua_nama())
    gaya = (AKAR / "templates" / "dokumen" / "_gaya.html").read_text()
    for kelas, _contoh, _arti in KELAS_CSS:
        assert f"| `{kelas}` |" in docs
        assert (kelas if "." in kelas else f".{kelas}") in gaya


# ---------------------------------------------------------------------------
# Versions
# ---------------------------------------------------------------------------
def test_versions_show_who_changed_what_and_an_earlier_one_can_be_restored(admin_a, templat):
    asli = templat.isi
    baris = asli.splitlines()
    ubahan = "\n".join([*baris[:2], "Kalimat yang ditambahkan.", *baris[3:]])
    admin_a.post(_ubah(templat), _data(admin_a, templat, isi=ubahan))
    riwayat = reverse("admin:layanan_templatsurat_history", args=[templat.pk])
    halaman = admin_a.get(riwayat).content.decode()
    assert "<ins>" in halaman and "Kalimat yang ditambahkan." in halaman
    assert "<del>" in halaman and baris[2].strip()[:20] in halaman
    assert "Agus" in halaman or "blitar.admin" in halaman  # who

    versi_lama = templat.history.all()[1]  # the one before the change
    url = reverse("admin:layanan_templatsurat_simple_history", args=[templat.pk, versi_lama.pk])
    lain = TemplatSurat.history.exclude(id=templat.pk).filter(
        layanan__kantor=templat.layanan.kantor
    )
    salah = reverse("admin:layanan_templatsurat_simple_history", args=[templat.pk, lain[0].pk])
    assert admin_a.get(salah).status_code == 404  # another template's version is not this one's
    assert f'href="{url}"' in halaman
    halaman_versi = admin_a.get(url)
    assert halaman_versi.status_code == 200
    assert 'id="bingkai-pratinjau"' in halaman_versi.content.decode()  # its own preview
    jumlah = templat.history.count()
    form = halaman_versi.context["adminform"].form
    data = {n: form.initial.get(n) for n in form.fields} | {"_save": "Kembalikan"}
    data["layanan"] = templat.layanan_id
    data = {k: v for k, v in data.items() if v is not None}
    assert admin_a.post(url, data).status_code == 302
    templat.refresh_from_db()
    assert templat.isi == asli.strip()
    assert templat.history.count() == jumlah + 1  # a restore is a new version
    assert templat.history.first().history_change_reason.startswith("Memulihkan versi")


def test_another_offices_versions_are_as_if_missing(admin_b, templat):
    versi = templat.history.first()
    for url in (
        reverse("admin:layanan_templatsurat_history", args=[templat.pk]),
        reverse("admin:layanan_templatsurat_simple_history", args=[templat.pk, versi.pk]),
        reverse("admin:layanan_templatsurat_simple_history", args=[templat.pk, "x"]),
    ):
        assert admin_b.get(url).status_code in (302, 404), url
