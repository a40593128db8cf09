"""DTKS registry benchmark: import and lookup on SQLite and PostgreSQL (issue 4).

    python bench/dtks.py            # 1,000,000 rows
    python bench/dtks.py --rows 100000

Generates its own CSV export, imports it through the product's importer (the same code the
admin's background task runs) in a fresh database, then looks up 10,000 random NIKs through the
imported-registry adapter. PostgreSQL is a throwaway server started as bin/test starts one; its
own COPY of the same file is measured as the floor. Prints one `name value` line per figure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def buat_csv(path: Path, baris: int) -> list[str]:
    """A registry export with valid NIKs (Kota Blitar's kecamatan); returns a sample of NIKs."""
    rng = random.Random(14)
    kecamatan = ["357201", "357202", "357203"]
    contoh: list[str] = []
    dipakai: set[str] = set()
    with path.open("w", encoding="utf-8") as f:
        f.write("NIK,NO_KK,ID_DTKS,NAMA,ALAMAT,KELURAHAN,DESIL,PROGRAM\n")
        i = 0
        while i < baris:
            hari = rng.randint(1, 28) + (40 if rng.random() < 0.5 else 0)
            nik = (
                f"{rng.choice(kecamatan)}{hari:02d}{rng.randint(1, 12):02d}"
                f"{rng.randint(40, 99):02d}{rng.randint(1, 9999):04d}"
            )
            if nik in dipakai:
                continue
            dipakai.add(nik)
            kk = f"{nik[:6]}{rng.randint(10, 28):02d}{rng.randint(1, 12):02d}1{rng.randint(0, 99999):05d}"
            f.write(
                f"{nik},{kk},DTKS-{i:08d},Warga {i},Jl. Contoh {i % 300} RT 001,"
                f"Sentul,{rng.randint(1, 10)},PKH\n"
            )
            if len(contoh) < 10_000 and rng.random() < 0.02 + 10_000 / baris:
                contoh.append(nik)
            i += 1
    return contoh


def pekerja(args: argparse.Namespace) -> None:
    """Runs inside a fresh database (DATABASE_URL): migrate, import, look up, report JSON."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dinsos.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")
    sys.path.insert(0, str(AKAR))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from layanan.dtks.impor import impor_dari_berkas
    from layanan.dtks.registri import AdapterRegistri
    from layanan.models import Kantor, PengaturanDtks

    call_command("migrate", verbosity=0)
    if connection.vendor == "postgresql":
        args.lantai_sebelum = _lantai(Path(args.file), "sebelum")
    else:
        args.lantai_sebelum = None
    kantor = Kantor.objects.create(
        kode="bench",
        jenis_daerah="kota",
        nama_daerah="Bench",
        nama_pemda="PEMERINTAH KOTA BENCH",
        nama_dinas="DINAS SOSIAL",
        kode_wilayah="35.72",
    )
    path = Path(args.file)
    mulai = time.perf_counter()
    impor = impor_dari_berkas(kantor=kantor, path=path, periode="bench")
    detik_impor = time.perf_counter() - mulai
    assert impor.status == "selesai", impor.pesan
    rss_impor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    adapter = AdapterRegistri(PengaturanDtks.objects.get(kantor=kantor).impor_aktif)
    contoh = json.loads(Path(args.contoh).read_text())
    rng = random.Random(7)
    waktu = []
    for _ in range(10_000):
        nik = rng.choice(contoh)
        t = time.perf_counter()
        hasil = adapter.cari_nik(nik)
        waktu.append(time.perf_counter() - t)
        assert hasil.terdaftar
    waktu.sort()
    hasil_json = {
        "import_seconds": round(detik_impor, 2),
        "import_peak_rss_mb": round(rss_impor, 1),
        "lookup_p50_ms": round(waktu[len(waktu) // 2] * 1000, 3),
        "lookup_p99_ms": round(waktu[int(len(waktu) * 0.99)] * 1000, 3),
        "rows_accepted": impor.baris_diterima,
    }
    if connection.vendor == "postgresql":
        # Measured after the import and compared with the one before it (see below): the
        # smaller is the floor, so WAL or checkpoint noise can only make our ratio look worse.
        hasil_json["copy_seconds"] = min(args.lantai_sebelum or 1e9, _lantai(path, "sesudah"))
    print("HASIL " + json.dumps(hasil_json))


def _lantai(path: Path, nama: str) -> float:
    """PostgreSQL's own COPY of the file into a table of the same columns and indexes."""
    from django.db import connection

    with connection.cursor() as c:
        c.execute(
            f"CREATE TABLE lantai_{nama} (nik varchar(16), nomor_kk varchar(16), "
            "id_dtks varchar(40), nama varchar(150), alamat varchar(255), "
            "kelurahan varchar(100), desil smallint, program varchar(255))"
        )
        c.execute(f"CREATE UNIQUE INDEX lantai_{nama}_nik ON lantai_{nama} (nik)")
        c.execute(f"CREATE INDEX lantai_{nama}_kk ON lantai_{nama} (nomor_kk)")
        mulai = time.perf_counter()
        with (
            path.open("rb") as f,
            c.cursor.copy(f"COPY lantai_{nama} FROM STDIN (FORMAT csv, HEADER true)") as copy,
        ):
            while blok := f.read(1 << 20):
                copy.write(blok)
        detik = time.perf_counter() - mulai
        c.execute(f"DROP TABLE lantai_{nama}")
    return round(detik, 2)


def jalankan(perintah: list[str], env: dict[str, str]) -> dict:
    keluar = subprocess.run(perintah, env=env, capture_output=True, text=True, cwd=AKAR)
    for baris in keluar.stdout.splitlines():
        if baris.startswith("HASIL "):
            return json.loads(baris[6:])
    sys.stderr.write(keluar.stdout + keluar.stderr)
    raise SystemExit("the benchmark worker failed")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--contoh", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        pekerja(args)
        return
    with tempfile.TemporaryDirectory(prefix="bench-dtks-") as tmp:
        folder = Path(tmp)
        csv_path = folder / "dtks.csv"
        contoh_path = folder / "contoh.json"
        contoh_path.write_text(json.dumps(buat_csv(csv_path, args.rows)))
        env = {
            **os.environ,
            "DINSOS_MEDIA_ROOT": str(folder / "media"),
            "DJANGO_SETTINGS_MODULE": "dinsos.settings",
            "DJANGO_SECRET_KEY": "bench-only",
            "DJANGO_LOG_LEVEL": "WARNING",
        }
        perintah = [
            PYTHON,
            __file__,
            "--worker",
            "--file",
            str(csv_path),
            "--contoh",
            str(contoh_path),
        ]
        sqlite = jalankan(perintah, {**env, "DATABASE_URL": f"sqlite:///{folder / 'b.sqlite3'}"})
        pg = jalankan([str(AKAR / "bin" / "pg-sementara"), *perintah], env)
    for nama, hasil in (("sqlite", sqlite), ("postgresql", pg)):
        for kunci in ("import_seconds", "import_peak_rss_mb", "lookup_p50_ms", "lookup_p99_ms"):
            print(f"{nama}.{kunci} {hasil[kunci]}")
    print(f"postgresql.copy_seconds {pg['copy_seconds']}")
    print(f"postgresql.import_vs_copy {round(pg['import_seconds'] / pg['copy_seconds'], 2)}")
    print(f"rows {args.rows}")


if __name__ == "__main__":
    main()
