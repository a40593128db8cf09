"""An SOP's step table: each step's actor, kind, time standard, branches and initials."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from layanan.models.kantor import PESAN_LAIN_KANTOR, Peran
from layanan.models.sop import MENIT_PER_HARI_KERJA, HasilAkhir, Layanan


class JenisLangkah(models.TextChoices):
    AKSI = "aksi", _("Action")
    KEPUTUSAN = "keputusan", _("YES/NO decision")
    PARAF = "paraf", _("Initial (paraf)")
    TANDA_TANGAN = "tanda_tangan", _("Signature")
    PENYERAHAN = "penyerahan", _("Hand-over")


class FungsiLangkah(models.TextChoices):
    UMUM = "", _("—")
    KELENGKAPAN = "kelengkapan", _("Intake and completeness check")
    CEK_DTKS = "cek_dtks", _("DTKS check")
    KONSEP_SURAT = "konsep_surat", _("Letter drafting")


class SatuanWaktu(models.TextChoices):
    MENIT = "menit", _("minutes")
    JAM = "jam", _("hours")
    HARI_KERJA = "hari_kerja", _("working days")


MENIT_PER_SATUAN = {
    SatuanWaktu.MENIT: 1,
    SatuanWaktu.JAM: 60,
    SatuanWaktu.HARI_KERJA: MENIT_PER_HARI_KERJA,
}

# Kinds of step whose TIDAK branch may send the application back to an earlier step.
JENIS_BERCABANG = {JenisLangkah.KEPUTUSAN, JenisLangkah.PARAF, JenisLangkah.TANDA_TANGAN}


class Langkah(models.Model):
    """One row of the SOP's step table.

    Where the step leads is held by number, not by foreign key, so an administrator can type a
    branch before the target step is saved and an exported SOP reads like the document.
    `lanjut_*` is where the step goes when done (for a decision: YA); empty means the next step
    by number. `tidak_*` is the TIDAK branch of a decision, or a send-back at a paraf/signature.
    """

    layanan = models.ForeignKey(
        Layanan, on_delete=models.CASCADE, related_name="langkah", verbose_name=_("service")
    )
    nomor = models.PositiveSmallIntegerField(
        _("number"), help_text=_("As in the SOP; numbers may skip (Bima has no step 3).")
    )
    kegiatan = models.TextField(_("activity"))
    peran = models.ForeignKey(
        Peran, on_delete=models.PROTECT, related_name="langkah", verbose_name=_("actor")
    )
    jenis = models.CharField(
        _("kind"), max_length=15, choices=JenisLangkah, default=JenisLangkah.AKSI
    )
    fungsi = models.CharField(
        _("function"), max_length=15, choices=FungsiLangkah, default=FungsiLangkah.UMUM, blank=True
    )
    kelengkapan = models.TextField(_("input / requirements"), blank=True)
    waktu_nilai = models.PositiveSmallIntegerField(_("time standard"), null=True, blank=True)
    waktu_satuan = models.CharField(_("time unit"), max_length=10, choices=SatuanWaktu, blank=True)
    output = models.TextField(_("output"), blank=True)
    keterangan = models.TextField(_("remarks"), blank=True)
    lanjut_nomor = models.PositiveSmallIntegerField(
        _("then (YES) to step"),
        null=True,
        blank=True,
        help_text=_("Empty: the next step by number."),
    )
    lanjut_hasil = models.ForeignKey(
        HasilAkhir,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("then (YES) ends with"),
    )
    tidak_nomor = models.PositiveSmallIntegerField(
        _("NO to step"),
        null=True,
        blank=True,
        help_text=_("A later step, or an earlier one to send a draft back for correction."),
    )
    tidak_hasil = models.ForeignKey(
        HasilAkhir,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("NO ends with"),
    )
    paraf_oleh: models.ManyToManyField = models.ManyToManyField(
        Peran,
        through="ParafLangkah",
        blank=True,
        related_name="+",
        verbose_name=_("initialled first by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["layanan", "nomor"]
        constraints = [
            models.UniqueConstraint(
                fields=["layanan", "nomor"], name="langkah_nomor_unik_per_layanan"
            ),
            models.CheckConstraint(
                condition=models.Q(lanjut_nomor__isnull=True) | models.Q(lanjut_hasil__isnull=True),
                name="langkah_lanjut_satu_tujuan",
                violation_error_message=_(
                    "Where the step leads when done: give a step number or an outcome, not both."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(tidak_nomor__isnull=True) | models.Q(tidak_hasil__isnull=True),
                name="langkah_tidak_satu_tujuan",
                violation_error_message=_(
                    "Where NO leads: give a step number or an outcome, not both."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(waktu_nilai__isnull=True, waktu_satuan="")
                    | (models.Q(waktu_nilai__isnull=False) & ~models.Q(waktu_satuan=""))
                ),
                name="langkah_waktu_bernilai_dan_bersatuan",
                violation_error_message=_("A time standard needs both a number and a unit."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nomor}. {self.kegiatan[:60]}"

    def clean(self) -> None:
        if self.peran_id and self.layanan_id and self.peran.kantor_id != self.layanan.kantor_id:
            raise ValidationError({"peran": PESAN_LAIN_KANTOR})

    @property
    def menit(self) -> int | None:
        if self.waktu_nilai is None or not self.waktu_satuan:
            return None
        return self.waktu_nilai * MENIT_PER_SATUAN[SatuanWaktu(self.waktu_satuan)]

    @property
    def waktu_teks(self) -> str:
        if self.waktu_nilai is None:
            return ""
        return f"{self.waktu_nilai} {SatuanWaktu(self.waktu_satuan).label}"


class ParafLangkah(models.Model):
    """A role that initials, in order, before the step's actor signs ("paraf s.d. tanda tangan")."""

    langkah = models.ForeignKey(
        Langkah, on_delete=models.CASCADE, related_name="paraf", verbose_name=_("step")
    )
    peran = models.ForeignKey(
        Peran, on_delete=models.PROTECT, related_name="+", verbose_name=_("role")
    )
    urutan = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("initial before signing")
        verbose_name_plural = _("initials before signing")
        ordering = ["langkah", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["langkah", "peran"], name="paraf_peran_unik_per_langkah"
            ),
        ]

    def __str__(self) -> str:
        return str(self.peran)
