"""Loads the seed offices and their SOPs from fixtures/ (the demo data; idempotent)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import transaction

from layanan.dtks.impor import impor_dari_berkas
from layanan.ikm.demo import muat_ikm
from layanan.katalog.salin import model_terbitkan
from layanan.katalog.sop_yaml import impor_sop
from layanan.katalog.status import layanan_aktifkan
from layanan.models import (
    JenisAdapter,
    Kantor,
    Layanan,
    OtoritasSertifikat,
    Pejabat,
    PengaturanDtks,
    Pengguna,
    Peran,
    StatusLayanan,
)
from layanan.pengaduan.demo import muat_pengaduan

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
# For demonstration only; the README says so. Real offices create their own accounts.
KATA_SANDI_DEMO = "demo-dinsos-2026"
SUPERUSER_DEMO = "superadmin"
PERIODE_DEMO = "demo"
FRASA_TTD_DEMO = "ttd-demo-2026"  # the demo officials' signing passphrase (README; demo only)

KOLOM_KANTOR = [
    "jenis_daerah",
    "nama_daerah",
    "nama_pemda",
    "nama_dinas",
    "alamat",
    "kode_pos",
    "telepon",
    "faks",
    "email",
    "situs",
    "kode_wilayah",
    "zona_waktu",
]
KOLOM_KERTAS = {"ukuran_kertas": "A4", "kertas_berkop": False, "margin_atas_berkop_mm": 50}


def _akun(username: str, nama: str, kantor: Kantor | None, **extra: Any) -> Pengguna:
    depan, _sep, belakang = nama.partition(" ")
    pengguna, _created = Pengguna.objects.update_or_create(
        username=username,
        defaults={"first_name": depan, "last_name": belakang, "kantor": kantor, **extra},
    )
    pengguna.set_password(KATA_SANDI_DEMO)
    pengguna.save(update_fields=["password"])
    return pengguna


@transaction.atomic
def muat_kantor(data: dict[str, Any]) -> Kantor:
    """Create or update one office with its roles, officials and demo accounts."""
    kantor, _created = Kantor.objects.update_or_create(
        kode=data["kode"],
        defaults={
            **{k: data.get(k, "") for k in KOLOM_KANTOR},
            **{k: data.get(k, v) for k, v in KOLOM_KERTAS.items()},
        },
    )
    kantor.full_clean()
    peran = {}
    for item in data.get("peran", []):
        peran[item["kode"]], _c = Peran.objects.update_or_create(
            kantor=kantor,
            kode=item["kode"],
            defaults={
                "nama": item["nama"],
                "urutan": item.get("urutan", 0),
                "adalah_pemohon": item.get("adalah_pemohon", False),
            },
        )
    akun = {}
    for item in data.get("akun_demo", []):
        pengguna = _akun(
            item["username"],
            item["nama"],
            kantor,
            adalah_admin_kantor=item.get("admin_kantor", False),
        )
        pengguna.peran.set([peran[k] for k in item.get("peran", [])])
        akun[pengguna.username] = pengguna
    for item in data.get("pejabat", []):
        pejabat, _c = Pejabat.objects.update_or_create(
            kantor=kantor,
            nama=item["nama"],
            defaults={
                "jabatan": item["jabatan"],
                "pangkat": item.get("pangkat", ""),
                "golongan": item.get("golongan", ""),
                "nip": item.get("nip", ""),
                "kedudukan": item.get("kedudukan", ""),
                "atas_nama": item.get("atas_nama", ""),
                "untuk_beliau": item.get("untuk_beliau", ""),
                "peran": peran.get(item.get("peran", "")),
                "pengguna": akun.get(item.get("akun", "")),
            },
        )
        pejabat.full_clean()
    return kantor


def muat_demo(folder: Path = FIXTURES) -> list[Kantor]:
    """Every seed office, then every seed SOP with its letters (named <office>-<service>.yaml),
    activated through the check an administrator's service passes and published as a model."""
    daftar = []
    for path in sorted((folder / "kantor").glob("*.yaml")):
        daftar.append(muat_kantor(yaml.safe_load(path.read_text(encoding="utf-8"))))
    seed = []
    for path in sorted((folder / "sop").glob("*.yaml")):
        kode_kantor = path.stem.split("-", 1)[0]
        teks = path.read_text(encoding="utf-8")
        seed.append(impor_sop(teks, kantor=Kantor.objects.get(kode=kode_kantor)))
    for layanan in seed:
        if layanan.status == StatusLayanan.DRAF:
            layanan_aktifkan(layanan=layanan)  # the seeds pass the check an administrator's must
    muat_pengaduan(folder)  # after the SOPs: the settings name the complaint SOP
    muat_ikm(folder)
    # The seed services (not the complaint-handling SOPs) are the catalogue's first models.
    for layanan in Layanan.objects.filter(pk__in=[s.pk for s in seed]).filter(
        pengaturan_pengaduan__isnull=True
    ):
        model_terbitkan(layanan=layanan)
    for kantor in daftar:
        _muat_registri_demo(kantor, folder / "dtks" / f"{kantor.kode}.csv")
    _sertifikat_demo()
    _akun(SUPERUSER_DEMO, "Admin Pusat", None, is_superuser=True, is_staff=True)
    return daftar


def _muat_registri_demo(kantor: Kantor, path: Path) -> None:
    """The office answers from its synthetic registry (fixtures/dtks), imported once."""
    pengaturan, _dibuat = PengaturanDtks.objects.get_or_create(kantor=kantor)
    if not path.exists():
        return
    if pengaturan.impor_aktif is None or pengaturan.impor_aktif.periode != PERIODE_DEMO:
        impor_dari_berkas(kantor=kantor, path=path, periode=PERIODE_DEMO)
    PengaturanDtks.objects.filter(pk=pengaturan.pk).update(adapter=JenisAdapter.IMPOR)


def _sertifikat_demo() -> None:
    """Officials without a certificate get one from a fresh demo CA, which becomes trusted."""
    from django.core.files.base import ContentFile

    from layanan.demo.sertifikat import buat_ca, buat_p12
    from layanan.surat.tanda_tangan.otoritas import otoritas_tambah
    from layanan.surat.tanda_tangan.sertifikat import periksa_p12

    tanpa = list(Pejabat.objects.filter(sertifikat="").select_related("kantor"))
    if not tanpa:
        return
    nomor = OtoritasSertifikat.objects.count() + 1
    ca = buat_ca(f"CA Demo Layanan Dinsos {nomor} (bukan untuk produksi)")
    otoritas_tambah(nama=f"CA Demo Layanan Dinsos {nomor}", sertifikat=ca[1], oleh=None)
    for pejabat in tanpa:
        p12 = buat_p12(pejabat=pejabat, ca=ca, frasa_sandi=FRASA_TTD_DEMO)
        info = periksa_p12(p12, FRASA_TTD_DEMO)  # what the admin form checks at upload
        pejabat.sertifikat_subjek = info.subjek
        pejabat.sertifikat_berlaku_sampai = info.berlaku_sampai
        pejabat.sertifikat_sidik = info.sidik
        pejabat.sertifikat_pem = info.rantai_pem
        pejabat.sertifikat_otoritas = info.otoritas
        pejabat.sertifikat.save(f"{pejabat.pk}.p12", ContentFile(p12), save=True)
