"""Letters: per-service templates, and each letter issued (numbered and signed, then immutable)."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from layanan.models.kantor import Kantor, Pejabat
from layanan.models.penyimpanan import penyimpanan_pribadi
from layanan.models.permohonan import Permohonan
from layanan.models.sop import HasilAkhir, Layanan


def nama_surat(instance: models.Model, filename: str) -> str:
    return f"surat/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class VarianSurat(models.TextChoices):
    UMUM = "", _("Every application")
    TERDAFTAR = "terdaftar", _("Registered in DTKS")
    TIDAK_TERDAFTAR = "tidak_terdaftar", _("Not registered in DTKS")


class BentukIsi(models.TextChoices):
    """How the body is written: plain paragraphs for everyone, HTML for those who know it."""

    PARAGRAF = "paragraf", _("Paragraphs (plain text)")
    HTML = "html", _("HTML (for experts)")


class TemplatSurat(models.Model):
    """The body of a service's letter over documented variables: plain paragraphs, or (for
    experts) HTML; both are template text for the sandbox (layanan.surat.templat_aman)."""

    layanan = models.ForeignKey(
        Layanan, on_delete=models.CASCADE, related_name="templat_surat", verbose_name=_("service")
    )
    varian = models.CharField(
        _("for"), max_length=20, choices=VarianSurat, blank=True, default=VarianSurat.UMUM
    )
    hasil = models.ForeignKey(
        HasilAkhir,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("notice for outcome"),
        help_text=_(
            "Set for an ending that issues no letter (e.g. directed to the kelurahan): "
            "this template is then a printable notice, neither numbered nor signed."
        ),
    )
    judul = models.CharField(_("title"), max_length=150)
    bentuk = models.CharField(
        _("written as"), max_length=10, choices=BentukIsi, default=BentukIsi.PARAGRAF
    )
    isi = models.TextField(
        _("body"),
        help_text=_(
            "Paragraphs: a blank line between paragraphs, **bold**, and a line such as "
            "“Nama : {{ pemohon.nama }}” for a row of the data table. Variables are written "
            "{{ name }}; pick them from the list beside the editor."
        ),
    )
    tembusan = models.TextField(_("copies to"), blank=True, help_text=_("One per line."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")
        constraints = [
            models.UniqueConstraint(
                fields=["layanan", "varian"],
                condition=models.Q(hasil__isnull=True),
                name="templat_surat_unik_per_varian",
            ),
            models.UniqueConstraint(
                fields=["layanan", "hasil"],
                condition=models.Q(hasil__isnull=False),
                name="templat_pemberitahuan_unik_per_hasil",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.layanan} · {self.get_varian_display()}"


class StatusSurat(models.TextChoices):
    SAH = "sah", _("Valid")
    DICABUT = "dicabut", _("Revoked")
    DIGANTI = "diganti", _("Replaced")


class Surat(models.Model):
    """A signed letter: stored and served as signed, never rendered again."""

    permohonan = models.ForeignKey(Permohonan, on_delete=models.PROTECT, related_name="surat")
    kantor = models.ForeignKey(Kantor, on_delete=models.PROTECT, related_name="+")
    nomor = models.CharField(_("letter number"), max_length=120)
    tahun = models.PositiveSmallIntegerField()
    urutan = models.PositiveIntegerField()
    token = models.CharField(max_length=32, unique=True)  # 128 random bits, in the QR code
    status = models.CharField(
        _("status"), max_length=10, choices=StatusSurat, default=StatusSurat.SAH
    )
    berkas = models.FileField(storage=penyimpanan_pribadi, upload_to=nama_surat)
    sha256 = models.CharField(max_length=64)
    pejabat = models.ForeignKey(
        Pejabat, on_delete=models.PROTECT, related_name="+", verbose_name=_("signed by")
    )
    ditandatangani_pada = models.DateTimeField(_("signed at"))
    # The trusted authority the signature chained to when it was made (checked on the stored
    # bytes before they were kept): what the authority's page counts, and what the public page
    # names when that trust is withdrawn.
    otoritas = models.ForeignKey(
        "OtoritasSertifikat",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="surat",
        verbose_name=_("certificate authority"),
    )
    ditandatangani_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    alasan_cabut = models.TextField(_("reason revoked"), blank=True)
    diserahkan_pada = models.DateTimeField(_("handed over at"), null=True, blank=True)
    diserahkan_kepada = models.CharField(_("received by"), max_length=255, blank=True)
    pengganti = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="diganti",
        verbose_name=_("replaced by"),
    )

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        constraints = [
            models.UniqueConstraint(
                fields=["kantor", "tahun", "urutan"], name="surat_nomor_unik_per_kantor_tahun"
            ),
        ]

    def __str__(self) -> str:
        return self.nomor


class AksiSurat(models.TextChoices):
    TERBIT = "terbit", _("Signed and issued")
    CABUT = "cabut", _("Revoked")
    GANTI = "ganti", _("Replaced")
    SERAH = "serah", _("Handed over")


class RiwayatSurat(models.Model):
    """What happened to a letter after it was signed: who revoked it and why, what replaced it,
    who received it. Append-only; the letter's bytes never change."""

    surat = models.ForeignKey(Surat, on_delete=models.PROTECT, related_name="riwayat")
    aksi = models.CharField(_("action"), max_length=10, choices=AksiSurat)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pada = models.DateTimeField(_("at"))
    catatan = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("letter record")
        verbose_name_plural = _("letter records")
        ordering = ["pada", "id"]

    def __str__(self) -> str:
        return f"{self.surat} · {self.get_aksi_display()}"
