"""`manage.py impor_dtks`: import an office's DTKS export (CSV/XLSX) as its new data period."""

import csv
import io
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from layanan.dtks.impor import impor_dari_berkas
from layanan.models import ImporDtks, Kantor, StatusImpor

TAMPIL_BAWAAN = 20  # rejected rows shown on the terminal; the report file has them all


class Command(BaseCommand):
    help = "Import a DTKS export for one office; the previous period answers until it is done."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kantor", required=True, help="Office code, e.g. blitar.")
        parser.add_argument("--periode", required=True, help="Data period, e.g. 2026-09.")
        parser.add_argument(
            "--laporan",
            help="Where to write every rejected row (CSV: line, reason, NIK as in the file); "
            "by default beside the file, as <name>-ditolak.csv.",
        )
        parser.add_argument(
            "--tampilkan",
            type=int,
            default=TAMPIL_BAWAAN,
            help=f"How many rejected rows to show here (default {TAMPIL_BAWAAN}).",
        )
        parser.add_argument("file", help="CSV or XLSX export.")

    def handle(self, *args: Any, **options: Any) -> None:
        kantor = Kantor.objects.filter(kode=options["kantor"]).first()
        if kantor is None:
            raise CommandError(_("Office '%(k)s' does not exist.") % {"k": options["kantor"]})
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("%(file)s cannot be read: %(e)s") % {"file": path, "e": "-"})
        laporan = Path(options["laporan"] or path.with_name(f"{path.stem}-ditolak.csv"))
        if laporan.resolve() == path.resolve():
            raise CommandError(_("The report cannot overwrite the file being imported."))
        impor = impor_dari_berkas(kantor=kantor, path=path, periode=options["periode"])
        if impor.laporan_penolakan:
            self._laporkan_penolakan(impor, laporan, max(options["tampilkan"], 0))
        if impor.status == StatusImpor.GAGAL:
            raise CommandError(impor.pesan)
        self.stdout.write(
            _("Period %(p)s imported: %(a)s rows accepted, %(t)s rejected.")
            % {"p": impor.periode, "a": impor.baris_diterima, "t": impor.baris_ditolak}
        )

    def _laporkan_penolakan(self, impor: ImporDtks, laporan: Path, tampil: int) -> None:
        """The first rejected rows here, all of them in the report file."""
        with impor.laporan_penolakan.open("rb") as f:
            isi = f.read()
        try:
            laporan.write_bytes(isi)
        except OSError as exc:
            raise CommandError(
                _("The rejected rows could not be written to %(file)s: %(e)s")
                % {"file": laporan, "e": exc.strerror or exc}
            ) from None
        baris = list(csv.reader(io.StringIO(isi.decode("utf-8"))))[1:]  # after the header
        for nomor, alasan, *_nik in baris[:tampil]:
            self.stdout.write(_("Line %(n)s: %(alasan)s") % {"n": nomor, "alasan": alasan})
        if len(baris) > tampil:
            self.stdout.write(_("...and %(n)s more.") % {"n": len(baris) - tampil})
        self.stdout.write(
            _("All %(n)s rejected rows, with line and reason: %(file)s")
            % {"n": len(baris), "file": laporan}
        )
