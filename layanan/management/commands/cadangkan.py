"""`manage.py cadangkan /srv/cadangan`: back up the database and every stored file, encrypted
with DINSOS_CADANGAN_KUNCI, into a new folder there (docs/cadangan.md)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from layanan.cadangan.sandi import SandiGagal, baca_kunci, kunci_baru
from layanan.cadangan.services import CadanganGagal, cadangan_buat

VARIABEL_KUNCI = "DINSOS_CADANGAN_KUNCI"


def kunci_dari_lingkungan() -> bytes:
    teks = os.environ.get(VARIABEL_KUNCI, "")
    if not teks:
        raise CommandError(
            f"Set {VARIABEL_KUNCI} to the backup key (make one with `manage.py cadangkan "
            "--kunci-baru`, and keep a copy away from the server and the backups)."
        )
    try:
        return baca_kunci(teks)
    except SandiGagal as exc:
        raise CommandError(f"{VARIABEL_KUNCI}: {exc}") from exc


class Command(BaseCommand):
    help = "Back up the database and every stored file, encrypted, into a new folder."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("tujuan", nargs="?", help="The folder that holds the backups.")
        parser.add_argument(
            "--simpan", type=int, default=None, help="Keep only this many newest backups there."
        )
        parser.add_argument(
            "--kunci-baru", action="store_true", help="Print a new random backup key and stop."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["kunci_baru"]:
            self.stdout.write(kunci_baru())
            return
        if not options["tujuan"]:
            raise CommandError("Name the folder that holds the backups.")
        if options["simpan"] is not None and options["simpan"] < 1:
            raise CommandError("--simpan must be 1 or more.")
        try:
            hasil = cadangan_buat(
                tujuan=Path(options["tujuan"]),
                kunci=kunci_dari_lingkungan(),
                simpan=options["simpan"],
            )
        except (CadanganGagal, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{hasil.folder}: {hasil.baris} rows, {hasil.berkas} files"
            + (f" ({hasil.hilang} files named by a row were missing)" if hasil.hilang else "")
        )
