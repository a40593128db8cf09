"""The working calendar: national holidays and cuti bersama, confirmed per year by an admin."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from layanan.models.kantor import Kantor

JAM_MULAI = dt.time(8, 0)
JAM_SELESAI = dt.time(16, 0)  # 8 working hours: the SOPs' "8 jam (1 hari kerja)"


class JenisLibur(models.TextChoices):
    NASIONAL = "nasional", _("National holiday")
    CUTI_BERSAMA = "cuti_bersama", _("Collective leave (cuti bersama)")
    DAERAH = "daerah", _("Regional holiday")


class HariLibur(models.Model):
    """A day no working time is counted. No office: for every office; an office: its own."""

    tanggal = models.DateField(_("date"))
    nama = models.CharField(_("name"), max_length=150)
    jenis = models.CharField(_("kind"), max_length=15, choices=JenisLibur)
    kantor = models.ForeignKey(
        Kantor,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="hari_libur",
        verbose_name=_("office"),
        help_text=_("Empty: a national day for every office."),
    )
    dikonfirmasi = models.BooleanField(
        _("confirmed"),
        default=False,
        help_text=_("Filled from the holidays package; an administrator confirms or corrects."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["tanggal"]
        constraints = [
            models.UniqueConstraint(fields=["tanggal", "kantor"], name="libur_unik_per_kantor"),
            models.UniqueConstraint(
                fields=["tanggal"],
                condition=models.Q(kantor__isnull=True),
                name="libur_nasional_unik",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tanggal:%d-%m-%Y} {self.nama}"
