"""Complaint pages: the public form and its bad input, the status page, staff entry, the
handling actions, the conflict rule, the complainant's identity and every read of it, and
another office's complaint (a 404 like a missing one)."""

from __future__ import annotations

import io
import uuid

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from layanan.demo import KATA_SANDI_DEMO
from layanan.models import (
    AksesPengaduan,
    JenisPengaduan,
    KategoriPengaduan,
    Pengaduan,
    PesanPengaduan,
)
from tests import berkas_uji
from tests.test_pengaduan import aduan, lanjut, tutup

pytestmark = pytest.mark.django_db
KIRIM = reverse("layanan:pengaduan-kirim", args=["metro"])
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(autouse=True)
def _batas_kosong():
    cache.clear()


def masuk(username: str) -> Client:
    client = Client(raise_request_exception=False)
    assert client.login(username=username, password=KATA_SANDI_DEMO)
    return client


def isian(**ubah: object) -> dict[str, object]:
    data: dict[str, object] = {
        "token": str(uuid.uuid4()),
        "jenis": JenisPengaduan.objects.get(kantor__kode="metro", kode="pengaduan").pk,
        "kategori": KategoriPengaduan.objects.get(kantor__kode="metro", kode="waktu-layanan").pk,
        "uraian": "Antrean loket tiga jam.",
    }
    data.update(ubah)
    return {k: v for k, v in data.items() if v is not None}


# ---------------------------------------------------------------------------
# The public form
# ---------------------------------------------------------------------------
def test_an_anonymous_complaint_is_sent_and_its_receipt_gives_the_tracking_code(client):
    assert client.get(KIRIM).status_code == 200
    jawab = client.post(KIRIM, isian())
    assert jawab.status_code == 302
    p = Pengaduan.objects.order_by("-pk").first()
    assert (p.saluran, p.dibuat_oleh, p.anonim, p.status) == ("web", None, True, "diterima")
    halaman = client.get(jawab["Location"]).content.decode()
    assert p.kode_lacak in halaman and p.nomor in halaman
    assert "satu-satunya" in halaman


def test_a_text_over_the_cap_is_refused_with_both_numbers_and_kept(client):
    panjang = "Lambat sekali " + "x" * 5986  # 6,000 characters
    jawab = client.post(KIRIM, isian(uraian=panjang, nama_pelapor="Budi"))
    html = jawab.content.decode()
    assert jawab.status_code == 400
    assert "5.000" in html and "6.000" in html
    assert panjang.strip()[:200] in html and 'value="Budi"' in html
    assert "maxlength" not in html.split('name="uraian"')[1].split(">")[0]


@pytest.mark.parametrize(
    "ubah",
    [
        {"kategori": "abc"},
        {"kategori": "99999999999999999999999"},
        {"jenis": "-1"},
        {"token": "bukan-uuid"},
        {"uraian": "   "},
        {"uraian": "\x00\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace")},
        {"nama_pelapor": "x" * 10_000},
        {"lampiran": "bukan berkas"},
    ],
)
def test_bad_input_gets_a_message_never_a_500(client, ubah):
    jawab = client.post(KIRIM, isian(**ubah))
    assert jawab.status_code in (200, 302, 400)


def test_another_offices_category_is_refused(client):
    lain = KategoriPengaduan.objects.get(kantor__kode="tarakan", kode="bpnt-pin")
    sebelum = Pengaduan.objects.count()
    jawab = client.post(KIRIM, isian(kategori=lain.pk))
    assert jawab.status_code == 400 and Pengaduan.objects.count() == sebelum


def test_an_attachment_is_checked_by_content_and_kept_across_a_mistake(client):
    palsu = SimpleUploadedFile("foto.jpg", b"MZ\x90\x00 not an image", "image/jpeg")
    jawab = client.post(KIRIM, isian(lampiran=palsu))
    assert jawab.status_code == 400 and "apa pun nama berkasnya" in jawab.content.decode()
    data = isian(uraian="", lampiran=SimpleUploadedFile("bukti.png", berkas_uji.png()))
    jawab = client.post(KIRIM, data)
    assert jawab.status_code == 400 and "bukti.png" in jawab.content.decode()
    jawab = client.post(KIRIM, {**data, "lampiran": "", "uraian": "Ada bukti foto."})
    assert jawab.status_code == 302
    p = Pengaduan.objects.get(token_formulir=data["token"])
    assert [lp.jenis_konten for lp in p.lampiran.all()] == ["image/png"]


def test_the_hidden_field_catches_robots(client):
    sebelum = Pengaduan.objects.count()
    jawab = client.post(KIRIM, isian(situs_web="http://spam.example"))
    assert jawab.status_code == 400 and Pengaduan.objects.count() == sebelum


def test_an_address_sends_a_limited_number_and_is_told_when_to_try_again(client):
    for _ in range(5):
        assert client.post(KIRIM, isian()).status_code == 302
    jawab = client.post(KIRIM, isian(uraian="Keenam"))
    assert jawab.status_code == 429 and int(jawab["Retry-After"]) > 0
    assert "Keenam" in jawab.content.decode()  # nothing typed is lost


def test_every_field_is_escaped_on_staff_and_public_pages(client):
    jawab = client.post(KIRIM, isian(uraian=XSS, rujukan=XSS[:40], terlapor_nama=XSS[:150]))
    assert jawab.status_code == 302
    p = Pengaduan.objects.order_by("-pk").first()
    staf = masuk("metro.petugas").get(reverse("layanan:pengaduan-detail", args=[p.pk]))
    publik = client.post(reverse("layanan:status"), {"kode": p.kode_lacak})
    for halaman in (staf.content.decode(), publik.content.decode()):
        assert "<script>alert" not in halaman and "<img src=x" not in halaman.lower()
    assert "&lt;script&gt;" in staf.content.decode()


# ---------------------------------------------------------------------------
# The status page: the complaint by its code, never its complainant
# ---------------------------------------------------------------------------
def test_the_status_page_shows_the_stage_and_then_the_answer_but_never_the_identity(client):
    p = aduan(nama_pelapor="Siti Rahayu", kontak_pelapor="0812 9999 0000")
    html = client.post(reverse("layanan:status"), {"kode": p.kode_lacak}).content.decode()
    assert "Verifikasi aduan" in html and p.nomor in html
    assert "Siti" not in html and "0812" not in html
    for username in ("metro.petugas", "metro.kabid", "metro.petugas"):
        p = lanjut(p, username)
    tutup(p, "metro.kadin")
    html = client.post(reverse("layanan:status"), {"kode": p.kode_lacak}).content.decode()
    assert "Beres." in html and "Siti" not in html and "Wulan" not in html


def test_the_complainant_answers_a_question_and_appeals_once_on_the_status_page(client):
    p = aduan()
    masuk("metro.petugas").post(
        reverse("layanan:pengaduan-aksi", args=[p.pk]),
        {"aksi": "tanya", "versi": p.versi, "tanya-pertanyaan": "Loket yang mana?"},
    )
    html = client.post(reverse("layanan:status"), {"kode": p.kode_lacak}).content.decode()
    assert "Loket yang mana?" in html
    client.post(reverse("layanan:pengaduan-tanggapi"), {"kode": p.kode_lacak, "isi": "Loket 2"})
    assert PesanPengaduan.objects.filter(pengaduan=p, dari="pelapor", isi="Loket 2").exists()
    p.refresh_from_db()
    petugas = masuk("metro.petugas")
    petugas.post(
        reverse("layanan:pengaduan-aksi", args=[p.pk]), {"aksi": "lanjutkan", "versi": p.versi}
    )
    p.refresh_from_db()
    tutup(p, "metro.petugas")
    jawab = client.post(
        reverse("layanan:pengaduan-banding"), {"kode": p.kode_lacak, "alasan": "Belum beres"}
    )
    banding = Pengaduan.objects.get(induk=p)
    assert banding.kode_lacak in jawab.content.decode()
    jawab = client.post(
        reverse("layanan:pengaduan-banding"), {"kode": p.kode_lacak, "alasan": "Lagi"}
    )
    assert (
        Pengaduan.objects.filter(induk=p).count() == 1 and "sudah pernah" in jawab.content.decode()
    )


# ---------------------------------------------------------------------------
# Staff
# ---------------------------------------------------------------------------
def test_staff_record_a_lapor_complaint_with_its_id_and_both_clocks_show():
    petugas = masuk("metro.petugas")
    url = reverse("layanan:pengaduan-catat")
    assert petugas.get(url).status_code == 200
    jawab = petugas.post(url, isian(saluran="lapor", uraian="Dari LAPOR!"))
    assert jawab.status_code == 400 and "ID pelacakannya" in jawab.content.decode()
    jawab = petugas.post(url, isian(saluran="lapor", lapor_id="5123456", uraian="Dari LAPOR!"))
    p = Pengaduan.objects.get(lapor_id="5123456")
    assert (p.saluran, p.dibuat_oleh.username) == ("lapor", "metro.petugas")
    html = petugas.get(jawab["Location"]).content.decode()
    assert "5123456" in html and "(5 hari kerja)" in html


def test_the_handler_takes_it_through_the_stages_and_a_refused_action_keeps_what_was_typed():
    p = aduan()
    url = reverse("layanan:pengaduan-aksi", args=[p.pk])
    petugas = masuk("metro.petugas")
    jawab = petugas.post(
        url,
        {
            "aksi": "perpanjang",
            "versi": p.versi,
            "perpanjang-hari_kerja": 99,
            "perpanjang-alasan": "Alasan saya",
        },
    )
    assert jawab.status_code == 400 and "Alasan saya" in jawab.content.decode()
    jawab = petugas.post(
        url, {"aksi": "tutup", "versi": p.versi, "tutup-keputusan": "terbukti", "tutup-jawaban": ""}
    )
    assert jawab.status_code == 400
    jawab = petugas.post(url, {"aksi": "lanjut", "versi": p.versi, "lanjut-catatan": "OK"})
    assert jawab.status_code == 302
    p.refresh_from_db()
    assert (p.langkah_nomor, p.peran_saat_ini.kode) == (2, "kabid")
    jawab = petugas.post(url, {"aksi": "lanjut", "versi": p.versi - 1})  # a stale page
    assert jawab.status_code == 400


def test_another_offices_complaint_is_a_404_everywhere():
    p = aduan()
    lain = masuk("blitar.kadin")
    for url in (
        reverse("layanan:pengaduan-detail", args=[p.pk]),
        reverse("layanan:pengaduan-surat-penerusan", args=[p.pk]),
        reverse("layanan:pengaduan-lampiran", args=[p.pk, 1]),
    ):
        assert lain.get(url).status_code == 404
    for url in (
        reverse("layanan:pengaduan-aksi", args=[p.pk]),
        reverse("layanan:pengaduan-identitas", args=[p.pk]),
    ):
        assert lain.post(url, {"aksi": "lanjut", "versi": p.versi}).status_code == 404
    assert lain.get(reverse("layanan:pengaduan-tugas")).status_code == 404  # no complaint role


def test_a_complaint_about_an_officer_is_a_404_for_the_officer():
    p = aduan(kategori="perilaku-petugas")
    assert (
        masuk("metro.petugas").get(reverse("layanan:pengaduan-detail", args=[p.pk])).status_code
        == 404
    )
    assert (
        masuk("metro.kadin").get(reverse("layanan:pengaduan-detail", args=[p.pk])).status_code
        == 200
    )


def test_the_identity_is_shown_only_to_whom_needs_it_and_every_showing_is_logged():
    p = aduan(nama_pelapor="Siti Rahayu", kontak_pelapor="0812 9999 0000")
    url = reverse("layanan:pengaduan-detail", args=[p.pk])
    petugas = masuk("metro.petugas")
    assert "Siti Rahayu" not in petugas.get(url).content.decode()
    html = petugas.post(reverse("layanan:pengaduan-identitas", args=[p.pk])).content.decode()
    assert "Siti Rahayu" in html
    assert AksesPengaduan.objects.filter(pengaduan=p, jenis="identitas").count() == 1
    p = lanjut(p, "metro.petugas")  # now the Kabid's: the petugas no longer needs it
    assert petugas.post(reverse("layanan:pengaduan-identitas", args=[p.pk])).status_code == 404
    assert "Siti Rahayu" not in petugas.get(url).content.decode()
    assert AksesPengaduan.objects.filter(pengaduan=p, jenis="lihat").count() >= 2


def test_the_forwarding_letter_is_printed_with_its_text_escaped():
    p = aduan(uraian=XSS)
    petugas = masuk("metro.petugas")
    petugas.post(
        reverse("layanan:pengaduan-aksi", args=[p.pk]),
        {
            "aksi": "teruskan",
            "versi": p.versi,
            "teruskan-tujuan": "Bank Penyalur",
            "teruskan-jawaban": "Diteruskan.",
        },
    )
    jawab = petugas.get(reverse("layanan:pengaduan-surat-penerusan", args=[p.pk]))
    assert jawab["Content-Type"] == "application/pdf"
    teks = " ".join(h.extract_text() for h in PdfReader(io.BytesIO(jawab.content)).pages)
    assert "Bank Penyalur" in teks and '<script>alert("x")</script>' in teks


def test_the_inbox_lists_what_waits_for_the_role_with_the_time_left_and_the_figures_count():
    p = aduan()
    petugas = masuk("metro.petugas")
    html = petugas.get(reverse("layanan:pengaduan-tugas")).content.decode()
    assert p.nomor in html and "sisa" in html
    assert (
        p.nomor not in masuk("metro.kabid").get(reverse("layanan:pengaduan-tugas")).content.decode()
    )
    html = petugas.get(reverse("layanan:pengaduan-angka")).content.decode()
    assert "Kualitas pelayanan" in html and "Formulir web" in html


def test_a_bpnt_complaint_becomes_a_tarakan_application_linked_both_ways(client):
    from layanan.forms.loket import FormulirPermohonan
    from layanan.models import Layanan, Permohonan

    p = aduan(
        "tarakan",
        "bpnt-pin",
        uraian="PIN KKS terblokir.",
        nama_pelapor="Siti Aminah",
        kontak_pelapor="0811 5300 2211",
    )
    fo = masuk("tarakan.fo")
    html = fo.get(reverse("layanan:pengaduan-detail", args=[p.pk])).content.decode()
    assert 'value="pengaduan-bpnt"' in html
    jawab = fo.post(
        reverse("layanan:pengaduan-aksi", args=[p.pk]),
        {"aksi": "alihkan", "layanan": "pengaduan-bpnt"},
    )
    assert jawab["Location"].endswith(f"/loket/baru/pengaduan-bpnt/?pengaduan={p.pk}")
    form = fo.get(jawab["Location"]).context["form"]
    assert (form.initial["nama"], form.initial["telepon"]) == ("Siti Aminah", "0811 5300 2211")
    assert form.initial["isian_uraian"] == "PIN KKS terblokir."
    layanan = Layanan.objects.get(kantor__kode="tarakan", kode="pengaduan-bpnt")
    kel = next(
        v
        for grup in FormulirPermohonan(layanan=layanan).fields["kode_kelurahan"].choices[1:]
        for v, _l in (grup[1] if isinstance(grup[1], list) else [])
    )
    data = {
        "token": str(form.initial["token"]),
        "nik": "6571014708750003",
        "nama": "Siti Aminah",
        "alamat": "Jl. Uji 1",
        "kode_kelurahan": kel,
        "setuju_peringatan": "on",
        "kategori": str(layanan.kategori.first().pk),
        "isian_nomor_kks": "6032984512345678",
        "isian_jenis_kendala": "pin_terblokir",
        "isian_uraian": "PIN KKS terblokir.",
        "aksi": "lengkap",
        **{f"berkas_{b.pk}_ada": "on" for b in layanan.berkas.all()},
    }
    jawab = fo.post(reverse("layanan:permohonan-baru", args=["pengaduan-bpnt"]), data)
    permohonan = Permohonan.objects.get(token_formulir=data["token"])
    p.refresh_from_db()
    assert (p.permohonan, permohonan.pengaduan_asal) == (permohonan, p)
    assert (p.status, p.keputusan) == ("selesai", "dialihkan")
    assert permohonan.nomor_registrasi in p.jawaban
    html = fo.get(reverse("layanan:permohonan-detail", args=[permohonan.pk])).content.decode()
    assert p.nomor in html
    html = client.post(reverse("layanan:status"), {"kode": p.kode_lacak}).content.decode()
    assert permohonan.nomor_registrasi in html
    # The applicant's data trail shows who read the complaint their application came from.
    admin = masuk("tarakan.admin")
    jejak = admin.post(reverse("admin:jejak-akses"), {"nik": data["nik"]}).context["jejak"]
    assert any(p.nomor in j.permohonan and j.apa == "Melihat pengaduan" for j in jejak)


SAMPAH = [
    {},
    {"versi": "99999999999999999999999", "tutup-keputusan": "hapus", "tutup-jawaban": "x" * 9000},
    {"versi": "-1", "perpanjang-hari_kerja": "1e9", "teruskan-kantor_tujuan": "'; DROP"},
    {"terlapor-terlapor": "99999999", "layanan": "../../etc", "kode": "\x00" * 30},
    {"tahun": "99999999999999999", "hal": "x", "status": "<", "cari": "%" * 100},
    {"lanjut-catatan": "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace")},
]


@pytest.mark.parametrize("data", SAMPAH)
def test_every_complaint_endpoint_survives_garbage(client, data):
    p = aduan()
    petugas = masuk("metro.petugas")
    for aksi in [
        "lanjut",
        "tanya",
        "lanjutkan",
        "perpanjang",
        "tutup",
        "teruskan",
        "terlapor",
        "lapor",
        "buka",
        "alihkan",
        "hapus",
    ]:
        jawab = petugas.post(reverse("layanan:pengaduan-aksi", args=[p.pk]), {**data, "aksi": aksi})
        assert jawab.status_code < 500, aksi
    for url in ("layanan:pengaduan-catat", "layanan:pengaduan-semua", "layanan:pengaduan-angka"):
        assert petugas.post(reverse(url), data).status_code < 500
        assert petugas.get(reverse(url), data).status_code < 500
    assert petugas.post(reverse("layanan:pengaduan-identitas", args=[p.pk]), data).status_code < 500
    for url in ("layanan:pengaduan-tanggapi", "layanan:pengaduan-banding", "layanan:status"):
        assert client.post(reverse(url), {**data, "kode": p.kode_lacak}).status_code < 500
    assert client.post(KIRIM, data).status_code < 500


def test_the_inbox_opens_a_complaint_by_its_button_and_stamps_the_stage_start():
    p = aduan()
    petugas = masuk("metro.petugas")
    html = petugas.get(reverse("layanan:pengaduan-tugas")).content.decode()
    tabel = html.split('action="/pengaduan/tugas/buka/"')[1].split("</form>")[0]  # one form
    assert tabel.count("csrfmiddlewaretoken") == 1 and f'value="{p.pk}"' in tabel
    jawab = petugas.post(reverse("layanan:pengaduan-mulai"), {"pengaduan": p.pk})
    assert jawab["Location"] == reverse("layanan:pengaduan-detail", args=[p.pk])
    p.refresh_from_db()
    assert p.langkah_mulai_pada is not None
    lain = aduan("tarakan", "kualitas-layanan")
    for nilai in (lain.pk, "", "x", "9" * 30, -1):  # another office's, missing, garbage
        assert (
            petugas.post(reverse("layanan:pengaduan-mulai"), {"pengaduan": nilai}).status_code
            == 404
        )
    assert petugas.get(reverse("layanan:pengaduan-mulai")).status_code == 405


def test_the_inbox_reads_the_same_queries_for_one_complaint_and_a_full_page():
    petugas = masuk("metro.petugas")
    url = reverse("layanan:pengaduan-tugas")
    aduan()
    petugas.get(url)  # the working days and the session settle
    with CaptureQueriesContext(connection) as ctx:
        assert petugas.get(url).status_code == 200
    satu = len(ctx.captured_queries)  # read now: the log is a bounded deque
    for _ in range(30):
        aduan(uraian="Lagi.")
    with CaptureQueriesContext(connection) as ctx:
        html = petugas.get(url).content.decode()
    penuh = len(ctx.captured_queries)
    assert html.count('name="pengaduan"') == 25 and "?hal=2" in html
    # 8: the page's own reads, and the navigation's three menu checks (dashboard, complaints,
    # survey) - none grows with the complaints waiting.
    assert penuh == satu <= 8
