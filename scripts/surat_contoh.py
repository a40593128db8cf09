"""Renders one signed letter of every seed office to test-artifacts/surat-<office>.png, to look at.

Run: .venv/bin/python scripts/surat_contoh.py   (a throwaway SQLite database; nothing is kept)
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
KELUAR = AKAR / "test-artifacts"

with tempfile.TemporaryDirectory() as tmp:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "dinsos.settings",
            "DJANGO_SECRET_KEY": "x",
            "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
            "DINSOS_MEDIA_ROOT": tmp,
            "DJANGO_LOG_LEVEL": "WARNING",
        }
    )
    sys.path.insert(0, str(AKAR))
    import django

    django.setup()
    from django.core.management import call_command

    from layanan.models import Surat
    from tests.factories import KASUS, daftar, sampai_selesai

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # working time's holiday stamp lives there
    call_command("muat_demo", verbosity=0)
    KELUAR.mkdir(exist_ok=True)
    for kantor in KASUS:
        p = daftar(kantor)
        sampai_selesai(p)
        surat = Surat.objects.filter(permohonan=p).get()
        pdf = KELUAR / f"surat-{kantor}.pdf"
        pdf.write_bytes(surat.berkas.open("rb").read())
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-singlefile",
                str(pdf),
                str(KELUAR / f"surat-{kantor}"),
            ],
            check=True,
        )
        print(kantor, surat.nomor)
