"""The public satisfaction survey (Survei Kepuasan Masyarakat, PermenPANRB 14/2017): an office's
survey settings, the elements it adds to the regulation's nine, its kiosks, the answers (kept
apart from the applications they came from), and the follow-up plan per weak element.

An answer is written once and never changed: `save()` of an existing row, `update()` and
`delete()` of answers and scores raise `JawabanTetap`. Nothing links an answer to an
application: a link from a receipt leaves only `KodeIkmTerpakai`, a keyed hash with no time and
no key to the answer (docs/ikm.md)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from layanan.models.kantor import PESAN_LAIN_KANTOR, Kantor, Pejabat, Peran, kode_validator
from layanan.models.permohonan import JenisKelamin
from layanan.models.sop import Layanan

# The regulation's nine elements are u1…u9 (layanan/ikm/unsur.py); an office's own take others.
KODE_UNSUR_BAWAAN = tuple(f"u{i}" for i in range(1, 10))


class JawabanTetap(RuntimeError):
    """An answer or its scores changed after submission."""


class PengaturanIkm(models.Model):
    """How one office runs its survey."""

    kantor = models.OneToOneField(
        Kantor, on_delete=models.CASCADE, related_name="pengaturan_ikm", verbose_name=_("office")
    )
    peran_pengelola = models.ManyToManyField(
        Peran,
        blank=True,
        related_name="+",
        verbose_name=_("roles that run the survey"),
        help_text=_(
            "They enter paper forms, read the results with the suggestions and write the "
            "follow-up plan. The office administrator always may."
        ),
    )
    izinkan_sebagian = models.BooleanField(
        _("accept partly answered questionnaires"),
        default=False,
        help_text=_(
            "Off (the regulation's form): every element must be answered. On: an answer may "
            "skip elements, and each element's NRR counts only the answers to it."
        ),
    )
    penandatangan = models.ForeignKey(
        Pejabat,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signs the report"),
        help_text=_("Usually the Kepala Dinas."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("survey settings")
        verbose_name_plural = _("survey settings")

    def __str__(self) -> str:
        return str(self.kantor)

    def clean(self) -> None:
        pejabat = self.penandatangan
        if pejabat is not None and pejabat.kantor_id != self.kantor_id:
            raise ValidationError({"penandatangan": PESAN_LAIN_KANTOR})


class UnsurTambahanIkm(models.Model):
    """An element an office asks beyond the regulation's nine; its weight is 1/n like theirs."""

    kantor = models.ForeignKey(
        Kantor, on_delete=models.CASCADE, related_name="unsur_ikm", verbose_name=_("office")
    )
    kode = models.SlugField(_("code"), max_length=40, validators=[kode_validator])
    urutan = models.PositiveSmallIntegerField(_("order"), default=10)
    nama = models.CharField(_("element"), max_length=120)
    pertanyaan = models.CharField(_("question"), max_length=300)
    jawaban_1 = models.CharField(_("answer scored 1"), max_length=80)
    jawaban_2 = models.CharField(_("answer scored 2"), max_length=80)
    jawaban_3 = models.CharField(_("answer scored 3"), max_length=80)
    jawaban_4 = models.CharField(_("answer scored 4"), max_length=80)
    aktif = models.BooleanField(
        _("asked"), default=True, help_text=_("Off: no longer asked; past answers still count.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("survey element of the office")
        verbose_name_plural = _("survey elements of the office")
        ordering = ["kantor", "urutan", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["kantor", "kode"], name="unsur_ikm_kode_unik"),
            models.CheckConstraint(
                condition=~models.Q(kode__in=KODE_UNSUR_BAWAAN),
                name="unsur_ikm_bukan_kode_bawaan",
                violation_error_message=_("u1 to u9 are the regulation's nine elements."),
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def clean(self) -> None:
        if self.kode in KODE_UNSUR_BAWAAN:
            raise ValidationError({"kode": _("u1 to u9 are the regulation's nine elements.")})


class KiosIkm(models.Model):
    """A tablet at the loket where citizens answer without logging in. Only a hash of its token
    is kept: the token is shown once, when the administrator creates the kiosk."""

    kantor = models.ForeignKey(
        Kantor, on_delete=models.CASCADE, related_name="kios_ikm", verbose_name=_("office")
    )
    nama = models.CharField(_("name"), max_length=100, help_text=_("e.g. Tablet loket 1"))
    sidik = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name=_("created by"),
    )
    dibuat_pada = models.DateTimeField(_("created at"), auto_now_add=True)
    dicabut_pada = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    dicabut_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("revoked by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("survey kiosk")
        verbose_name_plural = _("survey kiosks")
        ordering = ["kantor", "nama"]

    def __str__(self) -> str:
        return self.nama

    @property
    def aktif(self) -> bool:
        return self.dicabut_pada is None


class SaluranIkm(models.TextChoices):
    TAUTAN = "tautan", _("Link on the receipt or letter")
    KIOS = "kios", _("Kiosk at the loket")
    KERTAS = "kertas", _("Paper form (entered by staff)")


class Pendidikan(models.TextChoices):
    SD = "sd", _("Primary school or less")
    SMP = "smp", _("Junior high school")
    SMA = "sma", _("Senior high school")
    DIPLOMA = "diploma", _("Diploma (D1–D3)")
    S1 = "s1", _("Bachelor (D4/S1)")
    S2 = "s2", _("Master or doctorate (S2/S3)")


class Pekerjaan(models.TextChoices):
    PNS = "pns", _("Civil servant, TNI or Polri")
    SWASTA = "swasta", _("Private employee")
    WIRAUSAHA = "wirausaha", _("Self-employed")
    PETANI = "petani", _("Farmer, fisher or labourer")
    PELAJAR = "pelajar", _("Student")
    RUMAH_TANGGA = "rumah_tangga", _("Homemaker")
    TIDAK_BEKERJA = "tidak_bekerja", _("Not working")
    LAINNYA = "lainnya", _("Other")


class _Tetap(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise JawabanTetap("survey answers are never changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise JawabanTetap("survey answers are never deleted")


class _TetapModel(models.Model):
    objects = _Tetap.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise JawabanTetap("survey answers are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise JawabanTetap("survey answers are never deleted")


class JawabanIkm(_TetapModel):
    """One questionnaire: who answered in general terms (the regulation's profile), which
    service, the day (no time: a time could be matched with a hand-over), the suggestion."""

    kantor = models.ForeignKey(
        Kantor, on_delete=models.PROTECT, related_name="+", verbose_name=_("office")
    )
    layanan = models.ForeignKey(
        Layanan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service used"),
    )
    tanggal = models.DateField(_("date"))
    saluran = models.CharField(_("channel"), max_length=10, choices=SaluranIkm)
    kios = models.ForeignKey(
        KiosIkm, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    umur = models.PositiveSmallIntegerField(
        _("age"), validators=[MinValueValidator(10), MaxValueValidator(120)]
    )
    jenis_kelamin = models.CharField(_("sex"), max_length=1, choices=JenisKelamin)
    pendidikan = models.CharField(_("education"), max_length=10, choices=Pendidikan)
    pekerjaan = models.CharField(_("occupation"), max_length=15, choices=Pekerjaan)
    saran = models.TextField(_("suggestions"), blank=True, max_length=2000)
    # A paper form: who typed it in, and when (the form's own date is `tanggal`).
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    dicatat_pada = models.DateTimeField(_("entered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        ordering = ["tanggal", "pk"]
        indexes = [models.Index(fields=["kantor", "tanggal"], name="jawaban_ikm_kantor_tanggal")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(saluran="kertas", dicatat_oleh__isnull=False)
                | (~models.Q(saluran="kertas") & models.Q(dicatat_oleh__isnull=True)),
                name="jawaban_ikm_kertas_dicatat_siapa",
            ),
            models.CheckConstraint(
                condition=models.Q(saluran="kios", kios__isnull=False)
                | (~models.Q(saluran="kios") & models.Q(kios__isnull=True)),
                name="jawaban_ikm_kios_bila_kios",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kantor_id}/{self.tanggal}/{self.pk}"


class NilaiIkm(_TetapModel):
    """One element's score (1–4) in one answer."""

    jawaban = models.ForeignKey(JawabanIkm, on_delete=models.PROTECT, related_name="nilai")
    unsur = models.CharField(_("element"), max_length=40)
    nilai = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )

    class Meta:
        verbose_name = _("survey score")
        verbose_name_plural = _("survey scores")
        constraints = [
            models.UniqueConstraint(fields=["jawaban", "unsur"], name="nilai_ikm_sekali"),
            models.CheckConstraint(
                condition=models.Q(nilai__gte=1, nilai__lte=4), name="nilai_ikm_1_sampai_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unsur}={self.nilai}"


class KodeIkmTerpakai(models.Model):
    """An application's link has been used: a keyed hash of the application (HMAC with the
    site's secret), as the primary key itself, with nothing else — no time, no sequence, no
    key to the answer — so one application answers once and no answer leads back to it."""

    sidik = models.CharField(max_length=64, primary_key=True)

    class Meta:
        verbose_name = _("used survey link")
        verbose_name_plural = _("used survey links")

    def __str__(self) -> str:
        return self.sidik[:8]


class RencanaTindakLanjut(models.Model):
    """The office's follow-up for one weak element of one period (the SKM report's last table)."""

    kantor = models.ForeignKey(
        Kantor, on_delete=models.CASCADE, related_name="+", verbose_name=_("office")
    )
    periode = models.CharField(_("period"), max_length=10)
    unsur = models.CharField(_("element"), max_length=40)
    kegiatan = models.TextField(_("programme or activity"), max_length=2000)
    waktu = models.CharField(_("when"), max_length=100)
    penanggung_jawab = models.CharField(_("responsible"), max_length=200)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("written by"),
    )
    diubah_pada = models.DateTimeField(_("written at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up plan")
        verbose_name_plural = _("follow-up plans")
        ordering = ["kantor", "periode", "unsur"]
        constraints = [
            models.UniqueConstraint(
                fields=["kantor", "periode", "unsur"], name="rtl_ikm_sekali_per_unsur"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.periode} {self.unsur}"
