"""The national catalogue of model services: SOPs the national superuser publishes, each kept as
the YAML export it was published with, for any office to copy and adapt."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from layanan.models.sop import Layanan


class ModelLayanan(models.Model):
    """A model service in the catalogue. Its content is a snapshot (the service's YAML when it
    was published), so the source office's later edits change nothing until it is published
    again; `peran` names the roles the model uses, by code, as the source office calls them."""

    nama = models.CharField(_("name"), max_length=150)
    keterangan = models.TextField(
        _("description"), blank=True, help_text=_("What the service is for, for whom.")
    )
    sumber = models.OneToOneField(
        Layanan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="model_katalog",
        verbose_name=_("published from"),
    )
    asal = models.CharField(_("source office"), max_length=200, blank=True)
    kode = models.SlugField(_("code"), max_length=40)
    isi_yaml = models.TextField(_("SOP (YAML)"), editable=False)
    peran = models.JSONField(_("roles used"), default=dict, editable=False)
    jumlah_langkah = models.PositiveSmallIntegerField(_("steps"), default=0, editable=False)
    diterbitkan_pada = models.DateTimeField(_("published at"), editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("model service")
        verbose_name_plural = _("service catalogue")
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama
