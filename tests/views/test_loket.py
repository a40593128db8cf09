"""The loket: registering applications for real, with every kind of bad input (issue 3)."""

from __future__ import annotations

import datetime as dt
import io
import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from layanan.demo import KATA_SANDI_DEMO
from layanan.models import Layanan, Pemohon, Permohonan, Pindaian, StatusPermohonan, Surat
from tests import berkas_uji

pytestmark = pytest.mark.django_db
NIK = "3572010501890001"  # Kepanjenkidul, Kota Blitar; born 05-01-1989; male
NIK_ANAK = "3572011203150002"  # born 12-03-2015


def _url(kode: str = "kip") -> str:
    return reverse("layanan:permohonan-baru", args=[kode])


def data_kip(layanan: Layanan, **ubah) -> dict:
    data = {
        "token": str(uuid.uuid4()),
        "nik": NIK,
        "nomor_kk": "3572011203180004",
        "nama": "Budi Santoso",
        "tempat_lahir": "Blitar",
        "tanggal_lahir": "1989-01-05",
        "jenis_kelamin": "L",
        "alamat": "Jl. Merdeka No. 5",
        "rt": "002",
        "rw": "004",
        "kode_kelurahan": "35.72.01.1001",
        "telepon": "0812 3456 7890",
        "isian_nama_anak": "Rina Santoso",
        "isian_nik_anak": NIK_ANAK,
        "isian_nama_sekolah": "SDN Kepanjenkidul 1",
        "isian_jenjang": "SD",
        "aksi": "lengkap",
    }
    for p in layanan.berkas.all():
        data[f"berkas_{p.pk}_ada"] = "on"
        data[f"berkas_{p.pk}_bentuk"] = "fotokopi"
    data.update(ubah)
    return {k: v for k, v in data.items() if v is not None}


def _teks_pdf(isi: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(isi)).pages)


def _masuk(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=KATA_SANDI_DEMO)
    return client


def _baris_berkas(html: str, pk: int) -> str:
    """The checklist group (fieldset) of one document, up to the next document's."""
    return next(
        baris
        for baris in html.split('<fieldset class="baris-berkas"')[1:]
        if f"berkas_{pk}_ada" in baris
    )


def test_complete_application_is_accepted_numbered_and_has_a_receipt(petugas_a, layanan_a):
    response = petugas_a.post(_url(), data_kip(layanan_a))
    p = Permohonan.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("layanan:permohonan-detail", args=[p.pk])
    assert p.status == StatusPermohonan.DITERIMA
    assert re.fullmatch(r"\d{5}/REG/20\d\d", p.nomor_registrasi)
    assert re.fullmatch(
        r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", p.kode_lacak
    )
    assert p.nomor_kk == "3572011203180004"
    assert p.isian["nik_anak"] == NIK_ANAK
    assert p.berkas.filter(ada=True).count() == 4
    assert p.pemohon.kelurahan == "Kepanjenkidul"
    assert p.history.count() >= 2  # created, then accepted
    pdf = petugas_a.get(reverse("layanan:tanda-terima", args=[p.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    teks = _teks_pdf(pdf.content)
    for bagian in [
        "TANDA TERIMA BERKAS PERMOHONAN",
        p.nomor_registrasi,
        p.kode_lacak,
        "Budi Santoso",
        "8 jam (1 Hari Kerja)",
        "SKTM dari Kelurahan",
        "Fotokopi",
        "PEMERINTAH KOTA BLITAR",
    ]:
        assert bagian in teks, bagian
    assert NIK not in teks  # the receipt leaves the office: the NIK is masked


def test_registration_numbers_follow_each_other(petugas_a, layanan_a):
    for nik in (NIK, "3572010602900002"):
        petugas_a.post(_url(), data_kip(layanan_a, nik=nik, tanggal_lahir=None))
    urutan = sorted(Permohonan.objects.values_list("urutan_registrasi", flat=True))
    assert urutan == [1, 2]


def test_incomplete_documents_are_not_accepted_but_kept_with_a_note(petugas_a, layanan_a):
    sktm = layanan_a.berkas.get(nama="SKTM dari Kelurahan")
    data = data_kip(layanan_a, aksi="tidak_lengkap")
    del data[f"berkas_{sktm.pk}_ada"]
    response = petugas_a.post(_url(), data)
    p = Permohonan.objects.get()
    assert response.status_code == 302
    assert p.status == StatusPermohonan.TIDAK_DITERIMA
    assert p.hasil.kode == "tidak_lengkap"
    assert (p.nomor_registrasi, p.kode_lacak) == ("", "")
    teks = _teks_pdf(petugas_a.get(reverse("layanan:tanda-terima", args=[p.pk])).content)
    assert "CATATAN KEKURANGAN BERKAS" in teks
    assert "SKTM dari Kelurahan" in teks
    # In the queue it has no number, and never reads like a DTKS answer ("tidak terdaftar").
    antrean = petugas_a.get(reverse("layanan:antrean")).content.decode()
    assert "(tanpa nomor: tidak diterima, berkas tidak lengkap)" in antrean
    assert "terdaftar" not in antrean


@pytest.mark.parametrize(
    ("tempat", "tanggal", "lahir"),
    [
        ("Blitar", "05/01/1989", "Blitar, 5 Januari 1989"),
        ("", "05/01/1989", "5 Januari 1989"),
        ("Blitar", "", "Blitar"),
        ("", "", "–"),
    ],
)
def test_the_birth_line_shows_only_what_is_known(petugas_a, layanan_a, tempat, tanggal, lahir):
    data = data_kip(layanan_a, tempat_lahir=tempat, tanggal_lahir=tanggal, setuju_peringatan="on")
    petugas_a.post(_url(), data)
    p = Permohonan.objects.get()
    halaman = petugas_a.get(reverse("layanan:permohonan-detail", args=[p.pk])).content.decode()
    dd = re.search(r"<dt[^>]*>Lahir</dt>\s*<dd[^>]*>(.*?)</dd>", halaman, re.S).group(1)
    assert " ".join(re.sub(r"<[^>]+>", "", dd).split()) == lahir


def test_revoking_and_replacing_a_letter_have_visible_labels():
    from tests.factories import daftar, sampai_selesai

    p = daftar("solok")
    sampai_selesai(p)
    kadin = _masuk("solok.kadin")
    url = reverse("layanan:permohonan-detail", args=[p.pk])
    halaman = kadin.get(url).content.decode()
    assert re.search(
        r'<label for="(alasan-cabut-\d+)"[^>]*>Alasan pencabutan surat</label>', halaman
    )
    assert re.search(r'<input id="alasan-cabut-\d+"\s+name="alasan"', halaman)
    surat = Surat.objects.get(permohonan=p)
    kadin.post(reverse("layanan:surat-cabut", args=[p.pk, surat.pk]), {"alasan": "Salah tulis"})
    halaman = kadin.get(url).content.decode()
    label = f'<label for="frasa-ganti-{surat.pk}" class="form-label mb-0">'
    assert label + "Frasa sandi sertifikat tanda tangan Anda</label>" in halaman
    assert f'id="frasa-ganti-{surat.pk}"' in halaman


def test_accepting_with_a_mandatory_document_missing_is_refused(petugas_a, layanan_a):
    sktm = layanan_a.berkas.get(nama="SKTM dari Kelurahan")
    data = data_kip(layanan_a)
    del data[f"berkas_{sktm.pk}_ada"]
    response = petugas_a.post(_url(), data)
    assert response.status_code == 200
    # Said once, in the page's own alert (crispy used to repeat the form's errors below it).
    assert response.content.decode().count("Belum semua berkas wajib dicentang") == 1
    assert "Belum semua berkas wajib dicentang: SKTM dari Kelurahan" in response.content.decode()
    assert not Permohonan.objects.exists()


@pytest.mark.parametrize(
    ("nik", "pesan"),
    [
        ("357201050189000", "NIK harus 16 digit; yang diketik 15 digit."),
        ("35720105018900011", "NIK harus 16 digit; yang diketik 17 digit."),
        ("35720105O1890001", "NIK hanya boleh berisi angka."),
        ("3572013102890001", "Tanggal lahir dalam NIK (31-02-89) tidak ada."),
        ("0072010501890001", "Kode provinsi NIK (2 digit pertama) tidak boleh 00."),
        ("3.57201E+15", "notasi ilmiah Excel"),
        ("３５７２０１０５０１８９０００１", "bukan 0–9 biasa"),
    ],
)
def test_bad_nik_gets_a_clear_message_and_nothing_typed_is_lost(petugas_a, layanan_a, nik, pesan):
    response = petugas_a.post(_url(), data_kip(layanan_a, nik=nik))
    assert response.status_code == 200
    halaman = response.content.decode()
    assert pesan in halaman
    form = response.context["form"]
    assert form["nama"].value() == "Budi Santoso"
    assert form["isian_nama_sekolah"].value() == "SDN Kepanjenkidul 1"
    assert form["nik"].value() == nik
    assert not Permohonan.objects.exists()


@pytest.mark.parametrize(
    ("ubah", "field", "pesan"),
    [
        ({"nomor_kk": "35720112031800"}, "nomor_kk", "KK harus 16 digit"),
        ({"tanggal_lahir": "30/02/1989"}, "tanggal_lahir", "Ketik tanggal yang ada"),
        ({"tanggal_lahir": "02/30/1989"}, "tanggal_lahir", "hari lebih dulu: hh/bb/tttt"),
        ({"rt": "A1"}, "rt", "RT berupa angka"),
        ({"isian_nik_anak": "12345"}, "isian_nik_anak", "NIK harus 16 digit"),
        ({"isian_jenjang": "S3"}, "isian_jenjang", "Masukkan pilihan yang valid"),
        ({"kode_kelurahan": "00"}, "kode_kelurahan", "Masukkan pilihan yang valid"),
        ({"kode_kelurahan": "luar"}, "kelurahan_lain", "ketik tempat tinggal pemohon"),
        ({"nama": ""}, "nama", "tidak boleh kosong"),
        ({"telepon": "telp saya"}, "telepon", "angka saja"),
    ],
)
def test_bad_fields_get_messages(petugas_a, layanan_a, ubah, field, pesan):
    response = petugas_a.post(_url(), data_kip(layanan_a, **ubah))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert pesan in errors, response.context["form"].errors
    assert not Permohonan.objects.exists()


def test_a_scan_survives_a_failed_submission_and_joins_the_application(petugas_a, layanan_a):
    sktm = layanan_a.berkas.get(nama="SKTM dari Kelurahan")
    data = data_kip(layanan_a, nik="123")
    data[f"berkas_{sktm.pk}_file"] = SimpleUploadedFile("sktm.png", berkas_uji.png())
    response = petugas_a.post(_url(), data)
    assert response.status_code == 200
    scan = Pindaian.objects.get()
    assert scan.permohonan is None
    # Shown as already uploaded, in its document's row and by what it is, never by the
    # citizen's own file name; its document is ticked as seen.
    baris = _baris_berkas(response.content.decode(), sktm.pk)
    assert "Pindaian tersimpan (PNG," in baris
    assert re.search(r"\bchecked\b", baris)
    assert "sktm.png" not in response.content.decode()
    data.pop(f"berkas_{sktm.pk}_file")
    data["nik"] = NIK
    petugas_a.post(_url(), data)
    scan.refresh_from_db()
    assert scan.permohonan == Permohonan.objects.get()
    unduh = petugas_a.get(reverse("layanan:pindaian-unduh", args=[scan.permohonan.pk, scan.pk]))
    assert unduh["Content-Disposition"].startswith("attachment;")
    assert b"".join(unduh.streaming_content).startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("sktm.pdf", berkas_uji.HTML_BERNAMA_PDF, "apa pun nama berkasnya"),
        ("logo.svg", berkas_uji.SVG, "apa pun nama berkasnya"),
        ("kosong.pdf", b"", "kosong"),
        ("besar.pdf", b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024), "lebih dari 5 MB"),
        ("potong.jpg", berkas_uji.jpeg_dengan_gps()[:300], "tidak utuh"),
        ("js.pdf", berkas_uji.pdf("javascript"), "JavaScript"),
    ],
)
def test_refused_upload_says_why_leaves_no_row_and_keeps_the_form(
    petugas_a, layanan_a, nama, isi, pesan
):
    sktm = layanan_a.berkas.get(nama="SKTM dari Kelurahan")
    data = data_kip(layanan_a)
    data[f"berkas_{sktm.pk}_file"] = SimpleUploadedFile(nama, isi)
    response = petugas_a.post(_url(), data)
    assert response.status_code == 200
    assert pesan in " ".join(response.context["form"].errors[f"berkas_{sktm.pk}_file"])
    assert response.context["form"]["nama"].value() == "Budi Santoso"
    assert not Pindaian.objects.exists()
    assert not Permohonan.objects.exists()


def test_double_submission_creates_one_application(petugas_a, layanan_a):
    data = data_kip(layanan_a)
    pertama = petugas_a.post(_url(), data)
    kedua = petugas_a.post(_url(), data)
    assert Permohonan.objects.count() == 1
    assert pertama.url == kedua.url


def test_returning_applicant_is_found_by_nik_and_prefilled(petugas_a, layanan_a):
    petugas_a.post(_url(), data_kip(layanan_a))
    response = petugas_a.post(_url(), {"token": str(uuid.uuid4()), "nik": NIK, "aksi": "cari"})
    form = response.context["form"]
    assert form["nama"].value() == "Budi Santoso"
    assert form["nomor_kk"].value() == "3572011203180004"
    assert form["kode_kelurahan"].value() == "35.72.01.1001"
    assert not form.is_bound  # nothing is flagged as an error while looking up
    assert "Pemohon lama ditemukan" in response.content.decode()


def test_the_nik_never_appears_in_a_url(petugas_a, layanan_a):
    petugas_a.post(_url(), data_kip(layanan_a))
    p = Permohonan.objects.get()
    petugas_a.post(reverse("layanan:antrean-cari"), {"cari": NIK})
    for url in (
        reverse("layanan:antrean") + "?semua=1",
        reverse("layanan:permohonan-detail", args=[p.pk]),
    ):
        halaman = petugas_a.get(url).content.decode()
        for tautan in re.findall(r'(?:href|action|src)="([^"]*)"', halaman):
            assert NIK not in tautan


def test_same_nik_with_an_open_application_warns_and_the_reason_is_kept(petugas_a, layanan_a):
    petugas_a.post(_url(), data_kip(layanan_a))
    response = petugas_a.post(_url(), data_kip(layanan_a))
    assert response.status_code == 200
    assert "sudah memiliki permohonan yang sedang diproses" in response.content.decode()
    petugas_a.post(_url(), data_kip(layanan_a, setuju_peringatan="on"))
    kedua = Permohonan.objects.order_by("pk").last()
    assert Permohonan.objects.count() == 2
    assert any("sedang diproses" in w for w in kedua.peringatan)


def test_typed_birth_date_that_disagrees_with_the_nik_only_warns(petugas_a, layanan_a):
    response = petugas_a.post(_url(), data_kip(layanan_a, tanggal_lahir="1989-01-06"))
    assert "Tanggal lahir menurut NIK 05-01-89" in response.content.decode()
    assert not Permohonan.objects.exists()
    petugas_a.post(_url(), data_kip(layanan_a, tanggal_lahir="1989-01-06", setuju_peringatan="on"))
    assert Permohonan.objects.get().status == StatusPermohonan.DITERIMA


@pytest.mark.parametrize("ketik", ["05/01/1989", "5-1-1989", "05011989", "1989-01-05"])
def test_the_birth_date_is_typed_day_first(petugas_a, layanan_a, ketik):
    petugas_a.post(_url(), data_kip(layanan_a, tanggal_lahir=ketik))
    assert Permohonan.objects.get().pemohon.tanggal_lahir == dt.date(1989, 1, 5)


def test_dates_are_shown_day_first_in_a_text_field_not_the_browsers_date_field(
    petugas_a, layanan_a
):
    petugas_a.post(_url(), data_kip(layanan_a))
    response = petugas_a.post(_url(), {"token": str(uuid.uuid4()), "nik": NIK, "aksi": "cari"})
    halaman = response.content.decode()
    assert re.search(r'<input type="text" name="tanggal_lahir" value="05/01/1989"', halaman)
    assert 'type="date"' not in halaman


def test_an_applicant_without_nik_is_served_with_a_reason(petugas_a, layanan_a):
    petugas_a.post(
        _url(), data_kip(layanan_a, nik="", tanpa_nik="on", alasan_tanpa_nik="Belum rekam KTP-el")
    )
    p = Permohonan.objects.get()
    assert (p.pemohon.nik, p.pemohon.alasan_tanpa_nik) == ("", "Belum rekam KTP-el")


def test_applicant_living_elsewhere_types_the_region(petugas_a, layanan_a):
    petugas_a.post(
        _url(),
        data_kip(
            layanan_a,
            kode_kelurahan="luar",
            kelurahan_lain="Sukorejo",
            kecamatan_lain="Sutojayan",
            kabupaten_kota_lain="Kab. Blitar",
        ),
    )
    pemohon = Pemohon.objects.get()
    assert (pemohon.kode_kelurahan, pemohon.kabupaten_kota) == ("", "Kab. Blitar")


def test_staff_of_another_office_can_neither_see_nor_download(petugas_a, layanan_a):
    sktm = layanan_a.berkas.get(nama="SKTM dari Kelurahan")
    data = data_kip(layanan_a)
    data[f"berkas_{sktm.pk}_file"] = SimpleUploadedFile("sktm.png", berkas_uji.png())
    petugas_a.post(_url(), data)
    p, scan = Permohonan.objects.get(), Pindaian.objects.get()
    urls = [
        reverse("layanan:permohonan-detail", args=[p.pk]),
        reverse("layanan:tanda-terima", args=[p.pk]),
        reverse("layanan:pindaian-unduh", args=[p.pk, scan.pk]),
    ]
    orang_lain = _masuk("bima.operator")
    for url in urls:
        assert orang_lain.get(url).status_code == 404
        assert petugas_a.get(url).status_code == 200
    assert p not in orang_lain.get(reverse("layanan:antrean")).context["halaman"].object_list


def test_only_the_loket_role_registers(layanan_a):
    kabid = _masuk("blitar.kabid")
    assert kabid.get(_url()).status_code == 404
    assert _masuk("blitar.petugas").get(_url()).status_code == 200


@pytest.mark.parametrize(
    ("username", "kode"),
    [
        ("bima.operator", "pip"),
        ("metro.petugas", "kip"),
        ("solok.petugas", "sk-dtks"),
        ("tarakan.fo", "pengaduan-bpnt"),
    ],
)
def test_the_loket_of_every_seed_office_opens_its_form(username, kode):
    response = _masuk(username).get(_url(kode))
    assert response.status_code == 200
    assert response.context["form"].persyaratan


def test_queue_queries_do_not_grow_with_the_data(petugas_a, layanan_a, django_assert_num_queries):
    from layanan.models import Pengguna

    petugas = Pengguna.objects.get(username="blitar.petugas")

    def buat(n: int) -> None:
        pemohon = Pemohon.objects.create(
            kantor=layanan_a.kantor,
            nik="",
            alasan_tanpa_nik="x",
            nama="Uji",
            alamat="-",
            kelurahan="-",
            kecamatan="-",
        )
        Permohonan.objects.bulk_create(
            [
                Permohonan(
                    kantor=layanan_a.kantor,
                    layanan=layanan_a,
                    pemohon=pemohon,
                    token_formulir=uuid.uuid4(),
                    dibuat_oleh=petugas,
                )
                for _ in range(n)
            ]
        )

    def hitung() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert petugas_a.get(reverse("layanan:antrean")).status_code == 200
        return len(ctx.captured_queries)

    buat(10)
    sepuluh = hitung()
    buat(190)
    assert hitung() == sepuluh


def test_search_by_name_and_registration_number(petugas_a, layanan_a):
    petugas_a.post(_url(), data_kip(layanan_a))
    p = Permohonan.objects.get()
    for cari, ada in (("budi", True), (p.nomor_registrasi, True), ("Siti", False), (NIK, True)):
        petugas_a.post(reverse("layanan:antrean-cari"), {"cari": cari})
        hasil = petugas_a.get(reverse("layanan:antrean")).context["halaman"].object_list
        assert (p in hasil) is ada, cari


def test_scans_of_forms_never_submitted_are_deleted_after_a_day(petugas_a, layanan_a):
    import datetime as dt
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    sktm = layanan_a.berkas.get(nama="SKTM dari Kelurahan")
    data = data_kip(layanan_a, nik="1", aksi="unggah")
    data[f"berkas_{sktm.pk}_file"] = SimpleUploadedFile("sktm.png", berkas_uji.png())
    petugas_a.post(_url(), data)
    scan = Pindaian.objects.get()
    path = scan.berkas.path
    call_command("hapus_draf_pindaian", stdout=StringIO())
    assert Pindaian.objects.exists()  # still fresh
    Pindaian.objects.update(diunggah_pada=timezone.now() - dt.timedelta(hours=25))
    call_command("hapus_draf_pindaian", stdout=StringIO())
    assert not Pindaian.objects.exists()
    import os

    assert not os.path.exists(path)


def test_every_read_is_on_the_trail_an_admin_can_produce_for_a_nik(petugas_a, layanan_a, admin_a):
    sktm = layanan_a.berkas.get(nama="SKTM dari Kelurahan")
    data = data_kip(layanan_a)
    data[f"berkas_{sktm.pk}_file"] = SimpleUploadedFile("sktm.png", berkas_uji.png())
    petugas_a.post(_url(), data)
    p, scan = Permohonan.objects.get(), Pindaian.objects.get()
    petugas_a.get(reverse("layanan:permohonan-detail", args=[p.pk]))
    petugas_a.get(reverse("layanan:tanda-terima", args=[p.pk]))
    petugas_a.get(reverse("layanan:pindaian-unduh", args=[p.pk, scan.pk]))
    assert sorted(p.akses.values_list("jenis", flat=True)) == ["cetak", "lihat", "unduh_pindaian"]
    response = admin_a.post(reverse("admin:jejak-akses"), {"nik": NIK})
    jejak = response.context["jejak"]
    assert {j.apa.split()[0] for j in jejak} >= {"Melihat", "Mencetak", "Mengunduh", "Langkah"}
    csv = admin_a.post(reverse("admin:jejak-akses"), {"nik": NIK, "format": "csv"})
    assert "Siti Aminah" in csv.content.decode("utf-8-sig")
    lain = _masuk("bima.admin").post(reverse("admin:jejak-akses"), {"nik": NIK})
    assert lain.context["jejak"] == []  # another office's trail is not theirs to see


# -- a faster loket (issue "The office's day", item 4) ------------------------------------------
def test_the_nik_lookup_returns_a_returning_applicants_data_to_the_form(petugas_a, layanan_a):
    petugas_a.post(_url(), data_kip(layanan_a))
    url = reverse("layanan:pemohon-nik", args=["kip"])
    jawab = petugas_a.post(url, {"nik": "3572 0105 0189 0001"}).json()
    assert jawab["ditemukan"] is True
    assert "Pemohon lama ditemukan" in jawab["pesan"]
    assert jawab["isian"] == {
        "nama": "Budi Santoso",
        "tempat_lahir": "Blitar",
        "tanggal_lahir": "05/01/1989",  # as the form's date field is typed
        "jenis_kelamin": "L",
        "alamat": "Jl. Merdeka No. 5",
        "rt": "002",
        "rw": "004",
        "telepon": "0812 3456 7890",
        "kode_kelurahan": "35.72.01.1001",
        "nomor_kk": "3572011203180004",
    }
    baru = petugas_a.post(url, {"nik": "3572010602900002"}).json()
    assert baru == {"ditemukan": False, "pesan": "NIK ini belum pernah terdaftar di kantor ini."}
    assert petugas_a.get(url, {"nik": NIK}).status_code == 405  # a NIK never goes in a URL


def test_the_nik_lookup_stays_within_the_office_and_the_loket(petugas_a, layanan_a):
    petugas_a.post(_url(), data_kip(layanan_a))
    # Bima's loket asks its own service: Blitar's applicant is not theirs to know.
    bima = _masuk("bima.operator").post(reverse("layanan:pemohon-nik", args=["pip"]), {"nik": NIK})
    assert bima.json()["ditemukan"] is False
    kabid = _masuk("blitar.kabid").post(reverse("layanan:pemohon-nik", args=["kip"]), {"nik": NIK})
    assert kabid.status_code == 404  # not a loket role of the service


def test_the_cursor_starts_in_the_nik_field(petugas_a, layanan_a):
    form = petugas_a.get(_url()).content.decode()
    assert re.search(r'<input[^>]*name="nik"[^>]*autofocus', form)
    assert len(re.findall(r"\bautofocus\b", form)) == 1
    # A form sent back with a mistake does not pull the cursor away from it.
    salah = petugas_a.post(_url(), data_kip(layanan_a, nama="")).content.decode()
    assert "autofocus" not in salah


def test_the_checklist_has_one_tick_for_every_document(petugas_a, layanan_a):
    form = petugas_a.get(_url()).content.decode()
    assert re.search(r'<input type="checkbox"[^>]*id="semua-berkas"', form)
    assert "Semua berkas sudah dilihat" in form
    # Not a field: the script ticks the documents, and only they are sent.
    assert not re.search(r'id="semua-berkas"[^>]*name=', form)


def test_scans_are_listed_by_the_document_they_are(petugas_a, layanan_a):
    sktm = layanan_a.berkas.get(nama="SKTM dari Kelurahan")
    kk = layanan_a.berkas.get(nama="Fotocopy KK")
    data = data_kip(layanan_a)
    data[f"berkas_{sktm.pk}_file"] = SimpleUploadedFile("IMG_2041.png", berkas_uji.png())
    data[f"berkas_{kk.pk}_file"] = SimpleUploadedFile(f"{NIK}.png", berkas_uji.png())
    petugas_a.post(_url(), data)
    p = Permohonan.objects.get()
    halaman = petugas_a.get(reverse("layanan:permohonan-detail", args=[p.pk]))
    assert [d for d, _scan in halaman.context["pindaian"]] == ["SKTM dari Kelurahan", "Fotocopy KK"]
    teks = halaman.content.decode()
    assert "IMG_2041" not in teks
    assert f"{NIK}.png" not in teks


# -- queue numbers -------------------------------------------------------------------------------
@pytest.fixture
def antrean_a(kantor_a):
    kantor_a.pakai_nomor_antrean = True
    kantor_a.save(update_fields=["pakai_nomor_antrean"])
    return kantor_a


def test_an_office_without_queue_numbers_sees_nothing_of_them(petugas_a, layanan_a):
    antrean = petugas_a.get(reverse("layanan:antrean")).content.decode()
    assert "Panggil nomor berikutnya" not in antrean
    assert "nomor_antrean" not in petugas_a.get(_url()).context["form"].fields
    assert petugas_a.post(reverse("layanan:antrean-panggil")).status_code == 404
    petugas_a.post(_url(), data_kip(layanan_a))
    p = Permohonan.objects.get()
    assert p.nomor_antrean is None
    teks = _teks_pdf(petugas_a.get(reverse("layanan:tanda-terima", args=[p.pk])).content)
    assert "antrean" not in teks.lower()


def test_the_loket_calls_a_number_the_application_keeps_and_the_receipt_shows(
    petugas_a, layanan_a, antrean_a
):
    panggil = reverse("layanan:antrean-panggil")
    assert petugas_a.get(panggil).status_code == 405
    petugas_a.post(panggil)
    response = petugas_a.post(panggil, follow=True)
    assert "Nomor 2 dipanggil." in response.content.decode()
    assert response.context["antrean_saya"]["nomor"] == 2
    assert response.context["antrean_terakhir"] == 2
    assert response.context["panggil_dulu"] is False  # now: the intake of number 2
    form = petugas_a.get(_url()).context["form"]
    assert form["nomor_antrean"].value() == 2
    data = data_kip(layanan_a, nomor_antrean="2")
    petugas_a.post(_url(), data)
    p = Permohonan.objects.get()
    assert p.nomor_antrean == 2
    teks = _teks_pdf(petugas_a.get(reverse("layanan:tanda-terima", args=[p.pk])).content)
    assert "Nomor antrean: 2" in teks
    detail = petugas_a.get(reverse("layanan:permohonan-detail", args=[p.pk])).content.decode()
    assert "Nomor antrean 2" in detail
    antrean = petugas_a.get(reverse("layanan:antrean"))
    assert antrean.context["panggil_dulu"] is True  # number 2 is served: call the next one


def test_queue_numbers_are_per_office_and_per_day_in_the_offices_own_zone(antrean_a, kantor_b):
    from layanan.loket.antrean import antrean_panggil
    from tests.factories import user

    kantor_b.pakai_nomor_antrean = True
    kantor_b.save(update_fields=["pakai_nomor_antrean"])
    blitar, bima = user("blitar.petugas"), user("bima.operator")
    pagi = dt.datetime(2026, 5, 4, 1, 0, tzinfo=dt.UTC)  # 08:00 WIB, 09:00 WITA
    assert [antrean_panggil(oleh=blitar, sekarang=pagi) for _ in range(3)] == [1, 2, 3]
    assert antrean_panggil(oleh=bima, sekarang=pagi) == 1
    # 16:30 UTC is 23:30 in Blitar, still Monday; in Bima it is 00:30 on Tuesday.
    malam = dt.datetime(2026, 5, 4, 16, 30, tzinfo=dt.UTC)
    assert antrean_panggil(oleh=blitar, sekarang=malam) == 4
    assert antrean_panggil(oleh=bima, sekarang=malam) == 1


def test_only_the_loket_calls_numbers(antrean_a):
    peksos = _masuk("blitar.peksos")
    assert peksos.post(reverse("layanan:antrean-panggil")).status_code == 404


# -- each role lands on its own work -------------------------------------------------------------
@pytest.mark.parametrize(
    ("username", "tujuan"),
    [
        ("blitar.petugas", "/loket/"),
        ("blitar.peksos", "/tugas/"),
        ("blitar.kabid", "/tugas/"),
        ("blitar.kadin", "/tugas/"),
        ("bima.operator", "/loket/"),  # loket and DTKS operator: the queue first
        ("blitar.admin", "/admin/"),
        ("superadmin", "/admin/"),
    ],
)
def test_each_role_lands_on_its_own_work_after_login(username, tujuan):
    response = Client().post(
        reverse("login"), {"username": username, "password": KATA_SANDI_DEMO}, follow=True
    )
    assert response.redirect_chain[-1][0] == tujuan


def test_an_explicit_next_still_wins_over_the_landing_page():
    response = Client().post(
        reverse("login") + "?next=/status/",
        {"username": "blitar.petugas", "password": KATA_SANDI_DEMO, "next": "/status/"},
    )
    assert response.url == "/status/"


# -- the page's main button, and who may cancel ------------------------------------------------
SOLID = re.compile(
    r"<(a|button)\b[^>]*\bclass=\"btn (?:btn-success|btn-danger|btn-primary)\b[^\"]*\"[^>]*>(.*?)</\1>",
    re.S,
)


def _tombol_utama(client: Client, p: Permohonan) -> list[str]:
    html = client.get(reverse("layanan:permohonan-detail", args=[p.pk])).content.decode()
    html = re.sub(
        r'<span class="tab-baru".*?</span>(<span class="visually-hidden">.*?</span>)', "", html
    )  # "opens in a new tab"
    return [" ".join(re.sub(r"<[^>]+>", " ", isi).split()) for _tag, isi in SOLID.findall(html)]


def test_the_main_button_is_the_next_thing_to_do_at_each_step():
    from layanan.dtks import services as services_dtks
    from tests.factories import daftar, jalan, user

    p = daftar("blitar")
    petugas, peksos = _masuk("blitar.petugas"), _masuk("blitar.peksos")
    assert _tombol_utama(petugas, p) == ["Cetak tanda terima"]  # the applicant waits for it
    assert _tombol_utama(peksos, p) == ["Cek DTKS"]  # step 3: its answer first
    services_dtks.dtks_periksa(permohonan=p, oleh=user("blitar.peksos"))
    assert _tombol_utama(peksos, p) == ["Selesai"]
    p = jalan(jalan(p))  # step 4: the draft, then step 5: Kabid's paraf
    assert _tombol_utama(_masuk("blitar.kabid"), p) == ["Diparaf"]
    p = jalan(p)
    assert _tombol_utama(_masuk("blitar.kadin"), p) == ["Tanda tangani surat"]
    tidak = daftar("blitar", lengkap=False)
    assert _tombol_utama(petugas, tidak) == ["Cetak catatan kekurangan berkas"]


def test_cancelling_is_offered_only_to_the_roles_that_may_cancel():
    from tests.factories import daftar

    p = daftar("blitar")
    url = reverse("layanan:permohonan-detail", args=[p.pk])
    assert 'id="batalkan"' in _masuk("blitar.petugas").get(url).content.decode()
    for username in ("blitar.peksos", "blitar.kabid"):
        halaman = _masuk(username).get(url)
        assert halaman.status_code == 200
        assert 'id="batalkan"' not in halaman.content.decode(), username
