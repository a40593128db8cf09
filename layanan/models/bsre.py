"""An office's choice to sign its letters with BSrE's signing service, and where that service is."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from layanan.models.kantor import Kantor

# Only variables made for it: an office administrator naming DJANGO_SECRET_KEY or DATABASE_URL
# would otherwise send the server's own secrets to the signing service as a password.
AWALAN_ENV = "DINSOS_BSRE_"
nama_env_validator = RegexValidator(
    r"^DINSOS_BSRE_[A-Z0-9_]{1,60}$",
    _("The name of an environment variable starting with DINSOS_BSRE_, e.g. DINSOS_BSRE_SANDI."),
)
PESAN_ALAMAT_TAK_DIIZINKAN = _(
    "This address is not one the server's operator allows for BSrE (DINSOS_BSRE_ALAMAT)."
)


class VersiBsre(models.TextChoices):
    V1 = "v1", _("v1 (multipart)")
    V2 = "v2", _("v2 (JSON)")


def alamat_diizinkan(alamat: str) -> bool:
    """The base URLs the deployment's operator allows; an office may pick only one of them, so
    it cannot make the server call an internal address."""
    return alamat.rstrip("/") in {a.rstrip("/") for a in settings.DINSOS_BSRE_ALAMAT if a}


class PengaturanBsre(models.Model):
    """An office's BSrE signing: on or off, the API version, one of the allowed addresses, the
    names of the environment variables holding its credentials (never the secrets), timeout."""

    kantor = models.OneToOneField(
        Kantor, on_delete=models.CASCADE, related_name="pengaturan_bsre", verbose_name=_("office")
    )
    aktif = models.BooleanField(
        _("sign letters with BSrE"),
        default=False,
        help_text=_("Off: letters are signed with each official's uploaded certificate."),
    )
    versi = models.CharField(_("API version"), max_length=2, choices=VersiBsre, default="v1")
    alamat = models.URLField(
        _("service address"),
        help_text=_("One of the addresses the server's operator allows (DINSOS_BSRE_ALAMAT)."),
    )
    env_pengguna = models.CharField(
        _("environment variable of the user name"),
        max_length=72,
        validators=[nama_env_validator],
        default="DINSOS_BSRE_PENGGUNA",
    )
    env_sandi = models.CharField(
        _("environment variable of the password"),
        max_length=72,
        validators=[nama_env_validator],
        default="DINSOS_BSRE_SANDI",
    )
    batas_waktu = models.PositiveSmallIntegerField(
        _("timeout (seconds)"),
        default=30,
        validators=[MinValueValidator(2), MaxValueValidator(120)],
        help_text=_("The longest one call to the service may take (2–120 seconds)."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("BSrE settings")
        verbose_name_plural = _("BSrE settings")

    def __str__(self) -> str:
        return f"BSrE · {self.kantor}"

    def clean(self) -> None:
        super().clean()
        if self.alamat and not alamat_diizinkan(self.alamat):
            raise ValidationError({"alamat": PESAN_ALAMAT_TAK_DIIZINKAN})
