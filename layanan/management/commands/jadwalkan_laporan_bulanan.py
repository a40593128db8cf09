"""Queue the worker's monthly reports: the first run at 01:00 WIB on the next 1st; each run
queues the next. `--sekarang` makes last month's reports now (a missed 1st)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from layanan.dasbor.jadwal import jadwalkan_berikut
from layanan.dasbor.laporan import simpan_bulan_lalu
from layanan.tasks import laporan_bulanan


class Command(BaseCommand):
    help = "Queue the monthly reports (laporan bulanan) for the 1st of each month."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--sekarang", action="store_true", help="Make last month's now.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["sekarang"]:
            for laporan in simpan_bulan_lalu():
                self.stdout.write(f"{laporan.kantor_id} {laporan.tahun}-{laporan.bulan:02d}")
        if jadwalkan_berikut(laporan_bulanan):
            self.stdout.write("queued")
        else:
            self.stdout.write("already queued")
