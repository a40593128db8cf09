"""Queue the worker's messages to staff: the daily digest (06:00 WIB) and the about-to-be-late
check (every 15 minutes); each run queues the next. `--sekarang` writes both now as well
(nothing twice: a digest per person and day, a warning per step)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from layanan.notifikasi.staf import peringatan_terlambat, ringkasan_harian
from layanan.notifikasi.tugas import jadwalkan_semua, kirim_notifikasi


class Command(BaseCommand):
    help = "Queue staff's notifications: the daily inbox digest and the about-to-be-late check."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--sekarang", action="store_true", help="Write them now too.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["sekarang"]:
            self.stdout.write(f"digests {ringkasan_harian()}")
            self.stdout.write(f"warnings {peringatan_terlambat()}")
            kirim_notifikasi.enqueue()
        queued = jadwalkan_semua()
        self.stdout.write("queued " + ", ".join(queued) if queued else "already queued")
