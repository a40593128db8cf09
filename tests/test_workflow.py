"""Every seed SOP, every branch, driven through the one writer of status (issue 5, part 1)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from layanan import workflow
from layanan.demo import FRASA_TTD_DEMO
from layanan.forms.loket import FormulirPermohonan
from layanan.models import (
    Layanan,
    PemeriksaanDtks,
    Pengguna,
    Permohonan,
    RiwayatLangkah,
    StatusPermohonan,
)
from layanan.services import dtks as services_dtks
from layanan.services import permohonan as services
from layanan.services.surat import surat_tandatangani
from layanan.surat import sidik_surat

pytestmark = pytest.mark.django_db

# Per office: (service, loket user, NIK registered in the demo registry, NIK not registered,
# service fields).
KASUS = {
    "blitar": (
        "kip",
        "blitar.petugas",
        "3572010501890001",
        "3572026207920003",
        {
            "nama_anak": "Rina",
            "nik_anak": "3572011203150002",
            "nama_sekolah": "SDN 1",
            "jenjang": "SD",
        },
    ),
    "bima": (
        "pip",
        "bima.operator",
        "5272014406850002",
        "5272021503900004",
        {"nama_anak": "Anak", "nama_sekolah": "SDN 1 Bima", "jenjang": "SD"},
    ),
    "metro": (
        "kip",
        "metro.petugas",
        "1872014505100003",
        "1872031208880005",
        {
            "nama_anak": "Sari",
            "nik_anak": "1872014505100003",
            "nama_sekolah": "SMPN 1",
            "jenjang": "SMP",
        },
    ),
    "solok": (
        "sk-dtks",
        "solok.petugas",
        "1302031709800001",
        "1302032002950002",
        {"keperluan": "Pendaftaran sekolah"},
    ),
    "tarakan": (
        "pengaduan-bpnt",
        "tarakan.fo",
        "6571014708750003",
        "6571021010700004",
        {
            "nomor_kks": "6032984512345678",
            "jenis_kendala": "pin_terblokir",
            "uraian": "PIN terblokir",
        },
    ),
}


def user(username: str) -> Pengguna:
    return Pengguna.objects.get(username=username)


def daftar(kantor: str, *, terdaftar: bool = True, lengkap: bool = True) -> Permohonan:
    kode, loket, nik_ya, nik_tidak, isian = KASUS[kantor]
    layanan = Layanan.objects.get(kantor__kode=kantor, kode=kode)
    kel = next(
        v
        for grup in FormulirPermohonan(layanan=layanan).fields["kode_kelurahan"].choices[1:]
        for v, _l in (grup[1] if isinstance(grup[1], list) else [])
    )
    data = {
        "token": str(uuid.uuid4()),
        "nik": nik_ya if terdaftar else nik_tidak,
        "nama": "Warga Uji",
        "alamat": "Jl. Uji 1",
        "kode_kelurahan": kel,
        "setuju_peringatan": "on",
        **{f"isian_{k}": v for k, v in isian.items()},
    }
    if layanan.kategori.exists():
        data["kategori"] = str(layanan.kategori.first().pk)
    for p in layanan.berkas.all():
        data[f"berkas_{p.pk}_ada"] = "on"
    form = FormulirPermohonan(data, layanan=layanan, aksi="lengkap" if lengkap else "tidak_lengkap")
    if not lengkap:
        form.data = {**data, "catatan_loket": "SKTM belum ada"}
    assert form.is_valid(), form.errors
    return services.permohonan_daftarkan(
        layanan=layanan,
        oleh=user(loket),
        cd=form.cleaned_data,
        lengkap=lengkap,
        peringatan=form.peringatan,
        berlaku=form.berkas_berlaku(form.cleaned_data),
    )


def pelaku(p: Permohonan) -> Pengguna:
    """A demo user holding the role the application waits for."""
    return Pengguna.objects.filter(kantor=p.kantor, peran=p.peran_saat_ini).first()


def jalan(p: Permohonan, aksi: str | None = None, catatan: str = "") -> Permohonan:
    p.refresh_from_db()
    pilihan = workflow.pilihan_langkah(p)
    langkah = workflow.langkah_ke(p, p.langkah_nomor)
    if aksi is None:
        if langkah["fungsi"] == "cek_dtks" and not PemeriksaanDtks.objects.filter(permohonan=p):
            services_dtks.dtks_periksa(permohonan=p, oleh=pelaku(p))
        aksi = (
            workflow.keputusan_dtks(p)
            if langkah["fungsi"] == "cek_dtks" and langkah["jenis"] == "keputusan"
            else pilihan[0]
        )
    if langkah["jenis"] == "penyerahan" and not catatan:
        catatan = "Diterima oleh pemohon sendiri"
    if aksi == "tanda_tangan":
        surat_tandatangani(
            permohonan=p,
            oleh=pelaku(p),
            frasa_sandi=FRASA_TTD_DEMO,
            url_verifikasi="http://testserver/v/{token}/",
            versi=p.versi,
            sidik_konsep=sidik_surat(p),
        )
        p.refresh_from_db()
        return p
    return workflow.kerjakan_langkah(
        permohonan=p,
        oleh=pelaku(p),
        aksi=aksi,
        versi=p.versi,
        catatan=catatan,
        sidik_konsep=sidik_surat(p),
    )


def sampai_selesai(p: Permohonan, batas: int = 20) -> list[int]:
    dilalui = []
    while p.status == StatusPermohonan.DITERIMA and batas:
        dilalui.append(p.langkah_nomor)
        p = jalan(p)
        batas -= 1
    p.refresh_from_db()
    return dilalui


@pytest.mark.parametrize(
    ("kantor", "terdaftar", "langkah", "hasil"),
    [
        ("blitar", True, [3, 4, 5, 5, 6], "selesai"),  # 5 twice: Kabid's paraf, Kadin's signature
        ("blitar", False, [3, 4, 5, 5, 6], "selesai"),  # a letter either way
        ("bima", True, [2, 5, 5, 6], "selesai"),
        ("bima", False, [2, 4], "dirujuk_kelurahan"),  # to the kelurahan, no letter
        ("metro", True, [2, 3, 3, 3, 4], "selesai"),  # Petugas and Kabid initial, Kadin signs
        ("solok", True, [3, 4, 5], "selesai"),
        ("solok", False, [3], "tidak_terdaftar"),
        ("tarakan", True, [3, 4, 5, 6], "selesai"),
    ],
)
def test_each_seed_sop_runs_to_its_end(kantor, terdaftar, langkah, hasil):
    p = daftar(kantor, terdaftar=terdaftar)
    assert p.alur["langkah"]  # the SOP version it follows
    assert sampai_selesai(p) == langkah
    p.refresh_from_db()
    assert p.status == StatusPermohonan.SELESAI
    assert p.hasil.kode == hasil
    assert p.riwayat.filter(aksi="di_loket").exists()  # the loket's own steps are on record


@pytest.mark.parametrize("kantor", list(KASUS))
def test_incomplete_documents_end_at_once_for_every_seed(kantor):
    p = daftar(kantor, lengkap=False)
    assert p.status == StatusPermohonan.TIDAK_DITERIMA
    assert p.hasil.kode == "tidak_lengkap"
    assert p.langkah_nomor is None


def test_a_paraf_can_send_the_draft_back_with_a_reason():
    p = daftar("tarakan")
    jalan(p)  # step 3: the analis
    p.refresh_from_db()
    assert p.langkah_nomor == 4
    with pytest.raises(workflow.TransisiDitolak):
        jalan(p, "kembali")  # no reason
    p = jalan(p, "kembali", "Uraian solusi belum jelas")
    assert p.langkah_nomor == 3
    kembali = RiwayatLangkah.objects.get(permohonan=p, aksi="kembali")
    assert kembali.catatan == "Uraian solusi belum jelas"
    assert sampai_selesai(p) == [3, 4, 5, 6]  # the round trip is on record and in the timing


def test_only_the_holder_of_the_role_acts_and_only_on_the_current_step():
    p = daftar("blitar")
    assert p.langkah_nomor == 3
    for orang in ("blitar.petugas", "blitar.kadin", "bima.operator"):
        with pytest.raises(workflow.TransisiDitolak):
            workflow.kerjakan_langkah(permohonan=p, oleh=user(orang), aksi="selesai", versi=p.versi)
    with pytest.raises(workflow.SudahDikerjakan):  # a token of a state this page never showed
        workflow.kerjakan_langkah(
            permohonan=p, oleh=user("blitar.peksos"), aksi="selesai", versi=p.versi + 1
        )


def test_a_step_done_by_someone_else_first_says_who():
    p = daftar("solok")
    jalan(p)
    with pytest.raises(workflow.SudahDikerjakan) as info:
        workflow.kerjakan_langkah(
            permohonan=p, oleh=user("solok.operator"), aksi="ya", versi=p.versi
        )
    assert "sudah dikerjakan oleh" in str(info.value)


def test_the_dtks_decision_follows_the_check():
    p = daftar("bima", terdaftar=False)
    with pytest.raises(workflow.TransisiDitolak, match="Cek DTKS"):
        jalan(p, "ya")
    services_dtks.dtks_periksa(permohonan=p, oleh=pelaku(p))
    with pytest.raises(workflow.TransisiDitolak):
        jalan(p, "ya", "memaksa")
    assert jalan(p, "tidak", "Tidak ada di DTKS").langkah_nomor == 4


def test_editing_the_sop_does_not_touch_applications_under_way():
    p = daftar("blitar")
    layanan = p.layanan
    layanan.langkah.filter(nomor=4).update(kegiatan="Diubah", waktu_nilai=5)
    p.refresh_from_db()
    assert workflow.langkah_ke(p, 4)["kegiatan"].startswith("Petugas memproses")
    assert sampai_selesai(p) == [3, 4, 5, 5, 6]


def test_the_code_holds_one_writer_of_status():
    akar = Path(__file__).resolve().parents[1] / "layanan"
    penulis = {
        path.relative_to(akar).as_posix()
        for path in akar.rglob("*.py")
        if "migrations" not in path.parts
        for baris in path.read_text().splitlines()
        if ".status = " in baris and "StatusPermohonan" in baris
    }
    assert penulis == {"workflow.py"}
