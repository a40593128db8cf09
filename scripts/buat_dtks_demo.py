"""Writes fixtures/dtks/<office>.csv: a synthetic DTKS export per seed office (demo only).

Deterministic (seeded), so the fixtures only change when this script does. Every NIK is valid
for the office's own kecamatan; a few named demo persons are placed on purpose (README lists
them): some registered, some not, so every branch of every SOP can be shown.
Run: .venv/bin/python scripts/buat_dtks_demo.py
"""

import csv
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dinsos.settings_test")
import django

django.setup()

from layanan.loket import wilayah  # noqa: E402
from layanan.loket.validators import urai_nik  # noqa: E402

KELUAR = Path(__file__).resolve().parents[1] / "fixtures" / "dtks"
DEPAN_L = ["Agus", "Budi", "Joko", "Ahmad", "Hendra", "Rudi", "Slamet", "Wahyu", "Yusuf", "Bambang"]
DEPAN_P = ["Siti", "Sri", "Dewi", "Nur", "Rina", "Wati", "Yuni", "Lestari", "Rahma", "Ani"]
BELAKANG = [
    "Santoso",
    "Wijaya",
    "Saputra",
    "Hidayat",
    "Lestari",
    "Rahayu",
    "Pratama",
    "Kurniawan",
    "Setiawan",
    "Handayani",
]
PROGRAM = ["PKH", "BPNT", "PBI-JK", "PIP"]
KANTOR = {
    "blitar": "35.72",
    "bima": "52.72",
    "metro": "18.72",
    "solok": "13.02",
    "tarakan": "65.71",
}
# (NIK, KK, name, desil, programmes): placed in the export; the README names them.
TERDAFTAR = {
    "blitar": [
        ("3572010501890001", "3572011203180004", "Budi Santoso", 2, "PKH,BPNT"),
        ("3572011203150002", "3572011203180004", "Rina Santoso", 2, "PIP"),
    ],
    "bima": [("5272014406850002", "5272010101170007", "Nurhayati", 3, "PKH")],
    "metro": [
        ("1872014505100003", "1872011507190002", "Sari Wulandari", 4, "PIP"),
        ("1872011003780001", "1872011507190002", "Sutrisno", 4, "BPNT"),
    ],
    "solok": [("1302031709800001", "1302031001160003", "Yusrizal", 1, "PKH,BPNT")],
    "tarakan": [("6571014708750003", "6571012003150001", "Hasnah", 2, "BPNT")],
}


def nik_acak(rng: random.Random, kecamatan: list[str]) -> tuple[str, bool]:
    perempuan = rng.random() < 0.5
    hari = rng.randint(1, 28) + (40 if perempuan else 0)
    nik = (
        rng.choice(kecamatan)
        + f"{hari:02d}{rng.randint(1, 12):02d}{rng.randint(50, 99):02d}"
        + f"{rng.randint(1, 999):04d}"
    )
    urai_nik(nik)
    return nik, perempuan


def tulis(kode: str, kode_kab: str) -> None:
    rng = random.Random(f"dtks-demo-{kode}")
    kecamatan = [k.kode_polos for k in wilayah.anak(kode_kab)]
    kelurahan = [kel.nama for kec in wilayah.anak(kode_kab) for kel in wilayah.anak(kec.kode)]
    baris = [
        (nik, kk, nama, rng.choice(kelurahan), desil, program)
        for nik, kk, nama, desil, program in TERDAFTAR[kode]
    ]
    dipakai = {b[0] for b in baris}
    while len(baris) < 60:
        nik, perempuan = nik_acak(rng, kecamatan)
        if nik in dipakai:
            continue
        dipakai.add(nik)
        nama = f"{rng.choice(DEPAN_P if perempuan else DEPAN_L)} {rng.choice(BELAKANG)}"
        kk = (
            nik[:6]
            + f"{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{rng.randint(10, 25):02d}"
            + f"{rng.randint(1, 999):04d}"
        )
        program = ",".join(sorted(rng.sample(PROGRAM, rng.randint(0, 2))))
        baris.append((nik, kk, nama, rng.choice(kelurahan), rng.randint(1, 10), program))
    KELUAR.mkdir(exist_ok=True)
    with (KELUAR / f"{kode}.csv").open("w", newline="", encoding="utf-8") as f:
        penulis = csv.writer(f)
        penulis.writerow(
            ["NIK", "NO_KK", "ID_DTKS", "NAMA", "ALAMAT", "KELURAHAN", "DESIL", "PROGRAM"]
        )
        for i, (nik, kk, nama, kel, desil, program) in enumerate(baris, start=1):
            alamat = f"Jl. Contoh No. {rng.randint(1, 120)} RT {rng.randint(1, 9):03d}"
            penulis.writerow(
                [nik, kk, f"{kode.upper()}-DEMO-{i:05d}", nama, alamat, kel, desil, program]
            )


if __name__ == "__main__":
    for kode, kab in KANTOR.items():
        tulis(kode, kab)
    print("written:", ", ".join(sorted(p.name for p in KELUAR.glob("*.csv"))))
