"""The head of office's dashboard and the monthly report under a year of data (issue 14), on
SQLite and PostgreSQL.

    python bench/dashboard.py                    # 100,000 applications, 20,000 complaints
    python bench/dashboard.py --cases 20000 --db sqlite

Builds its own data in a fresh database (the demo's five offices, then in Metro, one of them:
applications of its KIP service spread over January–November 2026 with the step records the
engine would have written, each with its working minutes, and complaints), once in SQLite and
once in a throwaway PostgreSQL 15 (bin/pg-sementara). Times the dashboard of the year for
Metro's Kadin in-process through Django's test client: the number of queries with 10,000 and
with N applications, the p95 server time with N; and the monthly PDF of the busiest month.
Prints `dashboard.queries_10k`, `dashboard.queries_100k`, `dashboard.p95_ms`,
`laporan_bulanan.seconds` (PostgreSQL's with a `pg_` prefix).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.pages import AKAR, PYTHON, _analisa, jalankan, siapkan, ukur

URL = "/dasbor/?dari=2026-01-01&sampai=2026-12-31"
ULANG = 30


def _waktu(acak: random.Random, zona) -> dt.datetime:
    hari = dt.date(2026, 1, 1) + dt.timedelta(days=acak.randrange(334))  # January–November
    jam = dt.time(8 + acak.randrange(8), acak.randrange(60))
    return dt.datetime.combine(hari, jam, zona)


def tambah_permohonan(sampai: int, acak: random.Random) -> None:
    """Applications of Metro's KIP in every state, with their step records, until `sampai`."""
    from layanan.loket import wilayah
    from layanan.models import Layanan, Pemohon, Pengguna, Permohonan, RiwayatLangkah
    from layanan.models.jalan import izin_mesin

    layanan = Layanan.objects.get(kantor__kode="metro", kode="kip")
    kantor = layanan.kantor
    langkah = [(x.nomor, x.kegiatan, x.menit) for x in layanan.langkah.order_by("nomor")]
    hasil = {h.jenis: h for h in layanan.hasil.all()}
    oleh = Pengguna.objects.get(username="metro.petugas")
    kelurahan = [
        k.kode for kec in wilayah.anak(kantor.kode_wilayah) for k in wilayah.anak(kec.kode)
    ]
    contoh = {"alur": {"langkah": [{"nomor": n, "kegiatan": k} for n, k, _m in langkah]}}
    ada = Permohonan.objects.filter(kantor=kantor).count()
    # The bench's own loader sets the registration time it draws (auto_now_add would stamp now).
    Permohonan._meta.get_field("dibuat_pada").auto_now_add = False
    while ada < sampai:
        n = min(5000, sampai - ada)
        pemohon = Pemohon.objects.bulk_create(
            [
                Pemohon(
                    kantor=kantor,
                    nik=f"18720{ada + i:011d}",
                    nama=f"Warga {ada + i}",
                    alamat="Jl. Bench",
                    kode_kelurahan=acak.choice([*kelurahan, ""]),
                    kelurahan="Bench",
                    kecamatan="Bench",
                )
                for i in range(n)
            ]
        )
        baru, riwayat = [], []
        for i, pm in enumerate(pemohon):
            p, r = _satu(acak, kantor, layanan, pm, oleh, langkah, hasil, contoh, ada + i)
            baru.append(p)
            riwayat.append(r)
        with izin_mesin():  # walks as the engine would leave them; the bench's bulk loader
            Permohonan.objects.bulk_create(baru, batch_size=1000)
        RiwayatLangkah.objects.bulk_create(
            [x for p, rs in zip(baru, riwayat, strict=True) for x in _isi(p, rs)], batch_size=2000
        )
        ada += n
    Permohonan._meta.get_field("dibuat_pada").auto_now_add = True
    _analisa()


def _satu(acak, kantor, layanan, pemohon, oleh, langkah, hasil, contoh, i):
    from layanan.models import Permohonan, RiwayatLangkah

    dibuat = _waktu(acak, kantor.zona)
    r = acak.random()
    status = (
        "tidak_diterima"
        if r < 0.1
        else "dibatalkan"
        if r < 0.15
        else "diterima"
        if r < 0.3
        else "selesai"
    )
    sampai = (
        len(langkah)
        if status == "selesai"
        else 2
        if status == "tidak_diterima"
        else acak.randrange(2, len(langkah) + 1)
    )
    waktu, rekaman = dibuat, []
    for nomor, kegiatan, menit in langkah[:sampai]:
        pakai = 0 if nomor <= 2 else int(acak.expovariate(1 / max(menit or 60, 1)))
        selesai = waktu + dt.timedelta(minutes=pakai * 3)  # a working minute is ~3 wall minutes
        rekaman.append(
            RiwayatLangkah(
                nomor=nomor,
                kegiatan=kegiatan,
                peran="Petugas",
                aksi="di_loket" if nomor <= 2 else "selesai",
                oleh=oleh,
                siap_pada=waktu,
                selesai_pada=selesai,
                standar_menit=menit,
                menit_kerja=pakai,
            )
        )
        waktu = selesai
    tenggat = dibuat + dt.timedelta(days=2)
    p = Permohonan(
        kantor=kantor,
        layanan=layanan,
        pemohon=pemohon,
        dibuat_pada=dibuat,
        tahun_registrasi=2026,
        urutan_registrasi=500000 + i,
        nomor_registrasi=f"{500000 + i}/REG/2026",
        token_formulir=uuid.uuid4(),
        dibuat_oleh=oleh,
        status=status,
        hasil=hasil.get("selesai")
        if status == "selesai"
        else hasil.get("tidak_lengkap")
        if status == "tidak_diterima"
        else None,
        alur=contoh["alur"] if status != "tidak_diterima" else {},
        tenggat=tenggat if status != "tidak_diterima" else None,
        selesai_pada=waktu if status != "diterima" else None,
        langkah_nomor=sampai if status == "diterima" else None,
    )
    return p, rekaman


def _isi(p, rekaman):
    for r in rekaman:
        r.permohonan, r.kantor_id, r.layanan_id = p, p.kantor_id, p.layanan_id
        yield r


def tambah_pengaduan(sampai: int, acak: random.Random) -> None:
    """Copies of one of Metro's demo complaints, received over the year, some settled."""
    from layanan.models import Pengaduan
    from layanan.models.jalan import KOLOM_JALAN, izin_mesin

    contoh = (
        Pengaduan.objects.filter(kantor__kode="metro", status="diterima").order_by("pk").first()
    )
    ada = Pengaduan.objects.filter(kantor=contoh.kantor).count()
    Pengaduan._meta.get_field("dibuat_pada").auto_now_add = False
    while ada < sampai:
        n = min(5000, sampai - ada)
        baru = []
        for i in range(n):
            jalan = {k: getattr(contoh, k) for k in KOLOM_JALAN}
            selesai = acak.random() < 0.7
            if selesai:
                jalan.update(status="selesai", langkah_nomor=None, peran_saat_ini_id=None)
            else:
                jalan.update(langkah_nomor=acak.choice([1, 2, 3]))
            baru.append(
                Pengaduan(
                    kantor=contoh.kantor,
                    layanan=contoh.layanan,
                    jenis=contoh.jenis,
                    kategori=contoh.kategori,
                    saluran=contoh.saluran,
                    uraian=f"Pengaduan bench {ada + i}",
                    tahun=2026,
                    urutan=500000 + ada + i,
                    nomor=f"{500000 + ada + i}/ADU/2026",
                    token_formulir=uuid.uuid4(),
                    dibuat_pada=_waktu(acak, contoh.kantor.zona),
                    tepat_waktu=(acak.random() < 0.8) if selesai else None,
                    **jalan,
                )
            )
        with izin_mesin():  # the bench's bulk loader
            Pengaduan.objects.bulk_create(baru, batch_size=1000)
        ada += n
    Pengaduan._meta.get_field("dibuat_pada").auto_now_add = True
    _analisa()


def pekerja(args: argparse.Namespace) -> None:
    siapkan(Path(args.folder))
    from django.test import Client

    from layanan.models import Pengguna

    acak = random.Random(14)
    kadin = Client()
    kadin.force_login(Pengguna.objects.get(username="metro.kadin"))
    tambah_permohonan(10_000, acak)
    tambah_pengaduan(2_000, acak)
    sepuluh = ukur(kadin, URL, ulang=0)[0]
    tambah_permohonan(args.cases, acak)
    tambah_pengaduan(args.complaints, acak)
    jumlah, p95 = ukur(kadin, URL, ulang=ULANG)
    kadin.get("/dasbor/laporan-bulanan.pdf?bulan=2026-06")  # warm: fonts, templates
    mulai = time.perf_counter()
    r = kadin.get("/dasbor/laporan-bulanan.pdf?bulan=2026-06")
    detik = time.perf_counter() - mulai
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    (Path(args.folder) / "laporan.pdf").write_bytes(r.content)
    print("HASIL " + json.dumps({"sepuluh": sepuluh, "penuh": jumlah, "p95": p95, "pdf": detik}))


def cetak(hasil: dict, awalan: str, cases: int) -> None:
    print(f"dashboard.{awalan}queries_10k {hasil['sepuluh']}")
    print(f"dashboard.{awalan}queries_{cases // 1000}k {hasil['penuh']}")
    print(f"dashboard.{awalan}p95_ms {hasil['p95']:.1f}")
    print(f"laporan_bulanan.{awalan}seconds {hasil['pdf']:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--complaints", type=int, default=20_000)
    parser.add_argument("--db", choices=("both", "sqlite", "postgresql"), default="both")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        pekerja(args)
        return
    with tempfile.TemporaryDirectory(prefix="bench-dasbor-") as tmp:
        perintah = [PYTHON, __file__, "--worker", "--cases", str(args.cases)]
        perintah += ["--complaints", str(args.complaints), "--folder", tmp]
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        if args.db in ("both", "sqlite"):
            sqlite = {**env, "DATABASE_URL": f"sqlite:///{Path(tmp) / 'dasbor.sqlite3'}"}
            cetak(jalankan(perintah, sqlite), "", args.cases)
        if args.db in ("both", "postgresql"):
            cetak(jalankan([str(AKAR / "bin" / "pg-sementara"), *perintah], env), "pg_", args.cases)
    print(f"cases {args.cases}")
    print(f"complaints {args.complaints}")


if __name__ == "__main__":
    main()
