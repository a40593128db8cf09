"""Loads the offices' survey settings from fixtures/ikm/<office>.yaml (who runs it, who signs,
their own elements; idempotent), and for the demo a year of answers to Metro's survey with a
kiosk, suggestions and a follow-up plan, so the results pages and the report have content."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone

from layanan.ikm import services
from layanan.ikm.hitung import ikm_periode
from layanan.ikm.selectors import layanan_kantor
from layanan.models import (
    JawabanIkm,
    Kantor,
    KiosIkm,
    Pejabat,
    PengaturanIkm,
    Pengguna,
    Peran,
    SaluranIkm,
    UnsurTambahanIkm,
)

# For demonstration only (README): the token that sets a browser up as Metro's kiosk.
TOKEN_KIOS_DEMO = "kios-demo-metro-2026"


@transaction.atomic
def muat_pengaturan(kantor: Kantor, data: dict[str, Any]) -> PengaturanIkm:
    peran = {p.kode: p for p in Peran.objects.filter(kantor=kantor)}
    penandatangan = Pejabat.objects.filter(
        kantor=kantor, peran__kode=data.get("penandatangan", ""), aktif=True
    ).first()
    atur, _dibuat = PengaturanIkm.objects.update_or_create(
        kantor=kantor,
        defaults={
            "izinkan_sebagian": data.get("izinkan_sebagian", False),
            "penandatangan": penandatangan,
        },
    )
    atur.full_clean()
    atur.peran_pengelola.set([peran[k] for k in data.get("peran_pengelola", [])])
    for item in data.get("unsur_tambahan", []):
        j1, j2, j3, j4 = item["jawaban"]
        unsur, _dibuat = UnsurTambahanIkm.objects.update_or_create(
            kantor=kantor,
            kode=item["kode"],
            defaults={
                "urutan": item.get("urutan", 10),
                "nama": item["nama"],
                "pertanyaan": item["pertanyaan"],
                "jawaban_1": j1,
                "jawaban_2": j2,
                "jawaban_3": j3,
                "jawaban_4": j4,
            },
        )
        unsur.full_clean()
    return atur


def muat_ikm(folder: Path) -> None:
    for path in sorted((folder / "ikm").glob("*.yaml")):
        kantor = Kantor.objects.filter(kode=path.stem).first()
        if kantor is not None:
            muat_pengaturan(kantor, yaml.safe_load(path.read_text(encoding="utf-8")))


SARAN = [
    "Mohon ditambah kursi di ruang tunggu, sering penuh pada hari Senin.",
    "Petugas loket ramah dan menjelaskan persyaratan dengan sabar. Terima kasih.",
    "Waktu penyelesaian surat rekomendasi mohon dipercepat, saya menunggu lima hari.",
    "Sebaiknya ada nomor WhatsApp untuk menanyakan perkembangan berkas.",
    "Daftar persyaratan mohon ditempel di depan loket dan di media sosial dinas.",
    "Kotak pengaduan tidak terlihat, mohon dipindah ke dekat pintu masuk.",
    "Toilet mohon lebih dijaga kebersihannya.",
    "Pelayanan sudah cepat dan tidak dipungut biaya. Pertahankan.",
    "Mohon disediakan tempat parkir motor yang teduh.",
    "Informasi jadwal pengambilan surat sebaiknya dikirim lewat SMS.",
]
# How each element tends to be scored at Metro (the weights of 1, 2, 3, 4): completion time
# and complaint handling are the weak ones, cost (free) the strong one.
KECENDERUNGAN = {
    "u1": (1, 6, 55, 38),
    "u2": (1, 8, 56, 35),
    "u3": (4, 22, 52, 22),
    "u4": (0, 1, 14, 85),
    "u5": (1, 6, 58, 35),
    "u6": (1, 5, 52, 42),
    "u7": (0, 3, 45, 52),
    "u8": (5, 24, 50, 21),
    "u9": (2, 14, 56, 28),
}


def muat_contoh_ikm(kode_kantor: str = "metro", jumlah: int = 160) -> int:
    """A year of answers for the demo office (once: nothing is added when it has answers)."""
    kantor = Kantor.objects.filter(kode=kode_kantor).first()
    if kantor is None or JawabanIkm.objects.filter(kantor=kantor).exists():
        return 0
    kios = _kios_demo(kantor)
    petugas = Pengguna.objects.filter(kantor=kantor, username=f"{kode_kantor}.petugas").first()
    layanan = list(layanan_kantor(kantor))
    acak = random.Random(14_2017)  # the regulation's number: the same demo every time
    hari_ini = timezone.localtime(timezone.now(), kantor.zona).date()
    for i in range(jumlah):
        tanggal = hari_ini - dt.timedelta(days=acak.randrange(0, 330))
        kertas = petugas is not None and i % 3 == 0
        nilai = {
            kode: acak.choices((1, 2, 3, 4), weights=bobot)[0]
            for kode, bobot in KECENDERUNGAN.items()
        }
        services.jawaban_simpan(
            kantor=kantor,
            isian=services.Isian(
                umur=acak.randint(19, 72),
                jenis_kelamin=acak.choice("LPP"),
                pendidikan=acak.choice(["sd", "smp", "sma", "sma", "sma", "diploma", "s1"]),
                pekerjaan=acak.choice(
                    [
                        "rumah_tangga",
                        "rumah_tangga",
                        "petani",
                        "wirausaha",
                        "swasta",
                        "tidak_bekerja",
                        "pelajar",
                        "pns",
                    ]
                ),
                nilai=nilai,
                saran=acak.choice(SARAN) if acak.random() < 0.3 else "",
                layanan=layanan[i % len(layanan)] if layanan else None,
            ),
            saluran=SaluranIkm.KERTAS if kertas else SaluranIkm.KIOS,
            tanggal=tanggal,
            kios=None if kertas else kios,
            oleh=petugas if kertas else None,
        )
    _rtl_demo(kantor, hari_ini.year)
    return jumlah


def _kios_demo(kantor: Kantor) -> KiosIkm:
    sidik = services.sidik_token(TOKEN_KIOS_DEMO)
    admin = Pengguna.objects.filter(kantor=kantor, adalah_admin_kantor=True).first()
    assert admin is not None
    kios, _dibuat = KiosIkm.objects.get_or_create(
        sidik=sidik, defaults={"kantor": kantor, "nama": "Tablet loket 1", "dibuat_oleh": admin}
    )
    return kios


def _rtl_demo(kantor: Kantor, tahun: int) -> None:
    kadin = Pengguna.objects.filter(kantor=kantor, username=f"{kantor.kode}.kadin").first()
    hasil = ikm_periode(kantor, dt.date(tahun, 1, 1), dt.date(tahun, 12, 31))
    if kadin is None or not hasil.terlemah:
        return
    for kode in hasil.terlemah:
        services.rtl_simpan(
            kantor=kantor,
            periode=str(tahun),
            unsur=kode,
            kegiatan=(
                "Memasang papan alur dan jangka waktu setiap layanan di loket; memantau berkas "
                "yang melewati tenggat setiap Senin dalam rapat bidang."
            ),
            waktu=f"Triwulan I {tahun + 1}",
            penanggung_jawab="Kepala Bidang Perlindungan dan Jaminan Sosial",
            oleh=kadin,
        )
