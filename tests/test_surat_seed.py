"""The signed letter of each seed office, read back as text and held against the office's data:
its variant, signer, initials, number, and the verification address under its QR code."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from unittest.mock import ANY

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from layanan import mesin
from layanan.demo import FRASA_TTD_DEMO
from layanan.models import AksiLangkah, Layanan, Permohonan, StatusPermohonan, Surat
from layanan.surat.konsep import nomor_surat
from tests.factories import KASUS, daftar, jalan, sampai_selesai
from tests.views.test_tugas import _kerjakan, _masuk, _tandatangani, pesan

pytestmark = pytest.mark.django_db

KANTOR = ["blitar", "bima", "metro", "solok", "tarakan"]
BULAN = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
ROMAWI = "I II III IV V VI VII VIII IX X XI XII"


@dataclass(frozen=True)
class Harapan:
    """What an office's letter must print, written out by hand from its data: the signer in
    fixtures/kantor/<kode>.yaml, the initials of its SOP's signature step, the number pattern
    `surat.format_nomor` of fixtures/sop/<kode>-*.yaml."""

    akun_penandatangan: str
    tempat: str
    jabatan: str  # the lines above the signature, joined as the text of the PDF reads them
    nama: str  # the signer's name as the office wrote it, rank and NIP below it
    paraf: tuple[tuple[str, str], ...]  # the initials column: (role, who), in their order
    nomor: str  # the first letter of the year: {bulan_romawi} and {tahun} left to fill


HARAPAN = {
    "blitar": Harapan(
        akun_penandatangan="blitar.kadin",
        tempat="Blitar",
        jabatan="Kepala Dinas Sosial Kota Blitar,",
        nama="Drs. Hendro Wicaksono, M.Si. Pembina Utama Muda (IV/c) NIP. 19700312 199503 1 004",
        paraf=(("Kabid", "Rina Kusumawati"),),
        nomor="460/1/410.105/{tahun}",
    ),
    "bima": Harapan(
        akun_penandatangan="bima.kadin",
        tempat="Bima",
        jabatan="Plt. Kepala Dinas Sosial Kota Bima,",  # the office's data says Plt.
        nama="Drs. Abdul Gawis NIP. 19621231 199103 1 181",
        paraf=(("Penanggung Jawab (Kepala Bidang PFM & PKS)", "Muhammad Ikbal"),),
        nomor="460/1/DINSOS/{bulan_romawi}/{tahun}",
    ),
    "metro": Harapan(
        akun_penandatangan="metro.kadin",
        tempat="Metro",
        jabatan="Kepala Dinas Sosial Kota Metro,",
        nama="S. Amanto, S.H., M.H. Pembina Utama Muda (IV/c) NIP. 19680420 199303 1 009",
        paraf=(
            ("Petugas Pelayanan", "Wulan Rahmawati"),
            (
                "Kepala Bidang Perlindungan, Jaminan Sosial dan Penanganan Fakir Miskin",
                "Eka Puspitasari",
            ),
        ),
        nomor="460/1/D-5/{tahun}",
    ),
    "solok": Harapan(
        akun_penandatangan="solok.kadin",
        tempat="Solok",
        jabatan="Kepala Dinas Sosial Kabupaten Solok,",
        nama="H. Syoufitri NIP. 19701115 200502 2 002",
        paraf=(),  # the Kadin signs with no initials before
        nomor="460/1/Dinsos-{tahun}",
    ),
    "tarakan": Harapan(
        akun_penandatangan="tarakan.kabid",
        tempat="Tarakan",
        # The Kabid signs for the Kadin: a.n. above the Kabid's own position.
        jabatan=(
            "a.n. Kepala Dinas Sosial dan Pemberdayaan Masyarakat Kota Tarakan"
            " Kepala Bidang Sosial,"
        ),
        nama="Andi Firmansyah, S.Sos. Pembina (IV/a) NIP. 19790403 200502 1 009",
        paraf=(("Koordinator/Dayasos", "Irwan Setiadi"),),
        nomor="400.9/1/DSPM/{bulan_romawi}/{tahun}",
    ),
}


@pytest.fixture(autouse=True)
def _kosongkan_batas():
    cache.clear()  # the verification page's rate limit


def _teks(surat: Surat) -> str:
    with surat.berkas.open("rb") as f:
        halaman = PdfReader(io.BytesIO(f.read())).pages
    return " ".join(" ".join(h.extract_text() for h in halaman).split())


def _tandatangani_surat(kantor: str, **kasus) -> tuple[Permohonan, Surat, str]:
    """A case of the office walked to its signature, then signed from the signer's page as a
    browser sends it. The application, its letter and the letter's text."""
    p = daftar(kantor, **kasus)
    while p.status == StatusPermohonan.DITERIMA and AksiLangkah.TANDA_TANGAN not in (
        mesin.pilihan_langkah(p)
    ):
        p = jalan(p)
    penandatangan = _masuk(HARAPAN[kantor].akun_penandatangan)
    jawab = _tandatangani(penandatangan, p, FRASA_TTD_DEMO, follow=True)
    surat = Surat.objects.get(permohonan=p)
    assert pesan(jawab) == [("success", f"Surat {surat.nomor} sudah ditandatangani.")]
    p.refresh_from_db()
    return p, surat, _teks(surat)


def _tanggal(surat: Surat) -> dt.date:
    return timezone.localtime(surat.ditandatangani_pada, surat.kantor.zona).date()


def _verifikasi(token: str) -> str:
    return Client().get(f"http://testserver/v/{token}/").content.decode()


# ---------------------------------------------------------------------------
# Each office's letter
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kantor", "kasus", "tertulis", "tidak_tertulis"),
    [
        pytest.param(
            "blitar",
            {},
            ["NIK : 3572010501890001", "adalah benar terdaftar dalam DTKS"],
            ["belum seluruhnya"],
            id="blitar-everyone-registered",
        ),
        pytest.param(
            "blitar",
            {"terdaftar": False},
            [
                "NIK : 3572026207920003",
                "belum seluruhnya terdaftar dalam DTKS",
                "Pemohon : NIK 3572026207920003 — Tidak terdaftar",
                "NIK anak : NIK 3572011203150002 — Terdaftar",
            ],
            ["benar terdaftar"],
            id="blitar-parent-not-registered",
        ),
        pytest.param(
            "blitar",
            {"isian": {"nik_anak": "3572024509120004"}},
            [
                "NIK : 3572010501890001",
                "belum seluruhnya terdaftar dalam DTKS",
                "Pemohon : NIK 3572010501890001 — Terdaftar",
                "NIK anak : NIK 3572024509120004 — Tidak terdaftar",
            ],
            ["benar terdaftar"],
            id="blitar-child-not-registered",
        ),
        pytest.param(
            "bima",
            {},
            ["NIK : 5272014406850002", "Yang bersangkutan tercatat dalam DTKS"],
            [],
            id="bima-registered",
        ),
        pytest.param(
            "metro",
            {},
            ["NIK : 1872014505100003", "Yang bersangkutan tercatat dalam DTKS"],
            ["belum tercatat"],
            id="metro-registered",
        ),
        pytest.param(
            "metro",
            {"terdaftar": False},
            ["NIK : 1872031208880005", "yang bersangkutan belum tercatat dalam DTKS"],
            ["Yang bersangkutan tercatat"],
            id="metro-not-registered",
        ),
        pytest.param(
            "solok",
            {},
            ["NIK : 1302031709800001", "adalah benar terdaftar dalam DTKS"],
            [],
            id="solok-registered",
        ),
        pytest.param(
            "tarakan",
            {},
            ["NIK : 6571014708750003", "Program Sembako/BPNT yang tercatat dalam DTKS"],
            ["tidak tercatat"],
            id="tarakan-registered",
        ),
        pytest.param(
            "tarakan",
            {"terdaftar": False},
            [
                "NIK : 6571021010700004",
                "tidak tercatat sebagai Keluarga Penerima Manfaat (KPM) Program Sembako/BPNT"
                " dalam DTKS",
            ],
            ["yang tercatat dalam DTKS"],
            id="tarakan-not-registered",
        ),
    ],
)
def test_the_letter_says_what_the_dtks_check_found_under_the_office_rule(
    kantor, kasus, tertulis, tidak_tertulis
):
    _p, _surat, teks = _tandatangani_surat(kantor, **kasus)
    for kalimat in tertulis:
        assert kalimat in teks
    for kalimat in tidak_tertulis:
        assert kalimat not in teks


@pytest.mark.parametrize(
    ("kantor", "hasil"), [("bima", "dirujuk_kelurahan"), ("solok", "tidak_terdaftar")]
)
def test_offices_without_a_not_registered_letter_sign_none_for_the_unregistered(kantor, hasil):
    p = daftar(kantor, terdaftar=False)
    sampai_selesai(p)
    p.refresh_from_db()
    assert (p.status, p.hasil.kode) == (StatusPermohonan.SELESAI, hasil)
    assert not Surat.objects.filter(permohonan=p).exists()


@pytest.mark.parametrize("kantor", KANTOR)
def test_the_letter_prints_its_signer_and_initials_as_the_office_wrote_them(kantor):
    harap = HARAPAN[kantor]
    p, surat, teks = _tandatangani_surat(kantor)
    t = _tanggal(surat)
    tanggal = f"{t.day} {BULAN.split()[t.month - 1]} {t.year}"
    assert (
        f"{harap.tempat}, {tanggal} {harap.jabatan} Ditandatangani secara elektronik. Pindai"
        f" kode QR untuk memverifikasi surat ini. http://testserver/v/{surat.token}/ {harap.nama}"
    ) in teks
    assert surat.pejabat.pengguna.username == harap.akun_penandatangan
    diparaf = p.riwayat.filter(aksi=AksiLangkah.PARAF).order_by("id")
    assert tuple((r.peran, str(r.oleh)) for r in diparaf) == harap.paraf  # who really did
    if harap.paraf:
        kolom = " ".join(f"{peran} {nama}" for peran, nama in harap.paraf)
        assert f"Paraf {kolom}" in teks
        assert teks.count("Paraf") == 1
    else:
        assert "Paraf" not in teks


@pytest.mark.parametrize("kantor", KANTOR)
def test_the_letter_is_numbered_by_the_office_pattern_when_signed(kantor):
    _p, surat, teks = _tandatangani_surat(kantor)
    t = _tanggal(surat)
    nomor = HARAPAN[kantor].nomor.format(bulan_romawi=ROMAWI.split()[t.month - 1], tahun=t.year)
    assert (surat.nomor, surat.urutan, surat.tahun) == (nomor, 1, t.year)
    assert f"Nomor: {nomor} " in teks


@pytest.mark.parametrize(
    ("kantor", "bulan", "nomor"),
    [
        ("blitar", 12, "460/7/410.105/2026"),
        ("bima", 4, "460/7/DINSOS/IV/2026"),
        ("bima", 9, "460/7/DINSOS/IX/2026"),
        ("metro", 1, "460/7/D-5/2026"),
        ("solok", 6, "460/7/Dinsos-2026"),
        ("tarakan", 11, "400.9/7/DSPM/XI/2026"),
        ("tarakan", 2, "400.9/7/DSPM/II/2026"),
    ],
)
def test_the_number_pattern_writes_the_month_in_roman_numerals_where_it_says_so(
    kantor, bulan, nomor
):
    layanan = Layanan.objects.get(kantor__kode=kantor, kode=KASUS[kantor][0])
    assert nomor_surat(layanan, 7, dt.date(2026, bulan, 15)) == nomor


@pytest.mark.parametrize("kantor", KANTOR)
def test_the_address_under_the_qr_code_is_the_letters_own_page_and_it_says_valid(kantor):
    _p, surat, teks = _tandatangani_surat(kantor)
    assert re.findall(r"http://testserver/v/(\w+)/", teks) == [surat.token]
    alamat = f"http://testserver/v/{surat.token}/"
    assert alamat == "http://testserver" + reverse("layanan:verifikasi", args=[surat.token])
    halaman = _verifikasi(surat.token)
    assert "Surat ini diterbitkan dan ditandatangani di sini, dan sah." in halaman
    assert f"Ditandatangani oleh: {surat.pejabat.nama}" in halaman  # by its certificate
    assert surat.nomor in halaman
    with surat.berkas.open("rb") as f:
        tersimpan = SimpleUploadedFile("surat.pdf", f.read())
    cocok = Client().post(alamat, {"berkas": tersimpan}).content.decode()
    assert "Berkas ini persis surat tersebut." in cocok
    assert "Tanda tangan elektroniknya sah" in cocok


# ---------------------------------------------------------------------------
# After signing: revoke (Blitar), replace (Bima), hand over (Tarakan)
# ---------------------------------------------------------------------------
def test_a_blitar_letter_is_revoked_by_its_signer_not_by_the_administrator_or_the_kabid():
    p, surat, _teks_surat = _tandatangani_surat("blitar")
    url = reverse("layanan:surat-cabut", args=[p.pk, surat.pk])
    assert _masuk("blitar.admin").post(url, {"alasan": "Salah nama"}).status_code == 404
    jawab = _masuk("blitar.kabid").post(url, {"alasan": "Salah nama"}, follow=True)
    assert pesan(jawab) == [
        (
            "error",
            "Hanya pejabat penanda tangan, atau pejabat yang kini memegang jabatan itu, "
            "yang dapat mencabut surat.",
        )
    ]
    surat.refresh_from_db()
    assert (surat.status, surat.alasan_cabut) == ("sah", "")
    jawab = _masuk("blitar.kadin").post(url, {"alasan": "Nama anak salah tulis"}, follow=True)
    assert pesan(jawab) == [("success", f"Surat {surat.nomor} sudah dicabut.")]
    surat.refresh_from_db()
    assert (surat.status, surat.alasan_cabut) == ("dicabut", "Nama anak salah tulis")
    halaman = _verifikasi(surat.token)
    assert "Surat ini tidak berlaku lagi: Dicabut." in halaman
    assert "dan sah." not in halaman


def test_a_replaced_bima_letter_gets_a_new_number_and_its_old_page_says_if_it_was_handed_over():
    p, lama, _teks_lama = _tandatangani_surat("bima")
    kadin = _masuk("bima.kadin")
    ganti = reverse("layanan:surat-ganti", args=[p.pk, lama.pk])
    jawab = kadin.post(ganti, {"frasa_sandi": FRASA_TTD_DEMO}, follow=True)  # not revoked yet
    assert pesan(jawab) == [("error", "Hanya surat yang sudah dicabut yang dapat diganti.")]
    assert Surat.objects.filter(permohonan=p).count() == 1
    cabut = reverse("layanan:surat-cabut", args=[p.pk, lama.pk])
    jawab = kadin.post(cabut, {"alasan": "Salah nama"}, follow=True)
    assert pesan(jawab) == [("success", f"Surat {lama.nomor} sudah dicabut.")]
    jawab = kadin.post(ganti, {"frasa_sandi": FRASA_TTD_DEMO}, follow=True)
    lama.refresh_from_db()
    baru = lama.pengganti
    assert pesan(jawab) == [("success", f"Surat {baru.nomor} ditandatangani sebagai penggantinya.")]
    t = _tanggal(baru)
    assert baru.nomor == f"460/2/DINSOS/{ROMAWI.split()[t.month - 1]}/{t.year}" != lama.nomor
    assert (lama.status, baru.status, baru.token != lama.token) == ("diganti", "sah", True)
    teks = _teks(baru)
    assert f"Nomor: {baru.nomor} " in teks
    assert re.findall(r"http://testserver/v/(\w+)/", teks) == [baru.token]
    assert "dan sah." in _verifikasi(baru.token)
    halaman = _verifikasi(lama.token)
    assert "Surat ini telah diganti dengan surat baru bernomor baru." in halaman
    assert "Surat pengganti belum diserahkan." in halaman
    assert baru.nomor not in halaman  # the old code does not lead to the new letter
    p = jalan(p, "selesai", "Diterima oleh Warga Uji")  # Bima: the applicant receives it
    assert p.status == StatusPermohonan.SELESAI
    lama.refresh_from_db()
    baru.refresh_from_db()
    assert (lama.diserahkan_pada, baru.diserahkan_kepada) == (None, "Diterima oleh Warga Uji")
    halaman = _verifikasi(lama.token)
    assert "Surat pengganti telah diserahkan pada" in halaman
    assert "belum diserahkan" not in halaman


def test_a_tarakan_hand_over_records_who_received_the_letter_and_when():
    p, surat, _teks_surat = _tandatangani_surat("tarakan")
    fo = _masuk("tarakan.fo")
    jawab = _kerjakan(fo, p, "selesai", "", follow=True)  # nobody named: refused
    assert pesan(jawab) == [("error", "Tuliskan siapa yang menerima surat.")]
    p.refresh_from_db()
    surat.refresh_from_db()
    assert (p.status, p.langkah_nomor, surat.diserahkan_pada) == ("diterima", 6, None)
    sebelum = timezone.now()
    jawab = _kerjakan(fo, p, "selesai", "Diterima oleh Hasnah (KPM sendiri)", follow=True)
    assert pesan(jawab) == [("success", ANY)]  # the step messages' own tests read its words
    p.refresh_from_db()
    surat.refresh_from_db()
    assert (p.status, p.hasil.kode) == ("selesai", "selesai")
    assert surat.diserahkan_kepada == "Diterima oleh Hasnah (KPM sendiri)"
    assert sebelum <= surat.diserahkan_pada <= timezone.now()


def test_a_revoked_tarakan_letter_cannot_be_handed_over():
    p, surat, _teks_surat = _tandatangani_surat("tarakan")
    kabid, fo = _masuk("tarakan.kabid"), _masuk("tarakan.fo")
    cabut = reverse("layanan:surat-cabut", args=[p.pk, surat.pk])
    jawab = kabid.post(cabut, {"alasan": "Salah KKS"}, follow=True)
    assert pesan(jawab) == [("success", f"Surat {surat.nomor} sudah dicabut.")]
    jawab = _kerjakan(fo, p, "selesai", "Diterima oleh Hasnah", follow=True)
    assert pesan(jawab) == [
        (
            "error",
            "Surat sudah dicabut: surat penggantinya harus ditandatangani sebelum diserahkan.",
        )
    ]
    p.refresh_from_db()
    surat.refresh_from_db()
    assert (p.status, p.langkah_nomor) == ("diterima", 6)
    assert (surat.status, surat.diserahkan_kepada, surat.diserahkan_pada) == ("dicabut", "", None)
