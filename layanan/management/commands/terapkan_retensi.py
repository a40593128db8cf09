"""`manage.py terapkan_retensi`: apply the retention of personal data now; `--jadwalkan` queues
the background worker's nightly run instead (docs/data-pribadi.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from layanan.data_pribadi.retensi import jadwalkan_retensi, terapkan_retensi


class Command(BaseCommand):
    help = "Delete scans, DTKS exports and access log rows past their retention (logged)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--jadwalkan", action="store_true", help="Queue the worker's nightly run (01:30 WIB)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["jadwalkan"]:
            self.stdout.write("queued" if jadwalkan_retensi() else "already queued")
            return
        hasil = terapkan_retensi()
        self.stdout.write(
            f"{hasil.pindaian} scans, {hasil.pindaian_daring} scans of unfinished online "
            f"applications, {hasil.lampiran_pengaduan} complaint attachments, "
            f"{hasil.ekspor_dtks} DTKS exports, "
            f"{hasil.log_akses} access log rows deleted"
        )
