"""A new office goes live by its administrator alone, in the browser.

From a database holding only the national superuser and the catalogue (`manage.py muat_katalog`),
the superuser creates an office and its administrator, trusts a test CA and fills the national
holidays; then the administrator alone sets the letterhead and the roles, copies a seed service
from the catalogue, builds a second from nothing (staff, Kabid YES/NO, Kadin signature initialled
by the Kabid, two outcomes, a letter), creates the users and the Kadin's official with a
certificate of the trusted CA, sees the readiness page go green and activates both; an
application then runs to a signed letter whose public verification says valid. Every browser
action from the administrator's login to that verification is counted and printed."""

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Locator, Page, expect

from layanan.demo import KATA_SANDI_DEMO, SUPERUSER_DEMO
from layanan.demo.sertifikat import buat_p12
from layanan.models import Kantor, Layanan, ModelLayanan, Pengguna, Peran, StatusLayanan, Surat
from tests.e2e.conftest import ARTEFAK
from tests.e2e.test_aksesibilitas import _pelanggaran
from tests.e2e.test_layanan_baru import Hitung, _axe, _baris
from tests.sertifikat_uji import buat_ca, pem

FRASA = "frasa-kadin-kediri-uji"
NAMA_KANTOR = "Dinas Sosial Kota Kediri"
BATAS_AKSI = 200  # generous: the path is meant to stay far below


@pytest.fixture
def situs_kosong(live_server, transactional_db, browser):
    """The live server over a fresh installation: the national superuser and the catalogue
    (the seed services published as models), no office at all."""
    call_command("flush", interactive=False)  # the session may have loaded the demo
    Pengguna.objects.create_superuser(
        username=SUPERUSER_DEMO, password=KATA_SANDI_DEMO, first_name="Admin Pusat"
    )
    call_command("muat_katalog")
    ARTEFAK.mkdir(exist_ok=True)
    yield live_server.url
    for konteks in browser.contexts:
        for halaman in konteks.pages:
            halaman.close()


class HitungSemua(Hitung):
    """Hitung, with the actions this path takes besides: a file chosen, a box ticked, an
    option chosen by its value, a login."""

    def unggah(self, el: Locator, berkas: Path) -> None:
        self.n += 1
        el.set_input_files(berkas)

    def centang(self, el: Locator) -> None:
        self.n += 1
        el.check()

    def pilih_nilai(self, el: Locator, nilai: str) -> None:
        self.n += 1
        el.select_option(nilai)

    def masuk(self, situs: str, username: str) -> None:
        self.buka(f"{situs}/masuk/")
        self.isi(self.page.get_by_label("Nama pengguna"), username)
        self.isi(self.page.get_by_label("Sandi"), KATA_SANDI_DEMO)
        self.klik(self.page.get_by_role("button", name="Masuk"))
        expect(self.page).not_to_have_url(re.compile("/masuk/"))

    def keluar(self) -> None:
        self.page.context.clear_cookies()  # another person at another computer


def _berhasil(page: Page) -> None:
    expect(page.locator(".messagelist")).to_contain_text("berhasil")


def _superuser(page: Page, situs: str, ca_pem: str) -> int:
    """The national superuser's part: the office, its administrator, the CA, the holidays."""
    h = HitungSemua(page)
    h.masuk(situs, SUPERUSER_DEMO)
    h.buka(f"{situs}/admin/layanan/kantor/add/")
    h.isi(page.locator("#id_kode"), "kediri")
    h.pilih_nilai(page.locator("#id_jenis_daerah"), "kota")
    h.isi(page.locator("#id_nama_daerah"), "Kediri")
    h.isi(page.locator("#id_kode_wilayah"), "35.71")
    h.isi(page.locator("#id_nama_pemda"), "PEMERINTAH KOTA KEDIRI")
    h.isi(page.locator("#id_nama_dinas"), "DINAS SOSIAL")
    h.klik(page.locator("input[name=_save]"))
    _berhasil(page)
    kantor = Kantor.objects.get(kode="kediri")

    h.buka(f"{situs}/admin/layanan/pengguna/add/")
    h.isi(page.locator("#id_username"), "kediri.admin")
    h.isi(page.locator("#id_password1"), KATA_SANDI_DEMO)
    h.isi(page.locator("#id_password2"), KATA_SANDI_DEMO)
    h.pilih_nilai(page.locator("#id_kantor"), str(kantor.pk))
    h.centang(page.locator("#id_adalah_admin_kantor"))
    h.klik(page.locator("input[name=_save]"))
    _berhasil(page)

    h.buka(f"{situs}/admin/layanan/otoritassertifikat/add/")
    h.isi(page.get_by_label("Nama:"), "CA Uji Kediri")
    h.isi(page.get_by_label("…atau teks PEM-nya:"), ca_pem)
    h.klik(page.get_by_role("button", name="Simpan", exact=True))
    expect(page.locator(".messagelist")).to_contain_text("CA Uji Kediri")

    # The national holidays of this year and the next, from the readiness page.
    h.buka(f"{situs}/admin/siap-melayani/")
    isi_libur = page.get_by_role("button", name=re.compile("Isi hari libur nasional"))
    for _i in range(2):
        h.klik(isi_libur.first)
        expect(page.locator(".messagelist")).to_contain_text("ditambahkan")
    h.keluar()
    return h.n


def _peran_dan_kop(h: HitungSemua, situs: str, kantor: Kantor) -> None:
    page = h.page
    h.buka(f"{situs}/admin/layanan/kantor/{kantor.pk}/change/")
    h.isi(page.locator("#id_alamat"), "Jl. Jaksa Agung Suprapto 2, Kota Kediri")
    h.unggah(page.locator("#id_logo"), Path(__file__).parent / "ktp-contoh.png")
    h.klik(page.locator("input[name=_save]"))
    _berhasil(page)

    h.buka(f"{situs}/admin/layanan/peran/add/")
    for nama, kode in [
        ("Pemohon", "pemohon"),
        ("Petugas/Staf", "petugas"),
        ("Kabid", "kabid"),
        ("Kadin", "kadin"),
    ]:
        h.isi(page.locator("#id_nama"), nama)
        h.isi(page.locator("#id_kode"), kode)
        if kode == "pemohon":
            h.centang(page.locator("#id_adalah_pemohon"))
        h.klik(page.locator("input[name=_addanother]"))
        _berhasil(page)

    # The seed service checks DTKS: by hand, at SIKS-NG.
    h.buka(f"{situs}/admin/layanan/pengaturandtks/add/")
    h.pilih_nilai(page.locator("#id_adapter"), "manual")
    h.klik(page.locator("input[name=_save]"))
    _berhasil(page)


def _salin_dari_katalog(h: HitungSemua, situs: str) -> None:
    page = h.page
    model = ModelLayanan.objects.get(asal=NAMA_KANTOR.replace("Kediri", "Metro"), kode="kip")
    h.buka(f"{situs}/admin/layanan/layanan/")
    h.klik(page.get_by_role("link", name="Salin dari katalog"))
    h.klik(page.get_by_role("link", name=f"Salin ke kantor saya {model.nama}"))
    expect(page.get_by_label("Kode layanan baru")).to_have_value("kip")
    h.klik(page.get_by_role("button", name="Salin ke kantor saya"))
    expect(page.locator(".messagelist")).to_contain_text("disalin ke kantor Anda sebagai draf")


def _bangun_layanan(h: HitungSemua, situs: str) -> None:
    """The service of tests/e2e/test_layanan_baru.py, built the same way, with its number."""
    page = h.page
    h.buka(f"{situs}/admin/layanan/layanan/add/")
    h.isi(page.get_by_label("Kode:"), "bansos")
    h.isi(page.get_by_label("Nama SOP:"), "Layanan Rekomendasi Bantuan Sosial")
    h.isi(page.get_by_label("Nama singkat:"), "Rekomendasi Bansos")
    h.isi(page.locator("#id_format_nomor_surat"), "400/{nomor}/419.113/{tahun}")
    tambah_hasil = page.get_by_role("button", name="Tambahkan Hasil akhir lagi")
    for i, (kode, nama, jenis) in enumerate(
        [
            ("selesai", "Surat diserahkan", "Selesai"),
            ("ditolak", "Tidak direkomendasikan", "Ditolak"),
        ]
    ):
        h.tekan(tambah_hasil, "Enter")
        baris = _baris(page, "hasil", i)
        h.isi(baris.get_by_label(f"Kode, Hasil akhir {i + 1}"), kode)
        h.isi(baris.get_by_label(f"Nama, Hasil akhir {i + 1}"), nama)
        h.pilih(baris.get_by_label(f"Jenis, Hasil akhir {i + 1}"), jenis)
    tambah = page.get_by_role("button", name="Tambahkan Langkah lagi")
    langkah = [
        ("Petugas menerima dan memeriksa berkas", "Petugas/Staf", None),
        ("Kabid memutuskan rekomendasi", "Kabid", "Keputusan YA/TIDAK"),
        ("Kadin menandatangani surat rekomendasi", "Kadin", "Tanda tangan"),
    ]
    for i, (kegiatan, peran, jenis) in enumerate(langkah, start=1):
        h.klik(tambah)
        baris = _baris(page, "langkah", i - 1)
        h.isi(baris.get_by_label(f"Kegiatan, Langkah {i}"), kegiatan)
        h.pilih(baris.get_by_label(f"Pelaksana, Langkah {i}"), peran)
        if jenis:
            h.pilih(baris.get_by_label(f"Jenis, Langkah {i}"), jenis)
    h.pilih(page.get_by_label("Tidak berakhir dengan, Langkah 2"), "Tidak direkomendasikan")
    h.pilih(page.get_by_label("Lanjut (YA) berakhir dengan, Langkah 3"), "Surat diserahkan")
    h.tekan(page.locator("summary", has_text="Paraf, Langkah 3"), "Enter")
    h.tekan(
        page.get_by_role("group", name="Diparaf lebih dulu oleh, Langkah 3").get_by_label("Kabid"),
        " ",
    )
    h.klik(page.get_by_role("button", name="Simpan dan terus mengedit"))
    _berhasil(page)
    h.klik(page.get_by_role("link", name="Tambah templat surat"))
    h.isi(page.get_by_label("Judul:"), "SURAT REKOMENDASI")
    h.isi(page.get_by_label("Isi:"), "<p>Nama: {{ pemohon.nama }}, NIK {{ pemohon.nik }}.</p>")
    h.klik(page.get_by_role("button", name="Simpan", exact=True))
    _berhasil(page)


def _pengguna_dan_pejabat(h: HitungSemua, situs: str, kantor: Kantor, p12: Path) -> None:
    page = h.page
    h.buka(f"{situs}/admin/layanan/pengguna/add/")
    for username, nama, peran in [
        ("kediri.petugas", "Dewi Lestari", "Petugas/Staf"),
        ("kediri.kabid", "Yusuf Hidayat", "Kabid"),
        ("kediri.kadin", "Bambang Susilo", "Kadin"),
    ]:
        h.isi(page.locator("#id_username"), username)
        h.isi(page.locator("#id_password1"), KATA_SANDI_DEMO)
        h.isi(page.locator("#id_password2"), KATA_SANDI_DEMO)
        h.isi(page.locator("#id_first_name"), nama)
        h.n += 1
        page.locator("#id_peran_from option", has_text=peran).dblclick()
        h.klik(page.locator("input[name=_addanother]"))
        _berhasil(page)

    kadin = Peran.objects.get(kantor=kantor, kode="kadin")
    akun = Pengguna.objects.get(username="kediri.kadin")
    h.buka(f"{situs}/admin/layanan/pejabat/add/")
    h.isi(page.locator("#id_nama"), "Drs. Bambang Susilo, M.Si.")
    h.isi(page.locator("#id_jabatan"), "Kepala Dinas Sosial Kota Kediri")
    h.pilih_nilai(page.locator("#id_peran"), str(kadin.pk))
    h.pilih_nilai(page.locator("#id_pengguna"), str(akun.pk))
    h.unggah(page.locator("#id_sertifikat"), p12)
    h.isi(page.locator("#id_frasa_sandi_periksa"), FRASA)
    h.klik(page.locator("input[name=_save]"))
    _berhasil(page)


def _jalankan_langkah(h: HitungSemua, situs: str, username: str, url: str, aksi: str) -> None:
    page = h.page
    h.masuk(situs, username)
    h.klik(page.get_by_role("link", name="Tugas saya"))
    h.klik(page.locator("#tugas button").first)
    expect(page).to_have_url(url)
    saat_ini = page.locator("#langkah-saat-ini")
    if aksi == "tanda_tangan":
        h.isi(page.get_by_label("Frasa sandi sertifikat tanda tangan Anda"), FRASA)
        h.klik(saat_ini.get_by_role("button", name="Tanda tangani surat", exact=True))
    else:
        h.klik(saat_ini.locator(f"button[name=aksi][value={aksi}]"))
    page.wait_for_load_state("networkidle")
    h.keluar()


def test_a_new_office_goes_live_by_its_administrator_alone(
    browser: Browser, situs_kosong, tmp_path
):
    situs = situs_kosong
    page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="id-ID")
    ca = buat_ca("CA Uji Kediri")
    aksi_pusat = _superuser(page, situs, pem(ca[1]))
    kantor = Kantor.objects.get(kode="kediri")
    p12 = tmp_path / "kadin.p12"
    p12.write_bytes(
        buat_p12(
            pejabat=SimpleNamespace(nama="Drs. Bambang Susilo, M.Si.", kantor=NAMA_KANTOR),
            ca=ca,
            frasa_sandi=FRASA,
        )
    )

    # The office's administrator, alone, from here to the first valid letter.
    h = HitungSemua(page)
    h.masuk(situs, "kediri.admin")
    _peran_dan_kop(h, situs, kantor)
    _salin_dari_katalog(h, situs)
    _bangun_layanan(h, situs)
    _pengguna_dan_pejabat(h, situs, kantor, p12)

    h.buka(f"{situs}/admin/siap-melayani/")
    expect(page.get_by_role("status")).to_contain_text(
        "Siap melayani: tidak ada lagi yang menghalangi"
    )
    ditemukan = _axe(page, "kantor-baru-siap")
    for layanan in Layanan.objects.filter(kantor=kantor).order_by("kode"):
        h.buka(f"{situs}/admin/layanan/layanan/{layanan.pk}/change/")
        h.klik(page.get_by_role("button", name="Simpan dan aktifkan"))
        expect(page.locator(".messagelist")).to_contain_text("Layanan aktif")
    assert set(Layanan.objects.filter(kantor=kantor).values_list("status", flat=True)) == {
        StatusLayanan.AKTIF
    }
    aksi_admin = h.n
    h.keluar()

    # An application, from the loket to the Kadin's signature.
    h.masuk(situs, "kediri.petugas")
    h.klik(page.get_by_role("link", name="Loket"))
    h.klik(page.get_by_role("link", name="+ Rekomendasi Bansos"))
    h.isi(page.get_by_label("NIK", exact=True), "3571014405900002")
    h.isi(page.get_by_label("Nama lengkap"), "Sri Wahyuni")
    h.isi(page.get_by_label("Alamat (jalan, nomor rumah)"), "Jl. Dhoho 12")
    h.n += 1
    page.locator("select[name=kode_kelurahan]").select_option(index=1)
    h.klik(page.get_by_role("button", name="Berkas lengkap: terima"))
    expect(page.locator(".alert-success")).to_contain_text("nomor registrasi")
    url = page.url
    h.keluar()
    _jalankan_langkah(h, situs, "kediri.petugas", url, "selesai")
    _jalankan_langkah(h, situs, "kediri.kabid", url, "ya")
    _jalankan_langkah(h, situs, "kediri.kabid", url, "paraf")
    _jalankan_langkah(h, situs, "kediri.kadin", url, "tanda_tangan")

    surat = Surat.objects.get(permohonan__layanan__kantor=kantor)
    h.buka(f"{situs}/v/{surat.token}/")
    expect(page.locator("body")).to_contain_text(
        "Surat ini diterbitkan dan ditandatangani di sini, dan sah."
    )
    ditemukan |= _axe(page, "kantor-baru-verifikasi")
    print(
        f"\nBrowser actions: the superuser's part {aksi_pusat}; from the empty office to the "
        f"first valid letter {h.n} (the administrator's, to both services active: {aksi_admin})"
    )
    assert ditemukan == {}
    assert _pelanggaran(page) == []
    assert h.n < BATAS_AKSI
