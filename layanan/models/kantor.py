"""Offices (Dinas Sosial of a kota/kabupaten), their roles, officials and staff accounts."""

import uuid
from typing import Any
from zoneinfo import ZoneInfo

from asn1crypto import pkcs12 as asn1_pkcs12
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from layanan.models.penyimpanan import penyimpanan_pribadi

kode_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9_-]*$",
    _("Use lowercase letters, digits, '-' or '_' only."),
)
kode_wilayah_validator = RegexValidator(
    r"^\d{2}\.\d{2}$",
    _("Write the Kemendagri code of a kota/kabupaten as in 35.72."),
)
PESAN_LAIN_KANTOR = _("This belongs to another office.")
nip_validator = RegexValidator(
    r"^\d{8} ?\d{6} ?\d ?\d{3}$",
    _("A NIP has 18 digits, written as 19680420 199303 1 009."),
)

nik_pejabat_validator = RegexValidator(r"^\d{16}$", _("A NIK has 16 digits."))


class ZonaWaktu(models.TextChoices):
    WIB = "Asia/Jakarta", _("WIB (Asia/Jakarta)")
    WITA = "Asia/Makassar", _("WITA (Asia/Makassar)")
    WIT = "Asia/Jayapura", _("WIT (Asia/Jayapura)")


class Kantor(models.Model):
    """A Dinas Sosial office: what its letters and its screens need to know about it."""

    class JenisDaerah(models.TextChoices):
        KOTA = "kota", _("Kota")
        KABUPATEN = "kabupaten", _("Kabupaten")

    kode = models.SlugField(_("code"), max_length=40, unique=True, validators=[kode_validator])
    jenis_daerah = models.CharField(_("kind of region"), max_length=10, choices=JenisDaerah)
    nama_daerah = models.CharField(
        _("region name"), max_length=100, help_text=_("Without 'Kota'/'Kabupaten', e.g. Blitar.")
    )
    nama_pemda = models.CharField(
        _("local government name"),
        max_length=150,
        help_text=_("As on the letterhead, e.g. PEMERINTAH KOTA BLITAR."),
    )
    nama_dinas = models.CharField(
        _("office name"),
        max_length=150,
        help_text=_("As on the letterhead, e.g. DINAS SOSIAL."),
    )
    alamat = models.CharField(_("address"), max_length=255, blank=True)
    kode_pos = models.CharField(_("postal code"), max_length=5, blank=True)
    telepon = models.CharField(_("phone"), max_length=50, blank=True)
    faks = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    situs = models.CharField(_("website"), max_length=100, blank=True)
    logo = models.ImageField(_("logo"), upload_to="logo/", blank=True)
    kode_wilayah = models.CharField(
        _("region code"), max_length=5, validators=[kode_wilayah_validator]
    )
    zona_waktu = models.CharField(
        _("time zone"), max_length=32, choices=ZonaWaktu, default=ZonaWaktu.WIB
    )
    ukuran_kertas = models.CharField(
        _("paper size"),
        max_length=2,
        choices=[("A4", "A4 (210 × 297 mm)"), ("F4", "F4 (215 × 330 mm)")],
        default="A4",
    )
    kertas_berkop = models.BooleanField(
        _("pre-printed letterhead paper"),
        default=False,
        help_text=_(
            "Letters are printed on security paper that already carries the letterhead: "
            "print the body only, below it."
        ),
    )
    margin_atas_berkop_mm = models.PositiveSmallIntegerField(
        _("top margin on pre-printed paper (mm)"), default=50
    )
    nomor_surat_per_tahun = models.BooleanField(
        _("letter numbers restart each year"),
        default=True,
        help_text=_("Off: one sequence that never restarts."),
    )
    pakai_nomor_antrean = models.BooleanField(
        _("queue numbers at the loket"),
        default=False,
        help_text=_(
            "The loket calls numbers (1, 2, 3... each day) and each application keeps the "
            "number of the applicant it served; the number is printed on the receipt."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["nama_daerah"]

    def __str__(self) -> str:
        return f"{self.nama_dinas.title()} {self.get_jenis_daerah_display()} {self.nama_daerah}"

    @property
    def zona(self) -> ZoneInfo:
        return ZoneInfo(self.zona_waktu)

    @property
    def nama_daerah_lengkap(self) -> str:
        return f"{self.get_jenis_daerah_display()} {self.nama_daerah}"


class Peran(models.Model):
    """A role as this office's SOPs name it (Petugas/Staf, Operator DTKS, Kabid, Pemohon...)."""

    kantor = models.ForeignKey(
        Kantor, on_delete=models.CASCADE, related_name="peran", verbose_name=_("office")
    )
    kode = models.SlugField(_("code"), max_length=40, validators=[kode_validator])
    nama = models.CharField(_("name"), max_length=120)
    urutan = models.PositiveSmallIntegerField(
        _("column order"), default=0, help_text=_("Order of this actor's column on SOP sheets.")
    )
    adalah_pemohon = models.BooleanField(
        _("is the applicant"),
        default=False,
        help_text=_(
            "The applicant/community themselves. Their steps are recorded by loket staff; "
            "no staff account holds this role."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["kantor", "urutan", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["kantor", "kode"], name="peran_kode_unik_per_kantor"),
        ]

    def __str__(self) -> str:
        return self.nama


def penyimpanan_sertifikat() -> Any:
    """Certificates share the scans' private storage (no URL serves it)."""
    return penyimpanan_pribadi()


def periksa_p12(berkas: Any) -> None:
    """A PKCS#12 file by its whole structure, of a plausible size. What it holds is encrypted:
    the admin form opens it with the passphrase to check the certificate's trust
    (layanan.surat.tanda_tangan.sertifikat), and every signing checks it again."""
    if berkas.size > 64 * 1024:
        raise ValidationError(_("A signing certificate file is far smaller; this is not one."))
    isi = berkas.read()
    berkas.seek(0)
    try:
        bagian = asn1_pkcs12.Pfx.load(isi, strict=True).authenticated_safe
        for info in bagian:  # parsing every part is the check
            info["content_type"].native  # noqa: B018
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise ValidationError(_("This is not a PKCS#12 (.p12/.pfx) certificate file.")) from exc


def nama_sertifikat(instance: Any, filename: str) -> str:
    return f"sertifikat/{uuid.uuid4().hex}.p12"


class Kedudukan(models.TextChoices):
    """How an official holds the position they sign as (tata naskah dinas)."""

    DEFINITIF = "", _("Holds the position")
    PLT = "Plt.", _("Plt. (acting, pelaksana tugas)")
    PLH = "Plh.", _("Plh. (daily stand-in, pelaksana harian)")


class Pejabat(models.Model):
    """An official whose name appears on letters and SOP documents (Kadin, Kabid...)."""

    kantor = models.ForeignKey(
        Kantor, on_delete=models.CASCADE, related_name="pejabat", verbose_name=_("office")
    )
    nama = models.CharField(_("name"), max_length=150, help_text=_("With academic titles."))
    jabatan = models.CharField(_("position"), max_length=200)
    pangkat = models.CharField(_("rank"), max_length=60, blank=True)
    golongan = models.CharField(_("grade"), max_length=10, blank=True)
    nip = models.CharField(_("NIP"), max_length=21, blank=True, validators=[nip_validator])
    # BSrE identifies a signer by their NIK (its user's identity number), never by the NIP.
    nik = models.CharField(
        _("NIK (for BSrE signing)"),
        max_length=16,
        blank=True,
        validators=[nik_pejabat_validator],
        help_text=_("The official's 16-digit NIK, as registered with BSrE. Only for BSrE signing."),
    )
    kedudukan = models.CharField(
        _("holds the position as"), max_length=5, choices=Kedudukan, blank=True, default=""
    )
    atas_nama = models.CharField(
        _("signs on behalf of (a.n.)"),
        max_length=200,
        blank=True,
        help_text=_(
            "The head's position, as written, when this official signs for them, e.g. "
            "“Kepala Dinas Sosial Kota Blitar”. Empty: signs in their own name."
        ),
    )
    untuk_beliau = models.CharField(
        _("through (u.b.)"),
        max_length=200,
        blank=True,
        help_text=_(
            "For u.b.: the position between the head and this official, e.g. “Sekretaris”."
        ),
    )
    peran = models.ForeignKey(
        Peran,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pejabat",
        verbose_name=_("role"),
        help_text=_("The SOP role this official fills, e.g. Kadin."),
    )
    pengguna = models.OneToOneField(
        "Pengguna",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pejabat",
        verbose_name=_("user account"),
    )
    aktif = models.BooleanField(_("active"), default=True)
    sertifikat = models.FileField(
        _("signing certificate (PKCS#12)"),
        storage=penyimpanan_sertifikat,
        upload_to=nama_sertifikat,
        validators=[periksa_p12],
        blank=True,
        help_text=_(
            "The .p12 file of this official's signing certificate. Its passphrase is "
            "typed at each signing and never stored."
        ),
    )
    # What the certificate said when it was checked at upload (with its passphrase).
    sertifikat_subjek = models.CharField(_("certificate holder"), max_length=300, blank=True)
    sertifikat_berlaku_sampai = models.DateTimeField(
        _("certificate valid until"), null=True, blank=True
    )
    sertifikat_sidik = models.CharField(_("certificate fingerprint"), max_length=64, blank=True)
    # The certificate and its chain (public: no key), so the signer learns before typing the
    # passphrase whether it can sign; and the trusted authority its chain reached at upload.
    sertifikat_pem = models.TextField(_("certificate and chain (PEM)"), blank=True, editable=False)
    sertifikat_otoritas = models.ForeignKey(
        "OtoritasSertifikat",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="pejabat",
        verbose_name=_("certificate authority"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        ordering = ["kantor", "peran__urutan", "nama"]

    def __str__(self) -> str:
        return f"{self.nama} — {self.jabatan}"

    def clean(self) -> None:
        if self.untuk_beliau and not self.atas_nama:
            raise ValidationError({"untuk_beliau": _("u.b. is used only with a.n.")})
        if self.peran is not None and self.kantor_id and self.peran.kantor_id != self.kantor_id:
            raise ValidationError({"peran": PESAN_LAIN_KANTOR})
        pengguna = self.pengguna
        if pengguna is not None and self.kantor_id and pengguna.kantor_id != self.kantor_id:
            raise ValidationError({"pengguna": PESAN_LAIN_KANTOR})


class Pengguna(AbstractUser):
    """A staff account: it belongs to one office and holds one or more of that office's roles."""

    kantor = models.ForeignKey(
        Kantor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pengguna",
        verbose_name=_("office"),
        help_text=_("Empty only for national superusers and provincial readers."),
    )
    kode_provinsi = models.CharField(
        _("province (dashboards only)"),
        max_length=2,
        blank=True,
        validators=[
            RegexValidator(r"^\d{2}$", _("Two digits, as in the region code (35 = Jawa Timur)."))
        ],
        help_text=_(
            "For an account of a province without an office: it reads and compares the dashboards "
            "of the offices whose region code begins with these two digits, and nothing else. "
            "Set only by the national superuser."
        ),
    )
    peran = models.ManyToManyField(
        Peran, blank=True, related_name="pengguna", verbose_name=_("roles")
    )
    adalah_admin_kantor = models.BooleanField(
        _("office administrator"),
        default=False,
        help_text=_("May configure this office's SOPs, roles, officials and staff."),
    )
    # +1 ends every session of the account (layanan.masuk.sesi): it is part of the hash each
    # session carries, as the password is.
    stempel_sesi = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["password", "last_login", "stempel_sesi"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kantor__isnull=False)
                | models.Q(is_superuser=True)
                | ~models.Q(kode_provinsi=""),
                name="pengguna_kantor_wajib_kecuali_superuser",
            ),
            # A provincial reader belongs to no office: it has no roles there to hold.
            models.CheckConstraint(
                condition=models.Q(kode_provinsi="") | models.Q(kantor__isnull=True),
                name="pengguna_provinsi_tanpa_kantor",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        # Django's hash of the password, and of the session stamp once it moved: a session made
        # before the stamp existed stays valid until it does.
        kata_sandi = self.password
        if self.stempel_sesi:
            self.password = f"{kata_sandi}:{self.stempel_sesi}"
        try:
            return super()._get_session_auth_hash(secret=secret)  # type: ignore[misc]
        finally:
            self.password = kata_sandi

    @property
    def boleh_mengatur(self) -> bool:
        """May enter the administration: a national superuser, or an administrator of an office."""
        if not self.is_active:
            return False
        return self.is_superuser or bool(self.adalah_admin_kantor and self.kantor_id)


class OtoritasSertifikat(models.Model):
    """A certificate authority whose certificates may sign letters (BSrE, a province's CA, the demo
    CA): only the national superuser adds one. Trust is withdrawn, never deleted, so the officials'
    certificates and the letters signed under it keep saying where they came from."""

    nama = models.CharField(_("name"), max_length=150, unique=True)
    sertifikat_pem = models.TextField(_("certificate (PEM)"))
    sidik = models.CharField(_("fingerprint (SHA-256)"), max_length=64, blank=True, editable=False)
    ditarik_pada = models.DateTimeField(_("trust withdrawn at"), null=True, blank=True)
    ditarik_oleh = models.ForeignKey(
        "Pengguna",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trust withdrawn by"),
    )
    alasan_tarik = models.TextField(_("why trust was withdrawn"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("certificate authority")
        verbose_name_plural = _("certificate authorities")
        ordering = ["nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["sidik"], condition=~models.Q(sidik=""), name="otoritas_sidik_unik"
            ),
            models.CheckConstraint(
                condition=models.Q(ditarik_pada__isnull=True, ditarik_oleh__isnull=True)
                | models.Q(ditarik_pada__isnull=False, ditarik_oleh__isnull=False),
                name="otoritas_tarik_dengan_siapa_kapan",
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    @property
    def dipercaya(self) -> bool:
        return self.ditarik_pada is None
