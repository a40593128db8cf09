"""`manage.py impor_dtks`: import an office's DTKS export (CSV/XLSX) as its new data period."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from layanan.dtks.impor import impor_dari_berkas
from layanan.models import Kantor, StatusImpor


class Command(BaseCommand):
    help = "Import a DTKS export for one office; the previous period answers until it is done."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kantor", required=True, help="Office code, e.g. blitar.")
        parser.add_argument("--periode", required=True, help="Data period, e.g. 2026-09.")
        parser.add_argument("file", help="CSV or XLSX export.")

    def handle(self, *args: Any, **options: Any) -> None:
        kantor = Kantor.objects.filter(kode=options["kantor"]).first()
        if kantor is None:
            raise CommandError(_("Office '%(k)s' does not exist.") % {"k": options["kantor"]})
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("%(file)s cannot be read: %(e)s") % {"file": path, "e": "-"})
        impor = impor_dari_berkas(kantor=kantor, path=path, periode=options["periode"])
        if impor.status == StatusImpor.GAGAL:
            raise CommandError(impor.pesan)
        self.stdout.write(
            _("Period %(p)s imported: %(a)s rows accepted, %(t)s rejected.")
            % {"p": impor.periode, "a": impor.baris_diterima, "t": impor.baris_ditolak}
        )
