"""`manage.py muat_demo`: load the five seed offices, their SOPs and demo accounts."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from layanan.demo import muat_demo
from layanan.ikm.demo import muat_contoh_ikm
from layanan.pengaduan.demo import muat_contoh_pengaduan


class Command(BaseCommand):
    help = "Load (or refresh) the seed offices, their SOPs and the demo accounts."

    def handle(self, *args: Any, **options: Any) -> None:
        kantor = muat_demo()
        muat_contoh_pengaduan()
        muat_contoh_ikm()
        self.stdout.write(
            _("Demo data loaded: %(n)s offices (%(daftar)s).")
            % {"n": len(kantor), "daftar": ", ".join(k.kode for k in kantor)}
        )
