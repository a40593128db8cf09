"""App configuration of layanan."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class LayananConfig(AppConfig):
    name = "layanan"
    verbose_name = _("Social affairs services")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from layanan import (
            checks,  # noqa: F401  (registers the deployment checks)
            mesin,
        )
        from layanan.dtks.kait import KaitDtks
        from layanan.masuk.sinyal import setelah_masuk
        from layanan.notifikasi.kait import KaitNotifikasi, KaitNotifikasiPengaduan
        from layanan.pengaduan.kait import KaitPengaduan
        from layanan.surat.kait import KaitSurat

        # What DTKS and letters add to the step engine's transitions (layanan.mesin.kait).
        mesin.daftarkan(KaitDtks())
        mesin.daftarkan(KaitSurat())
        # What complaints add: the conflict rule, closing with a decision, one extension.
        mesin.daftarkan(KaitPengaduan())
        # What notifications add: the applicant's messages queued with the transition.
        mesin.daftarkan(KaitNotifikasi())
        mesin.daftarkan(KaitNotifikasiPengaduan())
        user_logged_in.connect(setelah_masuk, dispatch_uid="dinsos-masuk")
        post_migrate.connect(_pemicu_rekap, sender=self, dispatch_uid="dinsos-pemicu-rekap")


def _pemicu_rekap(sender, using: str = "default", **kwargs) -> None:
    """After every migrate: the month totals' triggers are in place (layanan.dasbor.pemicu)."""
    from django.db import connections

    from layanan.dasbor import pemicu

    pemicu.pastikan(connections[using])
