"""Loads the offices' complaint handling from fixtures/pengaduan/<office>.yaml (kinds, categories,
settings; idempotent), and for the demo a few complaints at different stages so a person can try
it."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from layanan import mesin
from layanan.models import (
    JenisPengaduan,
    Kantor,
    KategoriPengaduan,
    KeputusanPengaduan,
    Pengaduan,
    PengaturanPengaduan,
    Pengguna,
    Peran,
    SaluranPengaduan,
)
from layanan.pengaduan import penanganan, services


@transaction.atomic
def muat_pengaturan(kantor: Kantor, data: dict[str, Any]) -> PengaturanPengaduan:
    """One office's complaint settings, kinds and categories, as the fixture says."""
    peran = {p.kode: p for p in Peran.objects.filter(kantor=kantor)}
    atur, _dibuat = PengaturanPengaduan.objects.update_or_create(
        kantor=kantor,
        defaults={
            "layanan": kantor.layanan.get(kode=data["layanan"]),
            "peran_penangan": peran.get(data.get("peran_penangan", "")),
            "peran_pimpinan": peran[data["peran_pimpinan"]],
            "peran_banding": peran.get(data.get("peran_banding", "")),
            "maks_perpanjangan_hari": data.get("maks_perpanjangan_hari", 10),
        },
    )
    atur.full_clean()
    atur.peran_pengawas.set([peran[k] for k in data.get("peran_pengawas", [])])
    for i, item in enumerate(data.get("jenis", [])):
        JenisPengaduan.objects.update_or_create(
            kantor=kantor, kode=item["kode"], defaults={"nama": item["nama"], "urutan": i}
        )
    urutan = 0
    for item in data.get("kategori", []):
        induk = _kategori(kantor, item, peran, None, urutan)
        urutan += 1
        for anak in item.get("anak", []):
            _kategori(kantor, anak, peran, induk, urutan)
            urutan += 1
    return atur


def _kategori(
    kantor: Kantor,
    item: dict[str, Any],
    peran: dict[str, Peran],
    induk: KategoriPengaduan | None,
    urutan: int,
) -> KategoriPengaduan:
    kategori, _dibuat = KategoriPengaduan.objects.update_or_create(
        kantor=kantor,
        kode=item["kode"],
        defaults={
            "induk": induk,
            "nama": item["nama"],
            "urutan": urutan,
            "batas_hari_kerja": item.get("batas_hari_kerja"),
            "peran": peran.get(item.get("peran", "")),
            "tentang_petugas": item.get("tentang_petugas", False),
        },
    )
    kategori.full_clean()
    return kategori


def muat_pengaduan(folder: Path) -> None:
    for path in sorted((folder / "pengaduan").glob("*.yaml")):
        kantor = Kantor.objects.get(kode=path.stem)
        muat_pengaturan(kantor, yaml.safe_load(path.read_text(encoding="utf-8")))


# Demo complaints with fixed tracking codes (README), so the status page can be tried.
CONTOH = [
    # code, office, kind, category, channel, text, name, contact, handled by (stages done)
    (
        "PGDN-2026-0001",
        "metro",
        "pengaduan",
        "waktu-layanan",
        SaluranPengaduan.WEB,
        "Surat rekomendasi KIP anak saya belum selesai padahal sudah tiga hari.",
        "",
        "",
        [],
    ),
    (
        "PGDN-2026-0002",
        "metro",
        "pengaduan",
        "dtks-belum-terdaftar",
        SaluranPengaduan.TELEPON,
        "Keluarga kami tidak mampu tetapi tidak terdaftar di DTKS sejak 2023.",
        "Sri Wahyuni",
        "0812 7000 1234",
        ["metro.petugas"],
    ),
    (
        "PGDN-2026-0003",
        "metro",
        "saran",
        "persyaratan",
        SaluranPengaduan.KOTAK_SARAN,
        "Mohon daftar persyaratan ditempel di depan loket agar warga tidak bolak-balik.",
        "",
        "",
        ["jeda:metro.petugas"],
    ),
    (
        "PGDN-2026-0004",
        "metro",
        "pengaduan",
        "bpnt-transaksi",
        SaluranPengaduan.EMAIL,
        "Saldo BPNT bulan ini tidak masuk ke kartu KKS kami.",
        "Budi Santoso",
        "budi@contoh.id",
        ["metro.petugas", "metro.kabid", "metro.petugas", "tutup:metro.kadin"],
    ),
    (
        "PGDN-2026-0005",
        "tarakan",
        "pengaduan",
        "bpnt-pin",
        SaluranPengaduan.LANGSUNG,
        "PIN kartu KKS saya terblokir setelah salah memasukkan tiga kali.",
        "Siti Aminah",
        "0811 5300 2211",
        [],
    ),
]


def muat_contoh_pengaduan() -> int:
    """The demo complaints (`manage.py muat_demo`, not the tests' seed: counting their deadlines
    fills the year's national holidays, which a fresh demo leaves to the superuser)."""
    dibuat = 0
    for kode, kantor_kode, jenis, kategori, saluran, uraian, nama, kontak, langkah in CONTOH:
        if Pengaduan.objects.filter(kode_lacak=kode).exists():
            continue
        kantor = Kantor.objects.filter(kode=kantor_kode).first()
        if kantor is None or not hasattr(kantor, "pengaturan_pengaduan"):
            continue
        p = services.pengaduan_terima(
            kantor=kantor,
            isian=services.Isian(
                jenis=kantor.jenis_pengaduan.get(kode=jenis),
                kategori=kantor.kategori_pengaduan.get(kode=kategori),
                uraian=uraian,
                saluran=saluran,
                nama_pelapor=nama,
                kontak_pelapor=kontak,
            ),
            token=uuid.uuid4(),
            # What came by phone, e-mail, the box or in person was recorded by the loket.
            oleh=None if saluran == SaluranPengaduan.WEB else _loket(kantor),
        )
        Pengaduan.objects.filter(pk=p.pk).update(kode_lacak=kode)
        for langkah_demo in langkah:
            p = _jalankan(p, langkah_demo)
        dibuat += 1
    return dibuat


def _loket(kantor: Kantor) -> Pengguna | None:
    atur = kantor.pengaturan_pengaduan
    return Pengguna.objects.filter(kantor=kantor, peran=atur.peran_penangan).first()


def _jalankan(p: Pengaduan, langkah: str) -> Pengaduan:
    aksi, _sep, username = langkah.rpartition(":")
    oleh = Pengguna.objects.get(username=username)
    p.refresh_from_db()
    if aksi == "jeda":
        return penanganan.pengaduan_minta_info(
            pengaduan=p,
            oleh=oleh,
            versi=p.versi,
            pertanyaan="Loket mana yang Anda maksud, dan kapan Anda datang?",
        )
    if aksi == "tutup":
        return penanganan.pengaduan_tutup(
            pengaduan=p,
            oleh=oleh,
            versi=p.versi,
            keputusan=KeputusanPengaduan.TERBUKTI,
            jawaban=(
                "Saldo bulan ini tertunda karena pemadanan data di bank penyalur. Saldo sudah "
                "masuk pada 12 Januari; silakan cek di E-Warong terdekat."
            ),
        )
    return mesin.kerjakan_langkah(
        subjek=p, oleh=oleh, aksi="selesai", versi=p.versi, catatan="Sudah ditindaklanjuti."
    )
