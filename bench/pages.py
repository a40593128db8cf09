"""Inbox and application pages under load of data (issue 5).

    python bench/pages.py               # 100,000 applications
    python bench/pages.py --cases 20000

Builds its own data in a fresh SQLite database (the demo offices, then applications of Blitar's
KIP service waiting at step 3 for the Pekerja Sosial), and times the pages in-process through
Django's test client: the number of queries with 1,000 and with N applications, and the p95
server time with N. Django admin's list of the same applications is the yardstick.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
ULANG = 60


def siapkan(folder: Path) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "dinsos.settings",
            "DJANGO_SECRET_KEY": "bench-only",
            "DATABASE_URL": f"sqlite:///{folder / 'pages.sqlite3'}",
            "DINSOS_MEDIA_ROOT": str(folder),
            "DJANGO_LOG_LEVEL": "WARNING",
            "DJANGO_ALLOWED_HOSTS": "testserver",
        }
    )
    sys.path.insert(0, str(AKAR))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # production static files
    call_command("muat_demo", verbosity=0)


def tambah_permohonan(sampai: int) -> None:
    """Copies of one real accepted application until there are `sampai` of them."""
    from layanan.models import Pemohon, Permohonan, RiwayatLangkah
    from layanan.models.jalan import izin_mesin

    contoh = Permohonan.objects.filter(status="diterima").order_by("pk").first()
    ada = Permohonan.objects.count()
    riwayat = list(RiwayatLangkah.objects.filter(permohonan=contoh))
    while ada < sampai:
        n = min(5000, sampai - ada)
        pemohon = Pemohon.objects.bulk_create(
            [
                Pemohon(
                    kantor=contoh.kantor,
                    nik="",
                    alasan_tanpa_nik="bench",
                    nama=f"Warga {ada + i}",
                    alamat="Jl. Bench",
                    kelurahan="Sentul",
                    kecamatan="Kepanjenkidul",
                )
                for i in range(n)
            ]
        )
        with izin_mesin():  # copies of a walk the engine made; the bench's own bulk loader
            baru = _salin(contoh, pemohon, ada)
        RiwayatLangkah.objects.bulk_create(
            [
                RiwayatLangkah(
                    permohonan=p,
                    nomor=r.nomor,
                    kegiatan=r.kegiatan,
                    peran=r.peran,
                    aksi=r.aksi,
                    oleh=r.oleh,
                    siap_pada=r.siap_pada,
                    selesai_pada=r.selesai_pada,
                    standar_menit=r.standar_menit,
                )
                for p in baru
                for r in riwayat
            ]
        )
        ada += n


def _salin(contoh, pemohon, ada):
    from layanan.models import Permohonan

    return Permohonan.objects.bulk_create(
        [
            Permohonan(
                kantor=contoh.kantor,
                layanan=contoh.layanan,
                pemohon=pm,
                status=contoh.status,
                nomor_kk=contoh.nomor_kk,
                isian=contoh.isian,
                alur=contoh.alur,
                langkah_nomor=contoh.langkah_nomor,
                peran_saat_ini=contoh.peran_saat_ini,
                langkah_siap_pada=contoh.langkah_siap_pada,
                tenggat=contoh.tenggat,
                diputuskan_pada=contoh.diputuskan_pada,
                tahun_registrasi=2026,
                urutan_registrasi=100000 + ada + i,
                nomor_registrasi=f"{100000 + ada + i}/REG/2026",
                kode_lacak="",
                token_formulir=uuid.uuid4(),
                dibuat_oleh=contoh.dibuat_oleh,
            )
            for i, pm in enumerate(pemohon)
        ]
    )


def ukur(client, url: str) -> tuple[int, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    jumlah = len(ctx.captured_queries)
    waktu = []
    for _ in range(ULANG):
        mulai = time.perf_counter()
        client.get(url)
        waktu.append((time.perf_counter() - mulai) * 1000)
    return jumlah, statistics.quantiles(waktu, n=20)[18]  # p95


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        siapkan(Path(tmp))
        from django.test import Client

        from layanan.models import Layanan, Pengguna, Permohonan
        from tests.views.test_loket import data_kip  # the loket form as staff fill it

        # force_login: Client.login authenticates without a request, which django-axes refuses.
        petugas, peksos, admin = Client(), Client(), Client()
        petugas.force_login(Pengguna.objects.get(username="blitar.petugas"))
        peksos.force_login(Pengguna.objects.get(username="blitar.peksos"))
        admin.force_login(Pengguna.objects.get(username="blitar.admin"))
        layanan = Layanan.objects.get(kantor__kode="blitar", kode="kip")
        petugas.post("/loket/baru/kip/", data_kip(layanan))
        pertama = Permohonan.objects.get()
        halaman = {
            "inbox": "/tugas/",
            "detail": f"/permohonan/{pertama.pk}/",
            "admin_changelist": "/admin/layanan/permohonan/",
        }
        klien = {"inbox": peksos, "detail": peksos, "admin_changelist": admin}
        tambah_permohonan(1000)
        seribu = {k: ukur(klien[k], url)[0] for k, url in halaman.items()}
        tambah_permohonan(args.cases)
        penuh = {k: ukur(klien[k], url) for k, url in halaman.items()}
    for nama in ("inbox", "detail"):
        print(f"{nama}.queries_1k {seribu[nama]}")
        print(f"{nama}.queries_{args.cases // 1000}k {penuh[nama][0]}")
        print(f"{nama}.p95_ms {penuh[nama][1]:.1f}")
    print(f"admin_changelist.p95_ms {penuh['admin_changelist'][1]:.1f}")
    print(f"cases {args.cases}")


if __name__ == "__main__":
    main()
