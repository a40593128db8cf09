"""Applications (permohonan) taken at the loket: the applicant, the documents seen, the scans."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from layanan.models.jalan import (
    JalanSop,
    RiwayatLangkahDasar,
    StatusJalan,
    indeks_kotak_tugas,
)
from layanan.models.kantor import Kantor
from layanan.models.penyimpanan import penyimpanan_pribadi
from layanan.models.sop import KategoriPemohon, Layanan, PersyaratanBerkas, SifatBerkas


def nama_acak(instance: Pindaian, filename: str) -> str:
    # The citizen's own file name (often their NIK or name) never becomes a path.
    return f"pindaian/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class JenisKelamin(models.TextChoices):
    LAKI_LAKI = "L", _("Male")
    PEREMPUAN = "P", _("Female")


class Pemohon(models.Model):
    """A citizen as this office knows them; found again by NIK when they return."""

    kantor = models.ForeignKey(
        Kantor, on_delete=models.PROTECT, related_name="pemohon", verbose_name=_("office")
    )
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    alasan_tanpa_nik = models.CharField(_("reason there is no NIK"), max_length=255, blank=True)
    nama = models.CharField(_("full name"), max_length=150)
    tempat_lahir = models.CharField(_("place of birth"), max_length=100, blank=True)
    tanggal_lahir = models.DateField(_("date of birth"), null=True, blank=True)
    jenis_kelamin = models.CharField(_("sex"), max_length=1, choices=JenisKelamin, blank=True)
    alamat = models.CharField(_("address"), max_length=255)
    rt = models.CharField(_("RT"), max_length=3, blank=True)
    rw = models.CharField(_("RW"), max_length=3, blank=True)
    kode_kelurahan = models.CharField(_("kelurahan code"), max_length=13, blank=True)
    kelurahan = models.CharField(_("kelurahan/desa"), max_length=100)
    kecamatan = models.CharField(_("kecamatan"), max_length=100)
    kabupaten_kota = models.CharField(_("kota/kabupaten"), max_length=100, blank=True)
    telepon = models.CharField(_("phone"), max_length=20, blank=True)
    dibuat_pada = models.DateTimeField(_("created"), auto_now_add=True)
    diubah_pada = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")
        constraints = [
            models.UniqueConstraint(
                fields=["kantor", "nik"],
                condition=~models.Q(nik=""),
                name="pemohon_nik_unik_per_kantor",
            ),
            models.CheckConstraint(
                condition=~models.Q(nik="") | ~models.Q(alasan_tanpa_nik=""),
                name="pemohon_tanpa_nik_beralasan",
                violation_error_message=_("Without a NIK, give the reason."),
            ),
        ]
        indexes = [models.Index(fields=["kantor", "nama"], name="pemohon_kantor_nama")]

    def __str__(self) -> str:
        return self.nama

    @property
    def nik_samar(self) -> str:
        """The NIK with its middle hidden, for paper that leaves the office."""
        return f"{self.nik[:4]}********{self.nik[-4:]}" if self.nik else ""


StatusPermohonan = StatusJalan  # an application's walk: the engine's statuses


class Permohonan(JalanSop):
    """One application for one service, walked through its SOP by the step engine
    (layanan.mesin), the only writer of its walk's state (JalanSop's fields)."""

    kantor = models.ForeignKey(
        Kantor, on_delete=models.PROTECT, related_name="permohonan", verbose_name=_("office")
    )
    layanan = models.ForeignKey(
        Layanan, on_delete=models.PROTECT, related_name="permohonan", verbose_name=_("service")
    )
    pemohon = models.ForeignKey(
        Pemohon, on_delete=models.PROTECT, related_name="permohonan", verbose_name=_("applicant")
    )
    kategori = models.ForeignKey(
        KategoriPemohon,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("applicant category"),
    )
    nomor_kk = models.CharField(_("KK number"), max_length=16, blank=True)
    isian = models.JSONField(_("service fields"), default=dict, blank=True)
    peringatan = models.JSONField(_("warnings accepted at intake"), default=list, blank=True)
    catatan_loket = models.TextField(_("loket note"), blank=True)
    tahun_registrasi = models.PositiveSmallIntegerField(_("registration year"), null=True)
    urutan_registrasi = models.PositiveIntegerField(_("registration sequence"), null=True)
    nomor_registrasi = models.CharField(_("registration number"), max_length=40, blank=True)
    kode_lacak = models.CharField(_("tracking code"), max_length=14, blank=True)
    # The number the loket called for this applicant that day (offices with queue numbers).
    nomor_antrean = models.PositiveIntegerField(_("queue number"), null=True, blank=True)
    token_formulir = models.UUIDField(_("form token"), unique=True, editable=False)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registered by"),
    )
    dibuat_pada = models.DateTimeField(_("registered at"), auto_now_add=True, db_index=True)
    diputuskan_pada = models.DateTimeField(_("completeness decided at"), null=True, blank=True)
    # Sent from home (layanan.daring): each of the loket's decisions on it is one application.
    daring = models.ForeignKey(
        "layanan.PermohonanDaring",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="percobaan",
        verbose_name=_("online application"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-dibuat_pada"]
        constraints = [
            models.UniqueConstraint(
                fields=["kantor", "tahun_registrasi", "urutan_registrasi"],
                name="permohonan_nomor_registrasi_unik",
            ),
            models.UniqueConstraint(
                fields=["kode_lacak"],
                condition=~models.Q(kode_lacak=""),
                name="permohonan_kode_lacak_unik",
            ),
        ]
        indexes = [
            indeks_kotak_tugas("permohonan_kotak_tugas"),
            # The loket queue (selectors.antrean_loket): an office's newest first, in index
            # order; the service is in the index too, so counting the pages reads no table row.
            models.Index(
                fields=["kantor", "-dibuat_pada"],
                include=["layanan"],
                name="permohonan_antrean_loket",
            ),
            models.Index(fields=["kantor", "nomor_registrasi"], name="permohonan_kantor_nomor"),
            # The dashboard's cohort (layanan.dasbor): an office's applications of a period with
            # every column its counts read, so a year of them is one index range, no table row.
            models.Index(
                fields=[
                    "kantor",
                    "dibuat_pada",
                    "layanan",
                    "status",
                    "hasil",
                    "tenggat",
                    "selesai_pada",
                    "dijeda_pada",
                    "pemohon",
                ],
                name="permohonan_dasbor",
            ),
            # What the month totals (layanan.models.rekap) cannot hold: the applications in
            # process late now (by status and registration), and those settled in a period (the
            # survey's population, layanan.ikm.hitung), each one index range.
            models.Index(
                fields=[
                    "kantor",
                    "status",
                    "dibuat_pada",
                    "tenggat",
                    "dijeda_pada",
                    "layanan",
                    "hasil",
                ],
                name="permohonan_status_dibuat",
            ),
            models.Index(
                fields=["kantor", "status", "selesai_pada", "layanan"],
                name="permohonan_status_selesai",
            ),
            # Applications sent from home (layanan.daring.angka): few beside the counter's, in
            # an index of their own that the figures read without touching the others.
            models.Index(
                fields=["kantor", "dibuat_pada", "layanan", "status"],
                condition=models.Q(daring__isnull=False),
                name="permohonan_daring",
            ),
        ]

    def __str__(self) -> str:
        return self.nomor_registrasi or _("Application #%(pk)s") % {"pk": self.pk}


class BentukBerkas(models.TextChoices):
    ASLI = "asli", _("Original")
    FOTOKOPI = "fotokopi", _("Photocopy")


class BerkasPermohonan(models.Model):
    """One row of the document checklist, as seen at the loket."""

    permohonan = models.ForeignKey(
        Permohonan, on_delete=models.CASCADE, related_name="berkas", verbose_name=_("application")
    )
    persyaratan = models.ForeignKey(
        PersyaratanBerkas, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Copied so the record stays true if the SOP's list is edited later.
    nama = models.CharField(_("document"), max_length=255)
    sifat = models.CharField(_("requirement"), max_length=10, choices=SifatBerkas)
    ada = models.BooleanField(_("seen"), default=False)
    bentuk = models.CharField(_("form"), max_length=10, choices=BentukBerkas, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document seen")
        verbose_name_plural = _("documents seen")
        ordering = ["permohonan", "id"]

    def __str__(self) -> str:
        return self.nama


class Pindaian(models.Model):
    """A scan of a document. Until its application is saved it belongs to the form's token."""

    kantor = models.ForeignKey(Kantor, on_delete=models.PROTECT, related_name="+")
    permohonan = models.ForeignKey(
        Permohonan, on_delete=models.PROTECT, null=True, blank=True, related_name="pindaian"
    )
    persyaratan = models.ForeignKey(
        PersyaratanBerkas, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    token_formulir = models.UUIDField(db_index=True)
    berkas = models.FileField(storage=penyimpanan_pribadi, upload_to=nama_acak, max_length=200)
    nama_asli = models.CharField(_("original file name"), max_length=255)
    jenis_konten = models.CharField(_("content type"), max_length=50)
    ukuran = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    # Empty for a scan the citizen uploaded from home (layanan.daring).
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    diunggah_pada = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.nama_asli


class PenghitungNomor(models.Model):
    """The last number handed out per office, kind and year; taken under a row lock."""

    kantor = models.ForeignKey(Kantor, on_delete=models.CASCADE, related_name="+")
    jenis = models.CharField(max_length=30)
    tahun = models.PositiveSmallIntegerField()
    terakhir = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kantor", "jenis", "tahun"], name="penghitung_unik_per_kantor_tahun"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kantor_id}/{self.jenis}/{self.tahun}: {self.terakhir}"


class RiwayatLangkah(RiwayatLangkahDasar):
    """The step history of an application's walk."""

    permohonan = models.ForeignKey(Permohonan, on_delete=models.PROTECT, related_name="riwayat")

    class Meta(RiwayatLangkahDasar.Meta):
        verbose_name = _("step record")
        verbose_name_plural = _("step records")
        indexes = [
            # The dashboard's compliance per step (layanan.dasbor.kepatuhan): an office's records
            # of a period with what is measured, one index range read alone.
            models.Index(
                fields=[
                    "kantor",
                    "selesai_pada",
                    "layanan",
                    "aksi",
                    "nomor",
                    "standar_menit",
                    "menit_kerja",
                    "permohonan",
                ],
                name="riwayat_langkah_dasbor",
            ),
        ]


class JenisAkses(models.TextChoices):
    LIHAT = "lihat", _("Viewed the application")
    UNDUH_PINDAIAN = "unduh_pindaian", _("Downloaded a scan")
    CETAK = "cetak", _("Printed a document")
    EKSPOR = "ekspor", _("Exported with everything held about the person")


class AksesData(models.Model):
    """Every read of a citizen's data (UU PDP No. 27/2022, Pasal 31-32): who, when, what.

    Append-only: the office must be able to show a citizen within 3x24 hours who processed
    their data.
    """

    permohonan = models.ForeignKey(
        Permohonan, on_delete=models.PROTECT, null=True, blank=True, related_name="akses"
    )
    # An application from home read by the loket before its decision made it a Permohonan.
    daring = models.ForeignKey(
        "layanan.PermohonanDaring",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="akses",
    )
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    jenis = models.CharField(_("access"), max_length=20, choices=JenisAkses)
    keterangan = models.CharField(_("detail"), max_length=255, blank=True)
    alamat_ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    pada = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("data access")
        verbose_name_plural = _("data accesses")
        ordering = ["-pada", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(permohonan__isnull=False) | models.Q(daring__isnull=False),
                name="akses_data_ada_subjek",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pengguna_id} {self.jenis} {self.permohonan_id or self.daring_id}"
