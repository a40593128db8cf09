"""SOPs as data: a service (layanan) with its header, standard, documents, fields and steps."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from layanan.models.kantor import Kantor, kode_validator
from layanan.surat.pola_nomor import periksa_pola_nomor

MENIT_PER_HARI_KERJA = 8 * 60  # SOP Blitar: "8 jam (1 Hari Kerja)"


def baris(teks: str) -> list[str]:
    """The items of a one-item-per-line text field."""
    return [b.strip() for b in teks.splitlines() if b.strip()]


class JenisDokumen(models.TextChoices):
    SOP = "sop", _("Standard operating procedure (SOP)")
    STANDAR_PELAYANAN = "standar_pelayanan", _("Service standard")


class PenentuDtks(models.TextChoices):
    """Whose DTKS result decides the service (its YES/NO step and its letter's wording)."""

    PEMOHON = "pemohon", _("The applicant")
    ISIAN = "isian", _("The person of one service field (e.g. the child)")
    SEMUA = "semua", _("Everyone checked: all must be registered")
    SALAH_SATU = "salah_satu", _("Everyone checked: one registered is enough")


class StatusLayanan(models.TextChoices):
    """A service is built as a draft; only an active one takes applications. Withdrawn: no new
    applications, those under way finish on the SOP version they started with."""

    DRAF = "draf", _("Draft")
    AKTIF = "aktif", _("Active")
    DITARIK = "ditarik", _("Withdrawn")


class Layanan(models.Model):
    """A service an office provides, described by its SOP document."""

    kantor = models.ForeignKey(
        Kantor, on_delete=models.PROTECT, related_name="layanan", verbose_name=_("office")
    )
    kode = models.SlugField(_("code"), max_length=40, validators=[kode_validator])
    nama = models.CharField(_("SOP name"), max_length=255, help_text=_("As in the SOP document."))
    nama_singkat = models.CharField(
        _("short name"), max_length=80, help_text=_("Shown in menus and queues.")
    )
    nama_publik = models.CharField(
        _("public name"),
        max_length=150,
        blank=True,
        help_text=_(
            "The service as citizens read it on receipts, the status page and letters, e.g. "
            "“Pengaduan Penerima Bantuan Pangan Non Tunai (BPNT)”. Empty: the short name."
        ),
    )
    penentu_dtks = models.CharField(
        _("whose DTKS result decides"),
        max_length=12,
        choices=PenentuDtks,
        default=PenentuDtks.PEMOHON,
        help_text=_(
            "Decides the DTKS YES/NO step and which letter (registered or not) is drafted."
        ),
    )
    penentu_dtks_isian = models.CharField(
        _("deciding field"),
        max_length=40,
        blank=True,
        help_text=_("Code of the NIK field whose person decides, when that is the rule."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=StatusLayanan,
        default=StatusLayanan.DRAF,
        editable=False,  # changed only by activating, withdrawing (katalog.status)
        help_text=_("Only an active service takes applications."),
    )
    terima_daring = models.BooleanField(
        _("open for online applications"),
        default=False,
        help_text=_("Citizens may apply from home; the loket checks what they send."),
    )
    surat_diunduh = models.BooleanField(
        _("signed letter downloaded on the status page"),
        default=True,
        help_text=_("Off: the citizen collects the letter at the loket."),
    )
    jenis_dokumen = models.CharField(
        _("document kind"), max_length=20, choices=JenisDokumen, default=JenisDokumen.SOP
    )
    unit_kerja = models.CharField(
        _("work unit"), max_length=255, blank=True, help_text=_("Section responsible, if named.")
    )

    # SOP header
    nomor_sop = models.CharField(_("SOP number"), max_length=100, blank=True)
    tanggal_pembuatan = models.DateField(_("date made"), null=True, blank=True)
    tanggal_revisi = models.DateField(_("revision date"), null=True, blank=True)
    tanggal_efektif = models.DateField(_("effective date"), null=True, blank=True)
    tanggal_pengesahan = models.DateField(_("approval date"), null=True, blank=True)
    disahkan_oleh = models.CharField(_("approved by"), max_length=255, blank=True)
    dasar_hukum = models.TextField(_("legal basis"), blank=True, help_text=_("One per line."))
    kualifikasi_pelaksana = models.TextField(
        _("staff qualifications"), blank=True, help_text=_("One per line.")
    )
    keterkaitan = models.TextField(_("related SOPs"), blank=True, help_text=_("One per line."))
    peralatan = models.TextField(
        _("equipment and supplies"), blank=True, help_text=_("One per line.")
    )
    peringatan = models.TextField(_("warnings"), blank=True, help_text=_("One per line."))
    pencatatan = models.TextField(_("recording and data keeping"), blank=True)
    catatan = models.TextField(
        _("notes for the applicant"), blank=True, help_text=_("One per line.")
    )

    # Service standard (Permenpan RB 15/2014 components)
    penetapan = models.CharField(
        _("established by"),
        max_length=255,
        blank=True,
        help_text=_("Decree that set this standard, if any."),
    )
    produk_pelayanan = models.CharField(_("service product"), max_length=255, blank=True)
    batas_waktu_hari_kerja = models.PositiveSmallIntegerField(
        _("time limit (working days)"),
        null=True,
        blank=True,
        help_text=_("Leave empty to derive it from the steps' time standards."),
    )
    waktu_penyelesaian = models.CharField(
        _("completion time as written"), max_length=255, blank=True
    )
    biaya = models.CharField(_("cost"), max_length=255, blank=True)
    sarana_pengaduan = models.TextField(
        _("complaint channels"), blank=True, help_text=_("One per line.")
    )
    tindak_lanjut_pengaduan = models.TextField(
        _("complaint follow-up stages"), blank=True, help_text=_("One per line.")
    )
    sarana_prasarana = models.TextField(_("facilities"), blank=True, help_text=_("One per line."))
    jumlah_pelaksana = models.TextField(_("implementers"), blank=True, help_text=_("One per line."))
    pengawasan_internal = models.TextField(
        _("internal supervision"), blank=True, help_text=_("One per line.")
    )
    jaminan_pelayanan = models.TextField(
        _("service guarantee"), blank=True, help_text=_("One per line.")
    )
    jaminan_keamanan = models.TextField(_("security and safety guarantee"), blank=True)
    evaluasi_kinerja = models.TextField(
        _("performance evaluation"), blank=True, help_text=_("One per line.")
    )

    # The letter the service issues
    judul_surat = models.CharField(
        _("letter title"), max_length=150, blank=True, help_text=_("e.g. SURAT KETERANGAN.")
    )
    format_nomor_surat = models.CharField(
        _("letter number format"),
        max_length=120,
        blank=True,
        help_text=_("Placeholders: {nomor}, {bulan_romawi}, {bulan}, {tahun}."),
        validators=[periksa_pola_nomor],
    )
    tanpa_surat = models.BooleanField(
        _("ends without a letter"),
        default=False,
        help_text=_(
            "Tick when the service issues no letter: its signature step is then signed like any "
            "other step. Otherwise a signature step needs a letter template."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["kantor", "nama_singkat"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(penentu_dtks="isian") | ~models.Q(penentu_dtks_isian=""),
                name="layanan_penentu_isian_bernama",
                violation_error_message=_("Name the field whose person decides."),
            ),
            models.UniqueConstraint(fields=["kantor", "kode"], name="layanan_kode_unik_per_kantor"),
        ]

    def __str__(self) -> str:
        return self.nama_singkat

    @property
    def aktif(self) -> bool:
        """Takes applications now."""
        return self.status == StatusLayanan.AKTIF

    @property
    def nama_tampil(self) -> str:
        """The name citizens read (receipts, status page, letters)."""
        return self.nama_publik or self.nama_singkat

    @property
    def total_menit(self) -> int:
        return sum(langkah.menit or 0 for langkah in self.langkah.all())


class KategoriPemohon(models.Model):
    """A group of applicants with its own document list (pupils vs university students)."""

    layanan = models.ForeignKey(
        Layanan, on_delete=models.CASCADE, related_name="kategori", verbose_name=_("service")
    )
    urutan = models.PositiveSmallIntegerField(_("order"), default=0)
    kode = models.SlugField(_("code"), max_length=40, validators=[kode_validator])
    nama = models.CharField(_("name"), max_length=150)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("applicant category")
        verbose_name_plural = _("applicant categories")
        ordering = ["layanan", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["layanan", "kode"], name="kategori_kode_unik_per_layanan"
            ),
        ]

    def __str__(self) -> str:
        return self.nama


class SifatBerkas(models.TextChoices):
    WAJIB = "wajib", _("Mandatory")
    JIKA_ADA = "jika_ada", _("If any")


class PersyaratanBerkas(models.Model):
    """A document the applicant brings (berkas), as the SOP lists it."""

    layanan = models.ForeignKey(
        Layanan, on_delete=models.CASCADE, related_name="berkas", verbose_name=_("service")
    )
    urutan = models.PositiveSmallIntegerField(_("order"), default=0)
    nama = models.CharField(_("document"), max_length=255)
    sifat = models.CharField(
        _("requirement"), max_length=10, choices=SifatBerkas, default=SifatBerkas.WAJIB
    )
    kategori = models.ForeignKey(
        KategoriPemohon,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="berkas",
        verbose_name=_("applicant category"),
        help_text=_("Empty: required from every applicant."),
    )
    keterangan = models.CharField(_("note"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        ordering = ["layanan", "urutan", "id"]

    def __str__(self) -> str:
        return self.nama


class TipeIsian(models.TextChoices):
    TEKS = "teks", _("Short text")
    TEKS_PANJANG = "teks_panjang", _("Long text")
    ANGKA = "angka", _("Number")
    TANGGAL = "tanggal", _("Date")
    PILIHAN = "pilihan", _("Choice")
    NIK = "nik", _("NIK")
    YA_TIDAK = "ya_tidak", _("Yes/no")


class KolomIsian(models.Model):
    """A service-specific intake field, defined as data (the child's school, the KKS number...)."""

    layanan = models.ForeignKey(
        Layanan, on_delete=models.CASCADE, related_name="isian", verbose_name=_("service")
    )
    urutan = models.PositiveSmallIntegerField(_("order"), default=0)
    kode = models.SlugField(
        _("code"),
        max_length=40,
        validators=[kode_validator],
        help_text=_("Name used in letter templates, e.g. nama_anak."),
    )
    label = models.CharField(_("label"), max_length=150)
    tipe = models.CharField(_("type"), max_length=15, choices=TipeIsian, default=TipeIsian.TEKS)
    wajib = models.BooleanField(_("required"), default=False)
    pilihan = models.TextField(
        _("choices"),
        blank=True,
        help_text=_("For a choice field: one per line, as CODE|Label (or just Label)."),
    )
    bantuan = models.CharField(_("help text"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("intake field")
        verbose_name_plural = _("intake fields")
        ordering = ["layanan", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["layanan", "kode"], name="isian_kode_unik_per_layanan"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def daftar_pilihan(self) -> list[tuple[str, str]]:
        """(code, label) pairs of a choice field."""
        hasil = []
        for item in baris(self.pilihan):
            kode, _sep, label = item.partition("|")
            hasil.append((kode.strip(), (label or kode).strip()))
        return hasil

    @property
    def kode_nama(self) -> str:
        """Where a NIK field's person has their name: NIK field `nik_<x>`, name field `nama_<x>`
        (nik_anak and nama_anak). Empty for any other field: that person's name is unknown."""
        if self.tipe != TipeIsian.NIK or not self.kode.startswith("nik_"):
            return ""
        return "nama_" + self.kode.removeprefix("nik_")


class JenisHasil(models.TextChoices):
    SELESAI = "selesai", _("Completed")
    TIDAK_LENGKAP = "tidak_lengkap", _("Documents incomplete")
    DIRUJUK = "dirujuk", _("Referred elsewhere")
    DITOLAK = "ditolak", _("Refused")


class HasilAkhir(models.Model):
    """A named end of the SOP: "surat diserahkan", "berkas tidak lengkap", "diarahkan ke kelurahan"."""

    layanan = models.ForeignKey(
        Layanan, on_delete=models.CASCADE, related_name="hasil", verbose_name=_("service")
    )
    kode = models.SlugField(_("code"), max_length=40, validators=[kode_validator])
    nama = models.CharField(_("name"), max_length=255)
    jenis = models.CharField(_("kind"), max_length=15, choices=JenisHasil)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["layanan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["layanan", "kode"], name="hasil_kode_unik_per_layanan"),
        ]

    def __str__(self) -> str:
        return self.nama
