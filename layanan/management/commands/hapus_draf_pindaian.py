"""`manage.py hapus_draf_pindaian`: delete scans of intake forms, and attachments of complaint
forms, that were never submitted."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from layanan.loket.services import pindaian_hapus_draf_lama
from layanan.pengaduan.services import lampiran_hapus_draf_lama


class Command(BaseCommand):
    help = "Delete scans uploaded to intake forms that were never submitted (run daily)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--jam", type=int, default=24, help="Older than this many hours.")

    def handle(self, *args: Any, **options: Any) -> None:
        sebelum = timezone.now() - dt.timedelta(hours=options["jam"])
        jumlah = pindaian_hapus_draf_lama(sebelum=sebelum)
        self.stdout.write(_("%(n)s unsubmitted scans deleted.") % {"n": jumlah})
        jumlah = lampiran_hapus_draf_lama(sebelum=sebelum)
        self.stdout.write(_("%(n)s attachments of unsent complaints deleted.") % {"n": jumlah})
