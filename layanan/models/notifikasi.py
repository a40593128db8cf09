"""Notifications (layanan.notifikasi): which events an office tells, by which channels and with
which text (data an administrator edits), the citizen's consent and contact given at the loket,
and the outbox — one row per message, written in the transaction of the event that causes it and
sent by the worker after commit."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from layanan.models.kantor import Kantor
from layanan.models.permohonan import Permohonan
from layanan.models.sop import Layanan


class Peristiwa(models.TextChoices):
    """What happened, that someone is told of."""

    DITERIMA = "diterima", _("Application accepted")
    DIKEMBALIKAN = "dikembalikan", _("Sent back to the applicant")
    SURAT_SIAP = "surat_siap", _("Letter ready for collection")
    SURAT_DICABUT = "surat_dicabut", _("Letter revoked")
    PENGADUAN_DIJAWAB = "pengaduan_dijawab", _("Complaint answered")
    SURVEI_IKM = "survei_ikm", _("Satisfaction survey link")
    # To staff: what waits in their inbox (once a day), a step about to be late.
    RINGKASAN_STAF = "ringkasan_staf", _("Staff: daily inbox summary")
    HAMPIR_TERLAMBAT = "hampir_terlambat", _("Staff: step about to be late")
    # Applications from home (layanan.daring), their texts there.
    KODE_DARING = "kode_daring", _("One-time code for an online application")
    DARING_DIKEMBALIKAN = "daring_kembali", _("Online application returned")


class JenisSaluran(models.TextChoices):
    EMAIL = "email", _("E-mail")
    WHATSAPP_CLOUD = "whatsapp_cloud", _("WhatsApp Cloud API")
    FONNTE = "fonnte", _("Fonnte (WhatsApp)")
    WABLAS = "wablas", _("Wablas (WhatsApp)")
    SMS = "sms", _("SMS (HTTP gateway)")
    LOG = "log", _("Log (development)")


class StatusPesan(models.TextChoices):
    ANTRE = "antre", _("Queued")
    MENGIRIM = "mengirim", _("Being sent")
    TERKIRIM = "terkirim", _("Sent")
    GAGAL = "gagal", _("Failed")
    # Claimed by a worker that never recorded the outcome (killed mid-send): whether the
    # provider got it is unknown, so it is not sent again by itself (never twice).
    TIDAK_PASTI = "tidak_pasti", _("Outcome unknown")
    BATAL = "batal", _("Stopped")  # the citizen withdrew consent before it was sent


class StatusAntar(models.TextChoices):
    """What the provider reported afterwards (its delivery webhook), one way only: a report that
    comes late or twice never takes a message back (read stays read)."""

    DIKIRIM = "sent", _("Sent by the provider")
    GAGAL = "failed", _("Not delivered")
    SAMPAI = "delivered", _("Delivered")
    DIBACA = "read", _("Read")


class SaluranKantor(models.Model):
    """A channel an office sends by; the first one that can reach a recipient is used."""

    kantor = models.ForeignKey(
        Kantor,
        on_delete=models.CASCADE,
        related_name="saluran_notifikasi",
        verbose_name=_("office"),
    )
    jenis = models.CharField(_("channel"), max_length=20, choices=JenisSaluran)
    urutan = models.PositiveSmallIntegerField(_("order"), default=1)
    aktif = models.BooleanField(_("active"), default=True)
    # Set by the superuser only (credentials and where they are sent are trust, not an office's
    # own configuration): the provider's address, the sender (WhatsApp Cloud: the phone number
    # id), and the token, from an environment variable or encrypted at rest.
    alamat_api = models.URLField(
        _("provider's address"), blank=True, help_text=_("Empty: the provider's usual address.")
    )
    pengirim = models.CharField(
        _("sender"),
        max_length=100,
        blank=True,
        help_text=_("WhatsApp Cloud: the phone number id. SMS: the sender name."),
    )
    rahasia_env = models.CharField(
        _("token from environment variable"),
        max_length=100,
        blank=True,
        # Only variables named for the purpose: never another secret of the deployment.
        validators=[
            RegexValidator(
                r"^DINSOS_TOKEN_[A-Z0-9_]+$", _("The name must start with DINSOS_TOKEN_.")
            )
        ],
        help_text=_("The name of the variable that holds the token, e.g. DINSOS_TOKEN_WA_BLITAR."),
    )
    rahasia = models.TextField(blank=True, editable=False)  # Fernet token (notifikasi.rahasia)
    history = HistoricalRecords(excluded_fields=["rahasia"])

    class Meta:
        verbose_name = _("notification channel")
        verbose_name_plural = _("notification channels")
        ordering = ["kantor", "urutan", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["kantor", "jenis"], name="saluran_kantor_unik"),
        ]

    def __str__(self) -> str:
        return str(self.get_jenis_display())


class AturanNotifikasi(models.Model):
    """An event switched on or off, with its Indonesian text, for an office (no service) or for
    one of its services (overrides the office's). The text is a sandboxed template
    (layanan.surat.templat_aman): an administrator's text is hostile input."""

    kantor = models.ForeignKey(
        Kantor, on_delete=models.CASCADE, related_name="aturan_notifikasi", verbose_name=_("office")
    )
    layanan = models.ForeignKey(
        Layanan,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="aturan_notifikasi",
        verbose_name=_("service"),
        help_text=_("Empty: every service of the office that has no rule of its own."),
    )
    peristiwa = models.CharField(_("event"), max_length=30, choices=Peristiwa)
    aktif = models.BooleanField(_("send"), default=True)
    subjek = models.CharField(_("e-mail subject"), max_length=150, blank=True)
    teks = models.TextField(
        _("text"),
        max_length=2000,
        help_text=_(
            "In Indonesian. Variables: {{ kode }}, {{ layanan }}, {{ kantor }}, "
            "{{ kantor_alamat }}, {{ kantor_telepon }}, {{ tautan }}, {{ nomor_registrasi }}, "
            "{{ nomor_surat }}, {{ tenggat }}."
        ),
    )
    templat_wa = models.CharField(
        _("WhatsApp template name"),
        max_length=100,
        blank=True,
        help_text=_(
            "WhatsApp Cloud sends only templates Meta approved. Empty: dinsos_ and the event's "
            "code (dinsos_diterima)."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("notification rule")
        verbose_name_plural = _("notification rules")
        ordering = ["kantor", "peristiwa", "layanan"]
        constraints = [
            models.UniqueConstraint(
                fields=["kantor", "layanan", "peristiwa"], name="aturan_notifikasi_unik"
            ),
            models.UniqueConstraint(
                fields=["kantor", "peristiwa"],
                condition=models.Q(layanan=None),
                name="aturan_notifikasi_kantor_unik",
            ),
        ]

    def __str__(self) -> str:
        return str(self.get_peristiwa_display())


class KontakNotifikasi(models.Model):
    """What the applicant agreed to at the loket: whether they want messages about this
    application, and where (a WhatsApp/SMS number in +62 form, an e-mail address)."""

    permohonan = models.OneToOneField(
        Permohonan, on_delete=models.CASCADE, related_name="kontak_notifikasi"
    )
    setuju = models.BooleanField(_("wants messages"), default=False)
    telepon = models.CharField(_("WhatsApp/SMS number"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    berhenti_pada = models.DateTimeField(_("stopped at"), null=True, blank=True)
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()  # consent given, and withdrawn (the status page, a reply)

    class Meta:
        verbose_name = _("applicant's contact")
        verbose_name_plural = _("applicants' contacts")

    def __str__(self) -> str:
        return str(self.permohonan_id)


class Pesan(models.Model):
    """One message in the outbox: to one recipient, by one channel."""

    kantor = models.ForeignKey(Kantor, on_delete=models.CASCADE, related_name="+")
    permohonan = models.ForeignKey(
        Permohonan, on_delete=models.CASCADE, null=True, blank=True, related_name="pesan"
    )
    # A complaint's answer goes to its complainant; a digest or a warning to a staff member.
    pengaduan = models.ForeignKey(
        "layanan.Pengaduan", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    # What makes a message once-only beyond its row (a step's warning, a day's digest): a
    # second row with the same key is refused by the database.
    kunci = models.CharField(max_length=120, blank=True, editable=False)
    peristiwa = models.CharField(_("event"), max_length=30, choices=Peristiwa)
    saluran = models.CharField(_("channel"), max_length=20, choices=JenisSaluran)
    penerima = models.CharField(_("recipient"), max_length=254)
    subjek = models.CharField(_("subject"), max_length=150, blank=True)
    isi = models.TextField(_("text"))
    # A WhatsApp Cloud template's name and its body's parameters, in order.
    templat = models.CharField(max_length=100, blank=True)
    parameter = models.JSONField(default=list, blank=True)
    # The first message of this one's chain: a message that failed on one channel is sent again
    # on the office's next one (kirim.cadangan), as a new row.
    asal = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="cadangan"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=StatusPesan, default=StatusPesan.ANTRE
    )
    percobaan = models.PositiveSmallIntegerField(_("attempts"), default=0)
    kirim_setelah = models.DateTimeField(_("send after"))
    klaim = models.UUIDField(null=True, blank=True, editable=False)
    diklaim_pada = models.DateTimeField(null=True, blank=True)
    id_penyedia = models.CharField(_("provider's message id"), max_length=200, blank=True)
    status_antar = models.CharField(
        _("delivery status"), max_length=30, choices=StatusAntar, blank=True
    )
    antar_pada = models.DateTimeField(_("delivery reported at"), null=True, blank=True)
    galat = models.TextField(_("errors"), blank=True)
    dibuat_pada = models.DateTimeField(_("queued at"), auto_now_add=True)
    terkirim_pada = models.DateTimeField(_("sent at"), null=True, blank=True)
    # A failure staff looked at: tried again, or noted (then it leaves the failure list).
    catatan = models.TextField(_("staff note"), blank=True)
    ditangani_pada = models.DateTimeField(_("handled at"), null=True, blank=True)
    ditangani_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-dibuat_pada", "-pk"]
        indexes = [
            models.Index(fields=["status", "kirim_setelah"], name="pesan_antrean"),
            models.Index(fields=["kantor", "status"], name="pesan_kantor_status"),
            # A provider's delivery report names its own id.
            models.Index(fields=["saluran", "id_penyedia"], name="pesan_id_penyedia"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["kunci"], condition=~models.Q(kunci=""), name="pesan_kunci_unik"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_peristiwa_display()} → {self.get_saluran_display()}"
