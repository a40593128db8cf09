"""Monthly reports (laporan bulanan pelayanan) the worker made on the 1st, kept as made."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from layanan.models.kantor import Kantor
from layanan.models.penyimpanan import penyimpanan_pribadi


def nama_laporan(instance: LaporanBulanan, filename: str) -> str:
    return f"laporan/{instance.kantor_id}/{instance.tahun}-{instance.bulan:02d}.pdf"


class LaporanBulanan(models.Model):
    """One office's report of one month as it stood on the 1st of the next: the figures an office
    sent are the figures it can show again, whatever changed in the data since."""

    kantor = models.ForeignKey(
        Kantor, on_delete=models.PROTECT, related_name="+", verbose_name=_("office")
    )
    tahun = models.PositiveSmallIntegerField(_("year"))
    bulan = models.PositiveSmallIntegerField(_("month"))
    berkas = models.FileField(storage=penyimpanan_pribadi, upload_to=nama_laporan)
    sha256 = models.CharField(max_length=64)
    dibuat_pada = models.DateTimeField(_("made at"), auto_now_add=True)

    class Meta:
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        ordering = ["-tahun", "-bulan"]
        constraints = [
            models.UniqueConstraint(
                fields=["kantor", "tahun", "bulan"], name="laporan_bulanan_unik"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kantor_id} {self.tahun}-{self.bulan:02d}"
