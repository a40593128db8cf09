"""What `bin/produksi` does before serving (docs/deploy.md): the static files, the migrations,
the shared cache's table, Django's and our deployment checks, then the worker's recurring tasks
(its heartbeat, the monthly reports, the nightly retention).
One process for all of them: each `manage.py` start costs seconds."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from dinsos.env import env_bool
from layanan.dasbor.jadwal import jadwalkan_berikut
from layanan.operasi import detak, statis


class Command(BaseCommand):
    help = "Prepare a production start: collectstatic, migrate, createcachetable, heartbeat."
    # collectstatic comes first: the URLs read its manifest when they are imported, and the
    # system checks import them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--tanpa-statis", action="store_true", help="Skip collectstatic (already collected)."
        )
        parser.add_argument(
            "--tanpa-migrasi",
            action="store_true",
            help="Skip migrate (another server of this deployment runs it).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # collectstatic runs only when the static sources differ from what was last collected
        # (layanan.operasi.statis). Also from the environment (the settings have read
        # DINSOS_ENV_FILE into it by now): DINSOS_COLLECTSTATIC=0 where the files are already
        # collected (an image), DINSOS_MIGRASI=0 on every server of a deployment but the one
        # that migrates.
        if not options["tanpa_statis"] and env_bool("DINSOS_COLLECTSTATIC", default=True):
            dikumpulkan = statis.kumpulkan_bila_berubah()
            self.stdout.write(
                "collectstatic: " + ("done" if dikumpulkan else "sources unchanged, skipped")
            )
        if not options["tanpa_migrasi"] and env_bool("DINSOS_MIGRASI", default=True):
            call_command("migrate", interactive=False, verbosity=0)
            call_command("createcachetable", verbosity=0)
            self.stdout.write("migrate: done")
            _statistik()
        # Django's checks and ours (layanan.checks), as `check --deploy`: an error stops the start.
        call_command("check", deploy=True)
        from layanan.tasks import detak_pekerja, laporan_bulanan

        antre = detak.jadwalkan(detak_pekerja, sekarang=True)
        self.stdout.write("heartbeat: " + ("queued" if antre else "already queued"))
        # The monthly reports' chain (docs/dasbor.md), so no deployment forgets to start it.
        antre = jadwalkan_berikut(laporan_bulanan)
        self.stdout.write("monthly reports: " + ("queued" if antre else "already queued"))
        # The nightly retention of personal data (docs/data-pribadi.md), likewise.
        from layanan.data_pribadi.retensi import jadwalkan_retensi

        antre = jadwalkan_retensi()
        self.stdout.write("retention: " + ("queued" if antre else "already queued"))


def _statistik() -> None:
    """SQLite keeps no planner statistics of its own (PostgreSQL's autovacuum does): without
    them it may read the dashboard's figures through the wrong index. Counted afresh at every
    start of a deployment on SQLite, after its migrations."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as c:
            c.execute("ANALYZE")
