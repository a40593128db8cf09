"""DTKS/DTSEN: each office's lookup settings, its imported registry, and every check made."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from layanan.models.kantor import Kantor
from layanan.models.penyimpanan import penyimpanan_pribadi
from layanan.models.permohonan import Permohonan

# The HTTP source's timeout: the whole of one lookup, retries included. Above the maximum a
# check of a few people could not finish inside a web worker's time; see services.dtks.
HTTP_TIMEOUT_MIN, HTTP_TIMEOUT_MAKS = 0.5, 15.0
PESAN_TIMEOUT = _("The timeout must be between 0.5 and 15 seconds.")


def nama_acak_dtks(instance: models.Model, filename: str) -> str:
    return f"dtks/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class JenisAdapter(models.TextChoices):
    MANUAL = "manual", _("Manual: the operator checks SIKS-NG and records the answer")
    IMPOR = "impor", _("Imported registry: the office's own DTKS export")
    HTTP = "http", _("HTTP: a provincial or central JSON service")


class AturanKelayakan(models.TextChoices):
    TERDAFTAR = "terdaftar", _("Registered is enough")
    DESIL = "desil", _("Registered with a welfare rank (desil) up to the limit")


class SumberDtks(models.Model):
    """A remote DTKS/DTSEN service (a province's, the ministry's). Its address and token are trust
    that crosses offices, so only the national superuser sets them; the offices it is offered to
    may choose it as their source."""

    nama = models.CharField(_("name"), max_length=100, unique=True)
    url = models.URLField(_("service URL"))
    token = models.CharField(_("service token"), max_length=255, blank=True)
    timeout = models.FloatField(
        _("timeout (seconds)"),
        default=5.0,
        validators=[
            MinValueValidator(HTTP_TIMEOUT_MIN, PESAN_TIMEOUT),
            MaxValueValidator(HTTP_TIMEOUT_MAKS, PESAN_TIMEOUT),
        ],
        help_text=_("The longest one lookup may take, retries included (0.5–15 seconds)."),
    )
    kantor = models.ManyToManyField(
        Kantor,
        blank=True,
        related_name="sumber_dtks",
        verbose_name=_("offered to"),
        help_text=_("The offices that may choose this source."),
    )
    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        verbose_name = _("remote DTKS source")
        verbose_name_plural = _("remote DTKS sources")

    def __str__(self) -> str:
        return self.nama


class PengaturanDtks(models.Model):
    """How one office answers "is this person in the registry?": the office administrator's
    choice among the manual check, the office's own imported export, and a remote source the
    national administrator offers the office."""

    kantor = models.OneToOneField(
        Kantor, on_delete=models.CASCADE, related_name="pengaturan_dtks", verbose_name=_("office")
    )
    nama_registri = models.CharField(
        _("registry name"),
        max_length=30,
        default="DTKS",
        help_text=_("As the office's SOPs and letters call it: DTKS, DTSEN..."),
    )
    adapter = models.CharField(
        _("lookup source"), max_length=10, choices=JenisAdapter, default=JenisAdapter.MANUAL
    )
    aturan = models.CharField(
        _("eligibility rule"),
        max_length=10,
        choices=AturanKelayakan,
        default=AturanKelayakan.TERDAFTAR,
    )
    desil_maks = models.PositiveSmallIntegerField(
        _("highest eligible desil"), default=5, help_text=_("Used by the desil rule (1–10).")
    )
    sumber = models.ForeignKey(
        "SumberDtks",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("remote source"),
        help_text=_(
            "For the HTTP source: one of the services the national administrator offers this office."
        ),
    )
    impor_aktif = models.ForeignKey(
        "ImporDtks",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("data period answering now"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("DTKS settings")
        verbose_name_plural = _("DTKS settings")

    def __str__(self) -> str:
        return f"{self.nama_registri} · {self.kantor}"

    def clean(self) -> None:
        super().clean()
        if self.adapter != JenisAdapter.HTTP:
            return
        if self.sumber is None:
            raise ValidationError({"sumber": _("Choose the remote source this office uses.")})
        if not self.sumber.kantor.filter(pk=self.kantor_id).exists():
            raise ValidationError({"sumber": _("This source is not offered to this office.")})


class StatusImpor(models.TextChoices):
    ANTRE = "antre", _("Queued")
    BERJALAN = "berjalan", _("Importing")
    SELESAI = "selesai", _("Done: answering lookups")
    DIGANTI = "diganti", _("Replaced by a newer period")
    GAGAL = "gagal", _("Failed: the previous data stays")


class ImporDtks(models.Model):
    """One upload of an office's registry export, and what became of it."""

    kantor = models.ForeignKey(
        Kantor, on_delete=models.CASCADE, related_name="impor_dtks", verbose_name=_("office")
    )
    periode = models.CharField(_("data period"), max_length=30, help_text=_("e.g. 2026-09"))
    berkas = models.FileField(storage=penyimpanan_pribadi, upload_to=nama_acak_dtks)
    nama_berkas = models.CharField(_("file name"), max_length=255)
    status = models.CharField(
        _("status"), max_length=10, choices=StatusImpor, default=StatusImpor.ANTRE
    )
    baris_diproses = models.PositiveIntegerField(_("rows read"), default=0)
    baris_diterima = models.PositiveIntegerField(_("rows accepted"), default=0)
    baris_ditolak = models.PositiveIntegerField(_("rows rejected"), default=0)
    pesan = models.TextField(_("message"), blank=True)
    laporan_penolakan = models.FileField(
        storage=penyimpanan_pribadi, upload_to=nama_acak_dtks, blank=True
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    mulai_pada = models.DateTimeField(null=True, blank=True)
    # Written by the importer as it progresses: a running import whose last sign of life is old
    # had its worker killed, and is failed (services.dtks.dtks_tandai_impor_terhenti).
    detak_pada = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    selesai_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("DTKS import")
        verbose_name_plural = _("DTKS imports")
        ordering = ["-dibuat_pada"]

    def __str__(self) -> str:
        return f"{self.periode} ({self.get_status_display()})"


class WargaDtks(models.Model):
    """One person of an imported registry period. Written by the bulk importer only."""

    # No database-level FK: checking it costs a trigger per row, more than the COPY itself on
    # a million-row import. The importer is the only writer and holds the ImporDtks row;
    # Django still cascades deletes.
    impor = models.ForeignKey(
        ImporDtks, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    nik = models.CharField(max_length=16)
    nomor_kk = models.CharField(max_length=16, blank=True)
    id_dtks = models.CharField(max_length=40, blank=True)
    nama = models.CharField(max_length=150, blank=True)
    alamat = models.CharField(max_length=255, blank=True)
    kelurahan = models.CharField(max_length=100, blank=True)
    desil = models.PositiveSmallIntegerField(null=True, blank=True)
    program = models.CharField(max_length=255, blank=True)  # comma-separated: PKH,BPNT,PBI-JK

    class Meta:
        verbose_name = _("registry person")
        verbose_name_plural = _("registry persons")
        constraints = [
            models.UniqueConstraint(fields=["impor", "nik"], name="warga_dtks_nik_unik_per_impor"),
        ]
        indexes = [models.Index(fields=["impor", "nomor_kk"], name="warga_dtks_impor_kk")]

    def __str__(self) -> str:
        return self.nama


class StatusDtks(models.TextChoices):
    TERDAFTAR = "terdaftar", _("Registered")
    TIDAK_TERDAFTAR = "tidak_terdaftar", _("Not registered")
    TIDAK_TERSEDIA = "tidak_tersedia", _("Source unavailable")


class PemeriksaanDtks(models.Model):
    """A snapshot of one check: who asked, when, which source and period, what it said."""

    permohonan = models.ForeignKey(
        Permohonan, on_delete=models.PROTECT, related_name="pemeriksaan_dtks"
    )
    subjek = models.CharField(_("checked person"), max_length=100)  # "Pemohon", "NIK anak"
    nik = models.CharField(_("NIK"), max_length=16)
    # The checked person's own name as the application gave it at the check (the child's for
    # the child's NIK); empty when it does not say, never another person's name.
    nama = models.CharField(_("name"), max_length=150, blank=True)
    adapter = models.CharField(_("source"), max_length=10, choices=JenisAdapter)
    nama_registri = models.CharField(_("registry"), max_length=30)
    periode = models.CharField(_("data period"), max_length=30, blank=True)
    status = models.CharField(_("result"), max_length=20, choices=StatusDtks)
    memenuhi = models.BooleanField(_("eligible under the office's rule"), null=True)
    data = models.JSONField(_("what the source said"), default=dict, blank=True)
    galat = models.CharField(_("error"), max_length=255, blank=True)
    bukti = models.FileField(storage=penyimpanan_pribadi, upload_to=nama_acak_dtks, blank=True)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("DTKS check")
        verbose_name_plural = _("DTKS checks")
        ordering = ["-pada", "-id"]
        # The proposals take each person's latest answer in the office.
        indexes = [models.Index(fields=["nik", "pada"], name="pemeriksaan_dtks_nik_pada")]

    def __str__(self) -> str:
        return f"{self.subjek}: {self.get_status_display()}"
