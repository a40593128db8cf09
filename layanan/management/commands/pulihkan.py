"""`manage.py pulihkan /srv/cadangan/cadangan-…`: restore a backup into an empty deployment
(migrated first here), with DINSOS_CADANGAN_KUNCI (docs/cadangan.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from layanan.cadangan.sandi import SandiGagal
from layanan.cadangan.services import CadanganGagal, cadangan_pulihkan
from layanan.management.commands.cadangkan import kunci_dari_lingkungan


class Command(BaseCommand):
    help = "Restore a backup folder into an empty deployment."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("sumber", help="A backup folder made by `cadangkan`.")

    def handle(self, *args: Any, **options: Any) -> None:
        kunci = kunci_dari_lingkungan()
        call_command("migrate", interactive=False, verbosity=0)
        try:
            hasil = cadangan_pulihkan(sumber=Path(options["sumber"]), kunci=kunci)
        except (CadanganGagal, SandiGagal, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{hasil.folder}: {hasil.baris} rows and {hasil.berkas} files restored")
