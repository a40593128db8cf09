"""`manage.py lengkapi_otoritas`: fill in, from the letters' own signatures, the certificate
authority of letters signed before it was recorded and the public chain of officials' certificates
uploaded before it was kept."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from layanan.surat.tanda_tangan.lengkapi import lengkapi_dari_surat


class Command(BaseCommand):
    help = "Record the certificate authority of earlier letters and officials' certificate chains."

    def handle(self, *args: Any, **options: Any) -> None:
        hasil = lengkapi_dari_surat()
        self.stdout.write(
            _("%(s)s letters and %(p)s officials completed; %(g)s letters could not be read.")
            % {"s": hasil.surat, "p": hasil.pejabat, "g": hasil.tidak_terbaca}
        )
