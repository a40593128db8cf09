"""Letters benchmark (issue 6): the product's whole letter path against the libraries' floor.

    python bench/letters.py            # 500 letters
    python bench/letters.py --letters 100
    bin/pg-sementara .venv/bin/python bench/letters.py --letters 100   # on PostgreSQL

In a fresh SQLite database with the demo data, one Solok application waits at its signature step.
Each iteration runs the product's path (context from the database, template, WeasyPrint render,
number, pyHanko PAdES signature, store) through the same function the signing view uses; the
floor is WeasyPrint rendering the same HTML (the very HTML the product renders for that letter,
made once by `html_surat`) plus pyHanko signing the result, alone, measured in the same run.
Memory is the process's RSS growth over the letters.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-letters-") as tmp:
        os.environ.update(
            {
                "DJANGO_SETTINGS_MODULE": "dinsos.settings",
                "DJANGO_SECRET_KEY": "bench-only",
                # bin/pg-sementara sets DATABASE_URL: the same run on a throwaway PostgreSQL.
                "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{tmp}/letters.sqlite3"),
                "DINSOS_MEDIA_ROOT": tmp,
                "DJANGO_LOG_LEVEL": "WARNING",
                "DJANGO_ALLOWED_HOSTS": "testserver",
            }
        )
        sys.path.insert(0, str(AKAR))
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import transaction
        from weasyprint import HTML

        from layanan.demo import FRASA_TTD_DEMO
        from layanan.models import Pejabat, Pengguna
        from layanan.pdf import SKEMA, VARIAN_PDF, PengambilTerbatas, font_config
        from layanan.surat.konsep import html_surat
        from layanan.surat.services import penanda_bawaan, terbitkan
        from tests.factories import daftar, jalan

        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)  # working time's holiday stamp
        call_command("collectstatic", interactive=False, verbosity=0)  # the reader's page
        call_command("muat_demo", verbosity=0)
        p = daftar("solok")
        while p.langkah_nomor != 4:
            p = jalan(p)
        oleh = Pengguna.objects.get(username="solok.kadin")
        pejabat = Pejabat.objects.get(pengguna=oleh)
        penanda = penanda_bawaan()

        def produk() -> float:
            mulai = time.perf_counter()
            with transaction.atomic():
                terbitkan(
                    p,
                    oleh=oleh,
                    pejabat=pejabat,
                    frasa_sandi=FRASA_TTD_DEMO,
                    url_verifikasi="https://dinsos.example/v/{token}/",
                    penanda=penanda,
                )
            return (time.perf_counter() - mulai) * 1000

        # The floor's input: the very HTML the product renders for this letter (its layout,
        # initials table, QR and signature block), made once by the same function.
        html = html_surat(
            p,
            nomor="460/1/Dinsos-2026",
            tanggal=dt.date(2026, 11, 22),
            url_verifikasi="https://dinsos.example/v/" + "0" * 32 + "/",
            pejabat=pejabat,
        )

        def lantai() -> tuple[float, float]:
            mulai = time.perf_counter()
            pdf = HTML(string=html, base_url=SKEMA, url_fetcher=PengambilTerbatas()).write_pdf(
                font_config=font_config(), pdf_variant=VARIAN_PDF
            )
            tengah = time.perf_counter()
            penanda.tandatangani(pdf, pejabat=pejabat, frasa_sandi=FRASA_TTD_DEMO)
            return (tengah - mulai) * 1000, (time.perf_counter() - tengah) * 1000

        for _ in range(5):  # warm both paths (imports, fonts, caches)
            produk()
            lantai()
        rss_awal = _rss_mb()
        waktu_produk, waktu_lantai, render, sign = [], [], [], []
        for i in range(args.letters):
            waktu_produk.append(produk())
            if i % 5 == 0:  # the floor, interleaved so both see the same machine
                r, s = lantai()
                render.append(r)
                sign.append(s)
                waktu_lantai.append(r + s)
        pertumbuhan = _rss_mb() - rss_awal
        satu, kumpulan = _batch40(oleh)
        pembaca = _pembaca(oleh)
    letter, floor = statistics.median(waktu_produk), statistics.median(waktu_lantai)
    print(f"letter.p50_ms {letter:.1f}")
    print(f"floor.p50_ms {floor:.1f}")
    print(f"letter.ratio {letter / floor:.2f}")
    print(f"render.p50_ms {statistics.median(render):.1f}")
    print(f"sign.p50_ms {statistics.median(sign):.1f}")
    print(f"letter.rss_growth_mb_{args.letters} {pertumbuhan:.1f}")
    print(f"single40.seconds {satu:.2f}")
    print(f"batch40.seconds {kumpulan:.2f}")
    print(f"batch40.ratio {kumpulan / satu:.2f}")
    print(f"reader.next_p95_ms {pembaca:.1f}")


def _pembaca(oleh: object) -> float:
    """The batch reader moving from one draft to the next (20 drafts, as the Kadin reads them):
    the page with the data, each DTKS result and the draft's fingerprint; p95 in ms."""
    from django.test import Client
    from django.urls import reverse

    from tests.factories import daftar, jalan

    for _ in range(20):
        p = daftar("solok")
        while p.langkah_nomor != 4:
            p = jalan(p)
    klien = Client()
    klien.force_login(oleh)
    klien.post(reverse("layanan:batch-mulai"), {"semua": "1"})
    waktu = []
    for i in range(20):
        mulai = time.perf_counter()
        assert klien.get(reverse("layanan:batch-baca", args=[i])).status_code == 200
        waktu.append((time.perf_counter() - mulai) * 1000)
    return statistics.quantiles(waktu, n=20)[18]


def _batch40(oleh: object) -> tuple[float, float]:
    """Forty letters signed one at a time (a fresh signer each, as the single view does) against
    forty signed as one batch with the passphrase typed once, in the same run, rendering the very HTML the product renders for that letter (`html_surat`).

    A batch of forty is above DINSOS_BATCH_DALAM_PERMINTAAN (10), so the batch is timed on the
    path it really takes: the request's part (passphrase checked, drafts recorded, passphrase
    handed over, task queued) and then the worker's (`manage.py db_worker --batch`, in this
    process: picking the batch up, the signer opened once, each letter in its own transaction
    with its result written for the progress page)."""
    from django.conf import settings
    from django.core.management import call_command

    from layanan.demo import FRASA_TTD_DEMO
    from layanan.surat.batch import ButirBatch
    from layanan.surat.batch_latar import batch_antrekan
    from layanan.surat.konsep import sidik_surat
    from layanan.surat.services import surat_tandatangani
    from tests.factories import daftar, jalan

    def siap() -> list:
        daftar_p = []
        for _ in range(40):
            p = daftar("solok")
            while p.langkah_nomor != 4:
                p = jalan(p)
            daftar_p.append(p)
        return daftar_p

    url = "https://dinsos.example/v/{token}/"
    satu_satu = siap()
    mulai = time.perf_counter()
    for p in satu_satu:
        surat_tandatangani(
            permohonan=p,
            oleh=oleh,
            frasa_sandi=FRASA_TTD_DEMO,
            url_verifikasi=url,
            versi=p.versi,
            sidik_konsep=sidik_surat(p),
        )
    satu = time.perf_counter() - mulai
    assert len(satu_satu) > settings.DINSOS_BATCH_DALAM_PERMINTAAN  # the worker's path
    butir = [ButirBatch(p, p.versi, sidik_surat(p)) for p in siap()]
    mulai = time.perf_counter()
    batch = batch_antrekan(
        butir=butir, oleh=oleh, frasa_sandi=FRASA_TTD_DEMO, perlu_frasa=True, url_verifikasi=url
    )
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    kumpulan = time.perf_counter() - mulai
    batch.refresh_from_db()
    assert (batch.status, batch.berhasil) == ("selesai", 40), (batch.status, batch.pesan)
    return satu, kumpulan


if __name__ == "__main__":
    main()
