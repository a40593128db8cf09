"""The five seed SOPs hold what their documents (../shared/sop/) say."""

import datetime as dt

import pytest

from layanan.models import Layanan, Pengguna, Peran
from layanan.models.sop import baris


def _layanan(kantor: str, kode: str) -> Layanan:
    return Layanan.objects.get(kantor__kode=kantor, kode=kode)


def _langkah(layanan: Layanan) -> list[tuple]:
    """(nomor, pelaksana, jenis, menit, lanjut, tidak, paraf) per step."""
    hasil = []
    for s in layanan.langkah.select_related("peran", "lanjut_hasil", "tidak_hasil"):
        lanjut = s.lanjut_nomor or (s.lanjut_hasil.kode if s.lanjut_hasil else None)
        tidak = s.tidak_nomor or (s.tidak_hasil.kode if s.tidak_hasil else None)
        paraf = [p.peran.kode for p in s.paraf.select_related("peran")]
        hasil.append((s.nomor, s.peran.kode, s.jenis, s.menit, lanjut, tidak, paraf))
    return hasil


pytestmark = pytest.mark.django_db


def test_blitar_kip():
    sop = _layanan("blitar", "kip")
    assert sop.nomor_sop == "012/410.105/SOP/2024"
    assert (sop.tanggal_pembuatan, sop.tanggal_revisi, sop.tanggal_pengesahan) == (
        dt.date(2022, 1, 5),
        dt.date(2024, 1, 4),
        dt.date(2024, 1, 9),
    )
    assert sop.nama == ("Pelayanan Surat Keterangan Pengurusan Kartu Indonesia Pintar (KIP)")
    assert baris(sop.dasar_hukum) == [
        "UU No. 13 Tahun 2011 tentang Penanganan Fakir Miskin",
        "Permendikbud 10 tahun 2020 tentang Program Indonesia Pintar",
        "Permensos No.28 Tahun 2017 tentang Pedoman Umum Verifikasi dan Validasi Data Terpadu "
        "Penanganan Fakir Miskin dan Orang Tidak Mampu",
        "Permensos No. 5 Tahun 2019 tentang Pengelolaan Data Terpadu Kesejahteraan Sosial",
    ]
    assert len(baris(sop.kualifikasi_pelaksana)) == 4
    assert baris(sop.keterkaitan) == ["SOP Pelayanan Pengajuan DTKS"]
    assert len(baris(sop.peralatan)) == 4
    assert len(baris(sop.peringatan)) == 1
    assert sop.pencatatan == "Dicatat dan disimpan sebagai arsip dan dokumen"
    assert len(baris(sop.catatan)) == 2
    assert _langkah(sop) == [
        (1, "petugas", "aksi", 30, None, None, []),
        (2, "petugas", "keputusan", 45, 3, "tidak_lengkap", []),
        (3, "peksos", "aksi", 105, None, None, []),
        (4, "petugas", "aksi", 120, None, None, []),
        (5, "kadin", "tanda_tangan", 90, None, 4, ["kabid"]),
        (6, "petugas", "penyerahan", 90, "selesai", None, []),
    ]
    assert sop.total_menit == 480  # "8 jam (1 Hari Kerja)"
    assert sop.batas_waktu_hari_kerja == 1
    assert sop.langkah.get(nomor=3).fungsi == "cek_dtks"
    assert "SIKS-NG" in sop.langkah.get(nomor=3).kegiatan
    assert sop.langkah.get(nomor=2).output == "Data/Dokumen permohonan lengkap"


def test_bima_pip():
    sop = _layanan("bima", "pip")
    assert sop.nomor_sop == "460/28.1/DINSOS/1/2022"
    assert sop.tanggal_pembuatan == dt.date(2022, 1, 12)
    assert sop.nama == "REKOMENDASI PROGRAM INDONESIA PINTAR (PIP)"
    assert len(baris(sop.dasar_hukum)) == 4
    assert len(baris(sop.keterkaitan)) == 2
    assert len(baris(sop.peralatan)) == 6
    assert _langkah(sop) == [
        (1, "pemohon", "aksi", 480, None, None, []),
        (2, "operator", "keputusan", 2, 5, 4, []),
        (4, "operator", "aksi", 3, "dirujuk_kelurahan", None, []),
        (5, "kadin", "tanda_tangan", 5, None, None, ["kabid"]),
        (6, "pemohon", "penyerahan", None, "selesai", None, []),
    ]
    dirujuk = sop.hasil.get(kode="dirujuk_kelurahan")
    assert dirujuk.jenis == "dirujuk"
    assert "Kelurahan" in dirujuk.nama
    assert Peran.objects.get(kantor__kode="bima", kode="pemohon").adalah_pemohon
    assert [b.nama for b in sop.berkas.all()] == [
        "KK atau e-KTP atau identitas lain yang merangkan NIK"
    ]


def test_metro_kip_is_a_service_standard():
    sop = _layanan("metro", "kip")
    assert sop.jenis_dokumen == "standar_pelayanan"
    assert sop.batas_waktu_hari_kerja == 1
    assert sop.biaya == "Tidak dikenakan biaya."
    assert [s[0] for s in _langkah(sop)] == [1, 2, 3, 4]
    assert sop.langkah.get(nomor=2).fungsi == "cek_dtks"
    assert {k.kode: k.berkas.count() for k in sop.kategori.all()} == {"siswa": 5, "mahasiswa": 5}
    assert sop.berkas.filter(sifat="jika_ada").count() == 2  # KIA, for each category
    assert len(baris(sop.sarana_pengaduan)) == 5
    assert baris(sop.tindak_lanjut_pengaduan) == [
        "Verifikasi aduan;",
        "Mediasi;",
        "Koordinasi dan cek lokasi;",
        "Penyelesaian/Sanksi.",
    ]
    assert len(baris(sop.dasar_hukum)) == 4
    assert len(baris(sop.sarana_prasarana)) == 15
    assert len(baris(sop.jumlah_pelaksana)) == 3
    assert "kertas khusus" in sop.jaminan_keamanan


def test_solok_sk_dtks():
    sop = _layanan("solok", "sk-dtks")
    assert sop.nomor_sop == "460/18/Dinsos-2023"
    assert sop.tanggal_pembuatan == sop.tanggal_efektif == dt.date(2023, 1, 20)
    assert sop.pencatatan == "siks.kemensos.go.id"
    assert len(baris(sop.dasar_hukum)) == 3
    assert _langkah(sop) == [
        (1, "pemohon", "aksi", 5, None, None, []),
        (2, "petugas", "keputusan", 5, 3, "tidak_lengkap", []),
        (3, "operator", "keputusan", 5, 4, "tidak_terdaftar", []),
        (4, "kadin", "tanda_tangan", 5, None, None, []),
        (5, "petugas", "penyerahan", 5, "selesai", None, []),
    ]
    assert sop.total_menit == 25


def test_tarakan_pengaduan_bpnt():
    sop = _layanan("tarakan", "pengaduan-bpnt")
    assert "BANTUAN PANGAN NON TUNAI (BPNT)" in sop.nama
    assert len(baris(sop.dasar_hukum)) == 9
    assert "Nomor 63 Tahun 2017" in sop.dasar_hukum  # OCR's "6%" read as the Perpres it is
    assert "E-Warong" in sop.peringatan
    assert _langkah(sop) == [
        (1, "pemohon", "aksi", 10, None, None, []),
        (2, "fo", "keputusan", 10, 3, "tidak_lengkap", []),
        (3, "analis", "aksi", 10, None, None, []),
        (4, "koordinator", "paraf", 5, None, 3, []),
        (5, "kabid", "tanda_tangan", 5, None, None, []),
        (6, "fo", "penyerahan", 5, "selesai", None, []),
    ]
    ahli_waris = sop.kategori.get(kode="ahli_waris")
    assert {b.nama for b in ahli_waris.berkas.all()} == {
        "Fotocopy Surat Ahli Waris",
        "Fotocopy Surat Kematian",
    }
    assert sop.isian.get(kode="jenis_kendala").tipe == "pilihan"


@pytest.mark.parametrize("kode", ["blitar", "bima", "metro", "solok", "tarakan"])
def test_every_staff_role_of_each_seed_office_has_a_demo_account(kode):
    for peran in Peran.objects.filter(kantor__kode=kode, adalah_pemohon=False):
        assert Pengguna.objects.filter(peran=peran, kantor__kode=kode).exists(), peran
    assert Pengguna.objects.filter(kantor__kode=kode, adalah_admin_kantor=True).exists()
    assert not Pengguna.objects.filter(peran__adalah_pemohon=True).exists()


@pytest.mark.parametrize(
    ("kode", "zona"),
    [
        ("blitar", "Asia/Jakarta"),
        ("metro", "Asia/Jakarta"),
        ("solok", "Asia/Jakarta"),
        ("bima", "Asia/Makassar"),
        ("tarakan", "Asia/Makassar"),
    ],
)
def test_offices_keep_their_own_time_zone(kode, zona):
    from layanan.models import Kantor

    assert Kantor.objects.get(kode=kode).zona_waktu == zona
