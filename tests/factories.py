"""One way to make what tests need: an application of a seed office standing at any step.

`daftar("blitar")` registers an application at the loket of a seed office (registered in the
demo registry or not, complete or not); `jalan(p)` takes its current step as the role holder
would (the DTKS check, the letter's signature included); `sampai_selesai(p)` walks it to its end.
"""

from __future__ import annotations

import uuid

from layanan import mesin
from layanan.demo import FRASA_TTD_DEMO
from layanan.dtks import services as services_dtks
from layanan.dtks.kait import keputusan_dtks
from layanan.forms.loket import FormulirPermohonan
from layanan.loket import services as services
from layanan.models import Layanan, PemeriksaanDtks, Pengguna, Permohonan, StatusPermohonan
from layanan.surat.konsep import sidik_surat
from layanan.surat.services import surat_tandatangani

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


def daftar(
    kantor: str,
    *,
    terdaftar: bool = True,
    lengkap: bool = True,
    isian: dict[str, str] | None = None,
    layanan: Layanan | None = None,
    kontak: dict[str, str] | None = None,
) -> Permohonan:
    """`isian` replaces some of the case's service fields (a child not in the registry);
    `layanan`: another service of the office than the case's; `kontak`: the applicant's consent
    to messages and where (the form's notif_* fields)."""
    kode, loket, nik_ya, nik_tidak, isian_kasus = KASUS[kantor]
    isian = {**isian_kasus, **(isian or {})}
    layanan = layanan or Layanan.objects.get(kantor__kode=kantor, kode=kode)
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
        **(kontak or {}),
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
    pilihan = mesin.pilihan_langkah(p)
    langkah = mesin.langkah_kini(p)
    assert langkah is not None
    if aksi is None:
        if langkah.fungsi == "cek_dtks" and not PemeriksaanDtks.objects.filter(permohonan=p):
            services_dtks.dtks_periksa(permohonan=p, oleh=pelaku(p))
        aksi = (
            keputusan_dtks(p)
            if langkah.fungsi == "cek_dtks" and langkah.jenis == "keputusan"
            else pilihan[0]
        )
    if langkah.jenis == "penyerahan" and not catatan:
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
    return mesin.kerjakan_langkah(
        subjek=p,
        oleh=pelaku(p),
        aksi=aksi or "",
        versi=p.versi,
        catatan=catatan,
        bukti={"sidik_konsep": sidik_surat(p)},
    )


def sampai_selesai(p: Permohonan, batas: int = 20) -> list[int]:
    dilalui = []
    while p.status == StatusPermohonan.DITERIMA and batas:
        dilalui.append(p.langkah_nomor)
        p = jalan(p)
        batas -= 1
    p.refresh_from_db()
    return dilalui
