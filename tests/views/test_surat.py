"""Letters: numbered at signing, QR to a public verification page, escaped, fetched from nowhere."""

import io
import re
from unittest.mock import ANY

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from layanan.models import Layanan, Permohonan, Surat
from tests.factories import daftar, jalan, sampai_selesai

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _kosongkan_batas():
    cache.clear()


def _teks(isi: bytes) -> str:
    return " ".join(" ".join(h.extract_text() for h in PdfReader(io.BytesIO(isi)).pages).split())


def test_blitar_letters_follow_the_dtks_answer_and_are_numbered_in_order():
    terdaftar, tidak = daftar("blitar"), daftar("blitar", terdaftar=False)
    sampai_selesai(terdaftar)
    sampai_selesai(tidak)
    s1, s2 = Surat.objects.order_by("urutan")
    assert (s1.urutan, s2.urutan) == (1, 2)
    assert re.fullmatch(r"460/1/410\.105/20\d\d", s1.nomor)
    teks1, teks2 = _teks(s1.berkas.open("rb").read()), _teks(s2.berkas.open("rb").read())
    assert "benar terdaftar" in teks1 and "belum seluruhnya terdaftar" in teks2
    assert "3572026207920003 — Tidak terdaftar" in teks2  # each person's own result
    assert s1.nomor in teks1 and "Ditandatangani secara elektronik" in teks1


def test_verification_page_by_token_and_by_file():
    p = daftar("solok")
    sampai_selesai(p)
    surat = Surat.objects.get()
    from django.test import Client

    client = Client()
    url = reverse("layanan:verifikasi", args=[surat.token])
    halaman = client.get(url).content.decode()
    assert surat.nomor in halaman and "sah" in halaman
    assert "W**** U**" in halaman and "Warga Uji" not in halaman
    asli = surat.berkas.open("rb").read()
    cocok = client.post(url, {"berkas": SimpleUploadedFile("s.pdf", asli)}).content.decode()
    assert "persis surat tersebut" in cocok and "Tanda tangan elektroniknya sah" in cocok
    diubah = bytearray(asli)
    diubah[len(asli) // 3] ^= 0x01
    beda = client.post(url, {"berkas": SimpleUploadedFile("s.pdf", bytes(diubah))}).content.decode()
    assert "BUKAN surat tersebut" in beda
    for token in ("0" * 32, "bukan-token", surat.token.upper()):
        jawab = client.get(reverse("layanan:verifikasi", args=[token])).content.decode()
        assert "Tidak ada surat dengan kode ini" in jawab


def test_values_in_a_letter_are_escaped_and_nothing_outside_is_fetched():
    p = daftar("solok")
    p.pemohon.nama = '<img src="file:///etc/passwd"> <img src="http://example.invalid/x.png">'
    p.pemohon.save()
    sampai_selesai(p)
    isi = Surat.objects.get().berkas.open("rb").read()
    assert b"root:x:0" not in isi
    assert "file:///etc/passwd" in _teks(isi)  # shown as text, never loaded


def test_the_signer_sees_a_draft_first(petugas_a):
    p = daftar("blitar")
    while p.langkah_nomor != 5:
        p = jalan(p)
    from tests.views.test_tugas import _masuk

    konsep = _masuk("blitar.kadin").get(reverse("layanan:surat-konsep", args=[p.pk]))
    assert konsep["Content-Type"] == "application/pdf"
    assert "KONSEP" in _teks(konsep.content)
    assert not Surat.objects.exists()
    assert _masuk("bima.kadin").get(reverse("layanan:surat-konsep", args=[p.pk])).status_code == 404


def test_bima_referral_issues_no_letter():
    p = daftar("bima", terdaftar=False)
    sampai_selesai(p)
    assert not Surat.objects.filter(permohonan=p).exists()
    assert Permohonan.objects.get(pk=p.pk).hasil.kode == "dirujuk_kelurahan"


def test_hand_over_names_the_receiver_and_the_citizen_downloads_the_letter():
    from django.test import Client

    from layanan import mesin

    p = daftar("solok")
    while p.langkah_nomor != 5:
        p = jalan(p)
    from tests.factories import pelaku

    with pytest.raises(mesin.TransisiDitolak, match="siapa yang menerima"):
        mesin.kerjakan_langkah(
            subjek=p,
            oleh=pelaku(p),
            aksi="selesai",
            versi=p.versi,
        )
    p = jalan(p, "selesai", "Diterima oleh: Yusrizal (pemohon sendiri)")
    assert p.status == "selesai"
    unduh = Client().post(reverse("layanan:status"), {"kode": p.kode_lacak, "unduh": "1"})
    assert unduh["Content-Disposition"].startswith("attachment;")
    assert b"".join(unduh.streaming_content) == Surat.objects.get().berkas.open("rb").read()
    # A service whose letter is collected at the loket (issue 21): no download, and told so.
    Layanan.objects.filter(pk=p.layanan_id).update(surat_diunduh=False)
    r = Client().post(reverse("layanan:status"), {"kode": p.kode_lacak, "unduh": "1"})
    assert r["Content-Type"].startswith("text/html")
    assert 'name="unduh"' not in r.content.decode()
    assert "Ambil surat di loket." in r.content.decode()


def test_a_revoked_letter_says_so_on_its_page():
    from django.test import Client

    from tests.views.test_tugas import _masuk, pesan

    p = daftar("solok")
    sampai_selesai(p)
    surat = Surat.objects.get()
    url = reverse("layanan:surat-cabut", args=[p.pk, surat.pk])
    jawab = _masuk("solok.petugas").post(url, {"alasan": "salah"}, follow=True)  # not the signer
    assert pesan(jawab) == [
        (
            "error",
            "Hanya pejabat penanda tangan, atau pejabat yang kini memegang jabatan itu, "
            "yang dapat mencabut surat.",
        )
    ]
    surat.refresh_from_db()
    assert surat.status == "sah"
    jawab = _masuk("solok.kadin").post(url, {"alasan": "Nama anak salah tulis"}, follow=True)
    assert pesan(jawab) == [("success", f"Surat {surat.nomor} sudah dicabut.")]
    surat.refresh_from_db()
    assert surat.status == "dicabut"
    halaman = Client().get(reverse("layanan:verifikasi", args=[surat.token])).content.decode()
    assert "tidak berlaku lagi" in halaman


def test_bima_referral_prints_a_notice_for_the_kelurahan():
    from tests.views.test_tugas import _masuk

    p = daftar("bima", terdaftar=False)
    sampai_selesai(p)
    response = _masuk("bima.operator").get(reverse("layanan:pemberitahuan", args=[p.pk]))
    teks = _teks(response.content)
    assert "PEMBERITAHUAN" in teks and "musyawarah kelurahan" in teks
    selesai = daftar("bima")
    sampai_selesai(selesai)
    assert (
        _masuk("bima.operator").get(reverse("layanan:pemberitahuan", args=[selesai.pk])).status_code
        == 404
    )


def test_an_office_without_yearly_restart_keeps_counting():
    from layanan.models import Kantor

    Kantor.objects.filter(kode="solok").update(nomor_surat_per_tahun=False)
    for _ in range(2):
        sampai_selesai(daftar("solok"))
    assert sorted(Surat.objects.values_list("urutan", flat=True)) == [1, 2]
    from layanan.models import PenghitungNomor

    assert PenghitungNomor.objects.get(kantor__kode="solok", jenis="surat").tahun == 0


def test_a_revoked_letter_is_replaced_under_a_new_number():
    from django.test import Client

    from layanan.demo import FRASA_TTD_DEMO
    from tests.views.test_tugas import _masuk, pesan

    p = daftar("solok")
    sampai_selesai(p)
    lama = Surat.objects.get()
    kadin = _masuk("solok.kadin")
    ganti = reverse("layanan:surat-ganti", args=[p.pk, lama.pk])
    jawab = kadin.post(ganti, {"frasa_sandi": FRASA_TTD_DEMO}, follow=True)  # not revoked yet
    assert pesan(jawab) == [("error", "Hanya surat yang sudah dicabut yang dapat diganti.")]
    assert Surat.objects.count() == 1
    cabut = reverse("layanan:surat-cabut", args=[p.pk, lama.pk])
    jawab = kadin.post(cabut, {"alasan": "Salah nama"}, follow=True)
    assert pesan(jawab) == [("success", f"Surat {lama.nomor} sudah dicabut.")]
    jawab = kadin.post(ganti, {"frasa_sandi": FRASA_TTD_DEMO}, follow=True)
    lama.refresh_from_db()
    baru = lama.pengganti
    assert pesan(jawab) == [("success", f"Surat {baru.nomor} ditandatangani sebagai penggantinya.")]
    assert (lama.status, baru.status, baru.urutan) == ("diganti", "sah", 2)
    halaman = Client().get(reverse("layanan:verifikasi", args=[lama.token])).content.decode()
    assert "Diganti" in halaman and baru.nomor not in halaman


def _sampai_penyerahan(kantor: str = "solok") -> Permohonan:
    p = daftar(kantor)
    while p.langkah_nomor != 5:
        p = jalan(p)
    return p


def test_a_signed_application_cannot_be_cancelled_and_a_cancelled_one_gets_no_letter():
    from layanan.demo import FRASA_TTD_DEMO
    from tests.views.test_tugas import _masuk

    p = _sampai_penyerahan()
    surat = Surat.objects.get()
    petugas, kadin = _masuk("solok.petugas"), _masuk("solok.kadin")
    batal = reverse("layanan:batalkan", args=[p.pk])
    jawab = petugas.post(batal, {"alasan": "Pemohon pindah"}, follow=True).content.decode()
    assert "cabut suratnya" in jawab
    p.refresh_from_db()
    assert p.status == "diterima"
    kadin.post(reverse("layanan:surat-cabut", args=[p.pk, surat.pk]), {"alasan": "Salah data"})
    petugas.post(batal, {"alasan": "Pemohon pindah"})  # no valid letter left: it may go
    p.refresh_from_db()
    assert p.status == "dibatalkan"
    ganti = reverse("layanan:surat-ganti", args=[p.pk, surat.pk])
    jawab = kadin.post(ganti, {"frasa_sandi": FRASA_TTD_DEMO}, follow=True).content.decode()
    assert "Tidak ada surat yang diterbitkan untuk permohonan yang dibatalkan" in jawab
    assert Surat.objects.count() == 1 and Surat.objects.get().status == "dicabut"


def test_revoking_is_for_the_signer_or_the_holder_of_the_office_not_the_administrator():
    from layanan.models import Pejabat, Pengguna, Peran
    from tests.views.test_tugas import _masuk

    p = _sampai_penyerahan()
    surat = Surat.objects.get()
    url = reverse("layanan:surat-cabut", args=[p.pk, surat.pk])
    assert _masuk("solok.admin").post(url, {"alasan": "x"}).status_code == 404
    surat.refresh_from_db()
    assert surat.status == "sah"
    # The Kadin's successor (a Plt.) holds the same role and may revoke what the office signed.
    plt = Pengguna.objects.create_user("solok.plt", password="kata-sandi-plt-2026", kantor=p.kantor)
    plt.peran.set([Peran.objects.get(kantor=p.kantor, kode="kadin")])
    Pejabat.objects.filter(pk=surat.pejabat.pk).update(aktif=False)
    Pejabat.objects.create(
        kantor=p.kantor,
        nama="Plt. Kadin",
        jabatan="Plt. Kepala Dinas",
        peran=surat.pejabat.peran,
        pengguna=plt,
    )
    from django.test import Client

    klien = Client()
    klien.force_login(plt)
    halaman = klien.get(reverse("layanan:permohonan-detail", args=[p.pk])).content.decode()
    assert "Cabut surat ini" in halaman
    klien.post(url, {"alasan": "Ditandatangani dengan data lama"})
    surat.refresh_from_db()
    assert surat.status == "dicabut"


@pytest.mark.parametrize(
    "rusak",
    [b"/ByteRange [0 -5 99999999999999999999 1]", b"/ByteRange [0 abc 1 2]", b"/ByteRange [9 9]"],
)
def test_a_forged_byte_range_at_the_verification_page_is_an_answer_not_a_500(rusak):
    from django.test import Client

    sampai_selesai(daftar("solok"))
    surat = Surat.objects.get()
    asli = surat.berkas.open("rb").read()
    awal = asli.index(b"/ByteRange")
    akhir = asli.index(b"]", awal) + 1
    palsu = asli[:awal] + rusak + asli[akhir:]
    url = reverse("layanan:verifikasi", args=[surat.token])
    jawab = Client(raise_request_exception=False).post(
        url, {"berkas": SimpleUploadedFile("s.pdf", palsu)}
    )
    assert jawab.status_code == 200
    assert "BUKAN surat tersebut" in jawab.content.decode()


def test_kip_for_an_unregistered_child_does_not_say_registered():
    """The audit: a registered parent with an unregistered child got "benar terdaftar"."""
    from tests.factories import KASUS
    from tests.views.test_tugas import _masuk

    kode, loket, nik_ya, nik_tidak, isian = KASUS["blitar"]
    KASUS["blitar"] = (kode, loket, nik_ya, nik_tidak, {**isian, "nik_anak": "3572024509120004"})
    try:
        p = daftar("blitar")
    finally:
        KASUS["blitar"] = (kode, loket, nik_ya, nik_tidak, isian)
    while p.langkah_nomor != 5:
        p = jalan(p)
    halaman = _masuk("blitar.kadin").get(reverse("layanan:permohonan-detail", args=[p.pk]))
    beside = halaman.content.decode()
    assert "3572024509120004" in beside and "Tidak terdaftar" in beside  # beside the draft
    sampai_selesai(p)
    teks = _teks(Surat.objects.get().berkas.open("rb").read())
    assert "benar terdaftar" not in teks
    assert "3572024509120004 — Tidak terdaftar" in teks
    assert "3572010501890001 — Terdaftar" in teks


def test_the_draft_names_the_signer_of_the_signature_step_from_the_first_draft():
    from tests.views.test_tugas import _masuk

    p = daftar("blitar")
    while p.langkah_nomor != 4:  # the petugas drafts: the Kadin signs it, not "nobody"
        p = jalan(p)
    petugas = _masuk("blitar.petugas")
    teks = _teks(petugas.get(reverse("layanan:surat-konsep", args=[p.pk])).content)
    assert "Drs. Hendro Wicaksono" in teks and "Kepala Dinas Sosial Kota Blitar," in teks
    p = jalan(p)  # waiting for the Kabid's paraf
    teks = _teks(_masuk("blitar.kabid").get(reverse("layanan:surat-konsep", args=[p.pk])).content)
    assert "Drs. Hendro Wicaksono" in teks
    assert "Rina Kusumawati" not in teks.split("Paraf")[0]  # the Kabid is no signer


def test_signature_blocks_follow_tata_naskah_dinas():
    from layanan.models import Pejabat

    p = daftar("tarakan")
    sampai_selesai(p)
    teks = _teks(Surat.objects.get().berkas.open("rb").read())
    # The Kabid signs for the Kadin: a.n., with the office's name as it wrote it.
    assert (
        "a.n. Kepala Dinas Sosial dan Pemberdayaan Masyarakat Kota Tarakan Kepala Bidang Sosial,"
        in teks
    )
    assert "Dan Pemberdayaan" not in teks
    Pejabat.objects.filter(kantor__kode="solok", peran__kode="kadin").update(kedudukan="Plt.")
    sampai_selesai(daftar("solok"))
    teks = _teks(Surat.objects.get(kantor__kode="solok").berkas.open("rb").read())
    assert "Plt. Kepala Dinas Sosial" in teks


def test_a_revoked_letter_is_not_handed_over_and_the_pages_say_what_happened():
    from django.test import Client

    from layanan.demo import FRASA_TTD_DEMO
    from tests.views.test_tugas import _kerjakan, _masuk, pesan

    p = _sampai_penyerahan()
    lama = Surat.objects.get()
    kadin, petugas = _masuk("solok.kadin"), _masuk("solok.petugas")
    kadin.post(reverse("layanan:surat-cabut", args=[p.pk, lama.pk]), {"alasan": "Salah nama"})
    jawab = _kerjakan(petugas, p, "selesai", "Diterima oleh Yusrizal", follow=True)
    assert pesan(jawab) == [
        (
            "error",
            "Surat sudah dicabut: surat penggantinya harus ditandatangani sebelum diserahkan.",
        )
    ]
    p.refresh_from_db()
    lama.refresh_from_db()
    assert (p.status, p.langkah_nomor) == ("diterima", 5)  # nothing valid to hand over
    assert (lama.diserahkan_kepada, lama.diserahkan_pada) == ("", None)
    kadin.post(
        reverse("layanan:surat-ganti", args=[p.pk, lama.pk]), {"frasa_sandi": FRASA_TTD_DEMO}
    )
    lama.refresh_from_db()
    halaman = Client().get(reverse("layanan:verifikasi", args=[lama.token])).content.decode()
    assert "belum diserahkan" in halaman and "telah diserahkan" not in halaman
    jawab = _kerjakan(petugas, p, "selesai", "Diterima oleh Yusrizal", follow=True)
    assert pesan(jawab) == [("success", ANY)]  # the step messages' own tests read its words
    p.refresh_from_db()
    assert (p.status, p.hasil.kode) == ("selesai", "selesai")
    baru = lama.pengganti
    baru.refresh_from_db()
    assert baru.diserahkan_kepada == "Diterima oleh Yusrizal" and baru.diserahkan_pada
    halaman = Client().get(reverse("layanan:verifikasi", args=[lama.token])).content.decode()
    assert "telah diserahkan" in halaman
    # Each letter keeps its own history: who did what to it, when, why.
    assert [(r.aksi, str(r.oleh)) for r in lama.riwayat.all()] == [
        ("terbit", "Syoufitri"),
        ("cabut", "Syoufitri"),
        ("ganti", "Syoufitri"),
    ]
    assert lama.riwayat.get(aksi="cabut").catatan == "Salah nama"
    assert [r.aksi for r in baru.riwayat.all()] == ["terbit", "serah"]
    assert baru.riwayat.get(aksi="serah").catatan == "Diterima oleh Yusrizal"


def test_receipts_and_status_use_the_public_name_of_the_service():
    from tests.views.test_tugas import _masuk

    p = daftar("tarakan")
    teks = _teks(_masuk("tarakan.fo").get(reverse("layanan:tanda-terima", args=[p.pk])).content)
    assert "Pengaduan Penerima Bantuan Pangan Non Tunai (BPNT)" in teks
    assert "STANDAR OPERASIONAL PROSEDUR" not in teks
    from django.test import Client

    status = Client().post(reverse("layanan:status"), {"kode": p.kode_lacak}).content.decode()
    assert "Pengaduan Penerima Bantuan Pangan Non Tunai (BPNT)" in status
