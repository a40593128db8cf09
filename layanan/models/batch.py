"""A batch of initials or signatures too large for one request: run by the background worker,
followed on its progress page (layanan.surat.batch_latar)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from layanan.models.kantor import Kantor
from layanan.models.permohonan import Permohonan


class StatusBatch(models.TextChoices):
    ANTRE = "antre", _("Queued")
    BERJALAN = "berjalan", _("Running")
    SELESAI = "selesai", _("Done")
    GAGAL = "gagal", _("Failed")


class BatchTugas(models.Model):
    """Who asked, in which office, and how far the worker got. The passphrase's ciphertext waits
    here only until the worker picks the batch up (its key is in the cache, never here)."""

    kantor = models.ForeignKey(
        Kantor, on_delete=models.CASCADE, related_name="+", verbose_name=_("office")
    )
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=StatusBatch, default=StatusBatch.ANTRE
    )
    jumlah = models.PositiveIntegerField(_("drafts"))
    berhasil = models.PositiveIntegerField(_("succeeded"), default=0)
    gagal = models.PositiveIntegerField(_("failed"), default=0)
    # Fernet ciphertext of the passphrase; blanked by the worker before the first letter.
    frasa_tersandi = models.TextField(blank=True)
    url_verifikasi = models.CharField(max_length=500)  # the QR code's target, with `{token}`
    pesan = models.TextField(_("message"), blank=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    mulai_pada = models.DateTimeField(null=True, blank=True)
    # Written after every draft: a running batch silent for long had its worker killed.
    detak_pada = models.DateTimeField(null=True, blank=True)
    selesai_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("batch of initials and signatures")
        verbose_name_plural = _("batches of initials and signatures")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(frasa_tersandi="") | models.Q(status="antre"),
                name="batch_tugas_frasa_hanya_selagi_antre",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} ({self.get_status_display()})"


class ButirBatchTugas(models.Model):
    """One draft of a batch as its reader saw it (step token and draft fingerprint), and what
    became of it: empty `berhasil` while it waits."""

    batch = models.ForeignKey(BatchTugas, on_delete=models.CASCADE, related_name="butir")
    urutan = models.PositiveIntegerField()
    permohonan = models.ForeignKey(Permohonan, on_delete=models.PROTECT, related_name="+")
    versi = models.PositiveIntegerField()
    sidik = models.CharField(max_length=64)
    berhasil = models.BooleanField(null=True)
    pesan = models.TextField(blank=True)
    selesai_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["batch", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "urutan"], name="butir_batch_urutan_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.batch_id}/{self.urutan}"
