"""`manage.py rapikan_impor_dtks`: fail imports whose worker died, delete what they left behind
and the uploaded exports past their retention (run daily, like `hapus_draf_pindaian`)."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from layanan.dtks.services import (
    dtks_hapus_berkas_impor,
    dtks_hapus_sisa_impor,
    dtks_tandai_impor_terhenti,
)


class Command(BaseCommand):
    help = (
        "Fail DTKS imports whose worker stopped, delete their leftover rows, and delete uploaded "
        "exports of imports that ended more than DINSOS_RETENSI_IMPOR_HARI days ago (run daily)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--hari",
            type=int,
            default=None,
            help="Keep exports this many days (default: DINSOS_RETENSI_IMPOR_HARI).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        hari = options["hari"]
        if hari is None:
            hari = settings.DINSOS_RETENSI_IMPOR_HARI
        if hari < 0:
            raise CommandError(_("--hari must be 0 or more."))
        terhenti = dtks_tandai_impor_terhenti()
        baris = dtks_hapus_sisa_impor()
        berkas = dtks_hapus_berkas_impor(sebelum=timezone.now() - dt.timedelta(days=hari))
        self.stdout.write(
            _(
                "%(t)s stopped imports marked failed; %(b)s leftover registry rows and "
                "%(f)s export files deleted."
            )
            % {"t": terhenti, "b": baris, "f": berkas}
        )
