"""`manage.py sop export|import`: share one service's SOP as a YAML file (docs/sop-yaml.md)."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from layanan.katalog.sop_yaml import SopImportError, ekspor_sop, impor_sop
from layanan.katalog.status import PESAN_DIAKTIFKAN, StatusDitolak, layanan_aktifkan
from layanan.models import Kantor, Layanan, StatusLayanan


def _kantor(kode: str) -> Kantor:
    try:
        return Kantor.objects.get(kode=kode)
    except Kantor.DoesNotExist:
        raise CommandError(_("Office '%(k)s' does not exist.") % {"k": kode}) from None


class Command(BaseCommand):
    help = "Export or import one service's SOP as YAML."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="aksi", required=True)
        ekspor = sub.add_parser("export", help="Write a service's SOP as YAML.")
        ekspor.add_argument("--kantor", required=True, help="Office code, e.g. blitar.")
        ekspor.add_argument("--layanan", required=True, help="Service code, e.g. kip.")
        ekspor.add_argument("-o", "--output", help="File to write (default: standard output).")
        impor = sub.add_parser("import", help="Create or replace a service from YAML.")
        impor.add_argument("--kantor", required=True, help="Office code, e.g. blitar.")
        impor.add_argument("--kode", help="Import under this service code instead.")
        impor.add_argument("file", help="YAML file, or - for standard input.")
        impor.add_argument(
            "--aktifkan",
            action="store_true",
            help="Activate the service once imported (a new service is imported as a draft).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kantor = _kantor(options["kantor"])
        if options["aksi"] == "export":
            self._ekspor(kantor, options["layanan"], options.get("output"))
        else:
            layanan = self._impor(kantor, options["file"], options.get("kode"))
            if options["aktifkan"] and layanan.status != StatusLayanan.AKTIF:
                self._aktifkan(layanan)

    def _ekspor(self, kantor: Kantor, kode: str, output: str | None) -> None:
        layanan = Layanan.objects.filter(kantor=kantor, kode=kode).first()
        if layanan is None:
            raise CommandError(
                _("Service '%(k)s' does not exist in %(kantor)s.") % {"k": kode, "kantor": kantor}
            )
        teks = ekspor_sop(layanan)
        if output:
            Path(output).write_text(teks, encoding="utf-8")
        else:
            self.stdout.write(teks, ending="")

    def _aktifkan(self, layanan: Layanan) -> None:
        try:
            layanan_aktifkan(layanan=layanan)
        except StatusDitolak as exc:
            raise CommandError(
                _("Imported as a draft; it cannot be activated yet:")
                + "\n"
                + "\n".join(f"  {m}" for m in exc.masalah)
            ) from None
        self.stdout.write(str(PESAN_DIAKTIFKAN))

    def _impor(self, kantor: Kantor, file: str, kode: str | None) -> Layanan:
        try:
            teks = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(
                _("%(file)s cannot be read: %(e)s") % {"file": file, "e": exc}
            ) from None
        try:
            layanan = impor_sop(teks, kantor=kantor, kode=kode)
        except SopImportError as exc:
            raise CommandError(
                _("%(file)s refused, nothing was imported:") % {"file": file}
                + "\n"
                + "\n".join(f"  {k}" for k in exc.kesalahan)
            ) from None
        self.stdout.write(
            _("Service '%(k)s' (%(nama)s) imported into %(kantor)s.")
            % {"k": layanan.kode, "nama": layanan, "kantor": kantor}
        )
        return layanan
