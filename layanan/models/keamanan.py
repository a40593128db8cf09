"""The security log: two-step login set up or reset, sessions ended, retention applied, a
person's data exported or erased. Append-only, like the access trail (layanan.akses)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from layanan.models.kantor import Kantor


class JenisCatatanKeamanan(models.TextChoices):
    DAFTAR_2FA = "daftar_2fa", _("Two-step login set up")
    RESET_2FA = "reset_2fa", _("Two-step login reset by an administrator")
    KODE_CADANGAN = "kode_cadangan", _("Recovery code used")
    SESI_BERAKHIR = "sesi_berakhir", _("All sessions ended: account disabled or roles changed")
    RETENSI = "retensi", _("Retention applied")
    EKSPOR_NIK = "ekspor_nik", _("A person's data exported")
    HAPUS_NIK = "hapus_nik", _("A person's data erased")
    CADANGAN = "cadangan", _("Backup made")
    PULIH = "pulih", _("Backup restored")


class CatatanKeamanan(models.Model):
    kantor = models.ForeignKey(
        Kantor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("office"),
        help_text=_("Empty: the whole deployment."),
    )
    jenis = models.CharField(_("event"), max_length=20, choices=JenisCatatanKeamanan)
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Empty: the background worker or a command on the server."),
    )
    sasaran = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account concerned"),
    )
    keterangan = models.CharField(_("detail"), max_length=500, blank=True)
    alamat_ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    pada = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("security log entry")
        verbose_name_plural = _("security log")
        ordering = ["-pada", "-id"]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.pada:%Y-%m-%d %H:%M}"
