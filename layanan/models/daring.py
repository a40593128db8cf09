"""Applications sent from home (layanan.daring): what the citizen typed and uploaded, the contact
they confirmed with a one-time code, and where the loket's check stands. The application itself
(Permohonan) is registered only by the loket's completeness decision, the same step as at the
counter; until then the citizen's data touches no applicant record of the office."""

from __future__ import annotations

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from layanan.models.kantor import Kantor
from layanan.models.permohonan import Permohonan
from layanan.models.sop import Layanan


class StatusDaring(models.TextChoices):
    KODE = "kode", _("Waiting for the contact's code")
    MENUNGGU = "menunggu", _("Waiting for the loket's check")
    DIKEMBALIKAN = "dikembalikan", _("Returned: documents incomplete")
    DITERIMA = "diterima", _("Accepted by the loket")
    # Returned and not completed within the retention period: closed by the nightly retention.
    KEDALUWARSA = "kedaluwarsa", _("Closed: not completed in time")


# An online application still open: one per NIK and service at a time.
STATUS_TERBUKA = (StatusDaring.MENUNGGU, StatusDaring.DIKEMBALIKAN)


class PengaturanDaring(models.Model):
    """An office's rules for applications from home."""

    kantor = models.OneToOneField(
        Kantor, on_delete=models.CASCADE, related_name="pengaturan_daring", verbose_name=_("office")
    )
    hari_periksa = models.PositiveSmallIntegerField(
        _("time to check an online application (working days)"),
        default=1,
        help_text=_("The loket's check of the documents sent: shown in its queue as a deadline."),
    )
    bawa_asli = models.BooleanField(
        _("originals shown at hand-over"),
        default=False,
        help_text=_("The citizen brings the original documents when collecting the letter."),
    )

    janji_temu = models.BooleanField(
        _("appointments for a visit"),
        default=False,
        help_text=_("An accepted online application may book a visit to the loket."),
    )
    jam_janji = models.CharField(
        _("appointment times"),
        max_length=200,
        blank=True,
        default="08:00, 10:00, 13:00",
        validators=[RegexValidator(r"^\s*(\d{2}:\d{2}\s*(,\s*|$))*$", _("Times as 08:00, 10:00."))],
        help_text=_("Start times of the slots each working day, e.g. 08:00, 10:00, 13:00."),
    )
    kuota_janji = models.PositiveSmallIntegerField(
        _("visits per slot"), default=5, validators=[MinValueValidator(1)]
    )
    loket_janji = models.CharField(
        _("lokets taking appointments"),
        max_length=200,
        blank=True,
        help_text=_(
            "Names of the lokets that receive booked visits, e.g. Loket 1, Loket 2: each has "
            "its own slots. Empty: one loket."
        ),
    )

    class Meta:
        verbose_name = _("online applications setting")
        verbose_name_plural = _("online applications settings")

    def __str__(self) -> str:
        return str(self.kantor)


class PermohonanDaring(models.Model):
    """One application from home, from the form to the loket's decision."""

    kantor = models.ForeignKey(Kantor, on_delete=models.PROTECT, related_name="+")
    layanan = models.ForeignKey(Layanan, on_delete=models.PROTECT, related_name="daring")
    # The scans' key (Pindaian.token_formulir): kept in the citizen's session, never in a URL.
    token = models.UUIDField(unique=True, editable=False)
    kode_lacak = models.CharField(_("tracking code"), max_length=14, unique=True)
    status = models.CharField(
        _("status"), max_length=15, choices=StatusDaring, default=StatusDaring.KODE
    )
    nik = models.CharField(_("NIK"), max_length=16)
    isian = models.JSONField(_("what was typed"), default=dict)
    peringatan = models.JSONField(default=list, blank=True)
    telepon = models.CharField(_("WhatsApp/SMS number"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    kode_hash = models.CharField(max_length=128, blank=True, editable=False)
    kode_berlaku_sampai = models.DateTimeField(null=True, blank=True)
    kode_percobaan = models.PositiveSmallIntegerField(default=0)
    kontak_dikonfirmasi_pada = models.DateTimeField(null=True, blank=True)
    setuju_pada = models.DateTimeField(_("consented at"))
    # First sent (the figures' "sending to acceptance"), and last sent (the check's clock).
    pertama_dikirim_pada = models.DateTimeField(_("first sent at"), null=True, blank=True)
    dikirim_pada = models.DateTimeField(_("sent for checking at"), null=True, blank=True)
    tenggat_periksa = models.DateTimeField(_("check deadline"), null=True, blank=True)
    diperiksa_pada = models.DateTimeField(_("checked at"), null=True, blank=True)
    kurang = models.JSONField(_("missing documents"), default=list, blank=True)
    catatan_periksa = models.TextField(_("loket's note"), blank=True)
    kali_dikembalikan = models.PositiveSmallIntegerField(default=0)
    permohonan = models.OneToOneField(
        Permohonan, on_delete=models.PROTECT, null=True, blank=True, related_name="asal_daring"
    )
    asli_dilihat_pada = models.DateTimeField(_("originals seen at"), null=True, blank=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("online application")
        verbose_name_plural = _("online applications")
        ordering = ["-dibuat_pada"]
        indexes = [
            # The loket's queue: an office's applications waiting, nearest deadline first.
            models.Index(
                fields=["kantor", "status", "tenggat_periksa", "id"], name="daring_antrean"
            ),
            models.Index(fields=["layanan", "nik", "status"], name="daring_nik_terbuka"),
        ]
        constraints = [
            # One open online application per NIK and service, held by the database so that
            # two codes confirmed at the same moment cannot both open one.
            models.UniqueConstraint(
                fields=["layanan", "nik"],
                condition=models.Q(status__in=STATUS_TERBUKA),
                name="daring_satu_terbuka",
            ),
        ]

    def __str__(self) -> str:
        return self.kode_lacak


class JanjiTemu(models.Model):
    """A visit booked by an online application: one per application, limited per slot."""

    kantor = models.ForeignKey(Kantor, on_delete=models.PROTECT, related_name="+")
    daring = models.OneToOneField(
        PermohonanDaring, on_delete=models.CASCADE, related_name="janji_temu"
    )
    tanggal = models.DateField(_("date"))
    jam = models.TimeField(_("time"))
    # One of the office's lokets (PengaturanDaring.loket_janji); empty where it has one.
    loket = models.CharField(_("loket"), max_length=40, blank=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        indexes = [models.Index(fields=["kantor", "tanggal", "jam"], name="janji_slot")]

    def __str__(self) -> str:
        return f"{self.tanggal} {self.jam:%H:%M}"
