"""Complaints (pengaduan, UU 25/2009 Pasal 36–37): an office's kinds, categories and settings
(data an administrator edits); the complaint, a walk of the office's complaint SOP moved by the
step engine like an application; its history, attachments, messages and every read of it."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from layanan.models.jalan import JalanSop, RiwayatLangkahDasar, indeks_kotak_tugas
from layanan.models.kantor import PESAN_LAIN_KANTOR, Kantor, Peran, kode_validator
from layanan.models.penyimpanan import penyimpanan_pribadi
from layanan.models.permohonan import Permohonan
from layanan.models.sop import Layanan
from layanan.surat.pola_nomor import periksa_pola_nomor

# SP4N-LAPOR! gives a unit 5 working days to post its follow-up (PermenPANRB 62/2018).
LAPOR_HARI_KERJA = 5


class SaluranPengaduan(models.TextChoices):
    """How a complaint reached the office (Metro's service standard names the first five)."""

    WEB = "web", _("Web form")
    LANGSUNG = "langsung", _("In person (service secretariat)")
    EMAIL = "email", _("E-mail")
    TELEPON = "telepon", _("Telephone")
    FAKS = "faks", _("Fax")
    KOTAK_SARAN = "kotak_saran", _("Suggestion/complaint box")
    WHATSAPP = "whatsapp", _("WhatsApp")
    LAPOR = "lapor", _("SP4N-LAPOR!")
    DITERUSKAN = "diteruskan", _("Forwarded by another office")


class KeputusanPengaduan(models.TextChoices):
    TERBUKTI = "terbukti", _("Upheld")
    SEBAGIAN = "sebagian", _("Partly upheld")
    TIDAK_TERBUKTI = "tidak_terbukti", _("Not upheld")
    DICABUT = "dicabut", _("Withdrawn by the complainant")
    DITERUSKAN = "diteruskan", _("Forwarded: not within our authority")
    DIALIHKAN = "dialihkan", _("Turned into an application")


class JenisLanjutan(models.TextChoices):
    BUKA_KEMBALI = "buka_kembali", _("Reopened")
    BANDING = "banding", _("Appeal")


class JenisPengaduan(models.Model):
    """A kind of message: pengaduan, saran, masukan, permintaan informasi."""

    kantor = models.ForeignKey(
        Kantor, on_delete=models.CASCADE, related_name="jenis_pengaduan", verbose_name=_("office")
    )
    kode = models.SlugField(_("code"), max_length=40, validators=[kode_validator])
    nama = models.CharField(_("name"), max_length=80)
    urutan = models.PositiveSmallIntegerField(_("order"), default=0)
    aktif = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("complaint kind")
        verbose_name_plural = _("complaint kinds")
        ordering = ["kantor", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kantor", "kode"], name="jenis_pengaduan_kode_unik"),
        ]

    def __str__(self) -> str:
        return self.nama


class KategoriPengaduan(models.Model):
    """A category of complaint (two levels), with its time limit and the role that handles it."""

    kantor = models.ForeignKey(
        Kantor,
        on_delete=models.CASCADE,
        related_name="kategori_pengaduan",
        verbose_name=_("office"),
    )
    induk = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="anak",
        verbose_name=_("parent category"),
        help_text=_("Empty for a main category; two levels at most."),
    )
    kode = models.SlugField(_("code"), max_length=40, validators=[kode_validator])
    nama = models.CharField(_("name"), max_length=150)
    urutan = models.PositiveSmallIntegerField(_("order"), default=0)
    batas_hari_kerja = models.PositiveSmallIntegerField(
        _("time limit (working days)"),
        null=True,
        blank=True,
        help_text=_("Empty: the parent's, or else the complaint SOP's."),
    )
    peran = models.ForeignKey(
        Peran,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handling role"),
        help_text=_(
            "Takes the steps of the SOP's handler role. Empty: the parent's, or the SOP's own."
        ),
    )
    tentang_petugas = models.BooleanField(
        _("about an officer"),
        default=False,
        help_text=_(
            "Complaints of this category are seen only by the head of office and the roles the "
            "complaint settings name; the officer named never sees them."
        ),
    )
    aktif = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("complaint category")
        verbose_name_plural = _("complaint categories")
        ordering = ["kantor", "urutan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kantor", "kode"], name="kategori_pengaduan_kode_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.induk.nama} › {self.nama}" if self.induk_id else self.nama  # type: ignore[union-attr]

    def clean(self) -> None:
        induk = self.induk
        if induk is not None:
            if induk.induk_id is not None:
                raise ValidationError({"induk": _("Categories have two levels at most.")})
            if induk.pk == self.pk:
                raise ValidationError({"induk": _("A category cannot be its own parent.")})
            if self.kantor_id and induk.kantor_id != self.kantor_id:
                raise ValidationError({"induk": PESAN_LAIN_KANTOR})
        if self.peran is not None and self.kantor_id and self.peran.kantor_id != self.kantor_id:
            raise ValidationError({"peran": PESAN_LAIN_KANTOR})

    @property
    def batas_berlaku(self) -> int | None:
        if self.batas_hari_kerja is not None:
            return self.batas_hari_kerja
        return self.induk.batas_hari_kerja if self.induk is not None else None

    @property
    def peran_berlaku(self) -> Peran | None:
        if self.peran is not None:
            return self.peran
        return self.induk.peran if self.induk is not None else None

    @property
    def rahasia(self) -> bool:
        return self.tentang_petugas or bool(self.induk and self.induk.tentang_petugas)


PENERUSAN_BAWAAN = (
    "<p>Dengan hormat,</p>\n"
    "<p>Bersama ini kami teruskan pengaduan nomor {{ pengaduan.nomor }} tanggal "
    "{{ pengaduan.tanggal }} tentang {{ pengaduan.kategori }} yang kami terima melalui "
    "{{ pengaduan.saluran }}, karena materinya bukan kewenangan {{ kantor.nama_dinas|title }} "
    "{{ kantor.nama_daerah_lengkap }}. Pokok pengaduan:</p>\n"
    "<blockquote>{{ pengaduan.uraian|linebreaksbr }}</blockquote>\n"
    "<p>Mohon kiranya pengaduan tersebut dapat ditindaklanjuti sesuai kewenangan "
    "{{ tujuan }}. Atas perhatian dan kerja samanya kami ucapkan terima kasih.</p>"
)


class PengaturanPengaduan(models.Model):
    """How an office handles complaints: the SOP that walks them and who may see what."""

    kantor = models.OneToOneField(
        Kantor,
        on_delete=models.CASCADE,
        related_name="pengaturan_pengaduan",
        verbose_name=_("office"),
    )
    layanan = models.OneToOneField(
        Layanan,
        on_delete=models.PROTECT,
        related_name="pengaturan_pengaduan",
        verbose_name=_("complaint-handling SOP"),
        help_text=_(
            "The SOP whose steps every complaint follows (verification, mediation...). It is "
            "not offered at the loket."
        ),
    )
    peran_penangan = models.ForeignKey(
        Peran,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handler role in the SOP"),
        help_text=_("The SOP's steps of this role go to the role each category names."),
    )
    peran_pimpinan = models.ForeignKey(
        Peran,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("head of office's role"),
        help_text=_("The Kadin: sees complaints about officers and takes steps from them."),
    )
    peran_pengawas: models.ManyToManyField = models.ManyToManyField(
        Peran,
        blank=True,
        related_name="+",
        verbose_name=_("roles that also see complaints about officers"),
    )
    peran_banding = models.ForeignKey(
        Peran,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("role that handles appeals"),
        help_text=_("Takes the handler's steps of an appeal. Empty: the head of office's role."),
    )
    maks_perpanjangan_hari = models.PositiveSmallIntegerField(
        _("longest extension (working days)"), default=10
    )
    judul_penerusan = models.CharField(
        _("forwarding letter title"), max_length=150, default="SURAT PENGANTAR"
    )
    format_nomor_penerusan = models.CharField(
        _("forwarding letter number format"),
        max_length=120,
        default="{nomor}/PGD/{bulan_romawi}/{tahun}",
        validators=[periksa_pola_nomor],
        help_text=_("Placeholders: {nomor}, {bulan_romawi}, {bulan}, {tahun}."),
    )
    isi_penerusan = models.TextField(
        _("forwarding letter body"),
        default=PENERUSAN_BAWAAN,
        help_text=_("Template; its variables are listed in docs/pengaduan.md."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("complaint settings")
        verbose_name_plural = _("complaint settings")

    def __str__(self) -> str:
        return str(self.kantor)

    def clean(self) -> None:
        kantor_id = self.kantor_id
        if not kantor_id:
            return
        if self.layanan_id and self.layanan.kantor_id != kantor_id:
            raise ValidationError({"layanan": PESAN_LAIN_KANTOR})
        for nama in ("peran_penangan", "peran_pimpinan", "peran_banding"):
            peran = getattr(self, nama)
            if peran is not None and peran.kantor_id != kantor_id:
                raise ValidationError({nama: PESAN_LAIN_KANTOR})


def nama_lampiran(instance: LampiranPengaduan, filename: str) -> str:
    # The citizen's file name never becomes a path.
    return f"pengaduan/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Pengaduan(JalanSop):
    """One complaint (or suggestion, or request for information), walked through the office's
    complaint SOP by the step engine (layanan.mesin), the only writer of its walk."""

    kantor = models.ForeignKey(
        Kantor, on_delete=models.PROTECT, related_name="pengaduan", verbose_name=_("office")
    )
    layanan = models.ForeignKey(
        Layanan, on_delete=models.PROTECT, related_name="+", verbose_name=_("complaint SOP")
    )
    jenis = models.ForeignKey(
        JenisPengaduan, on_delete=models.PROTECT, related_name="+", verbose_name=_("kind")
    )
    kategori = models.ForeignKey(
        KategoriPengaduan, on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )
    saluran = models.CharField(_("channel"), max_length=15, choices=SaluranPengaduan)
    uraian = models.TextField(_("what happened"))
    rujukan = models.CharField(
        _("registration number or tracking code it concerns"), max_length=40, blank=True
    )
    permohonan_terkait = models.ForeignKey(
        Permohonan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("application it concerns"),
    )
    # The complainant: optional, never on a public page, shown to staff only where needed.
    nama_pelapor = models.CharField(_("complainant's name"), max_length=150, blank=True)
    kontak_pelapor = models.CharField(_("complainant's contact"), max_length=150, blank=True)
    kabari_pelapor = models.BooleanField(_("tell the complainant when answered"), default=False)
    terlapor_nama = models.CharField(_("officer named"), max_length=150, blank=True)
    terlapor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("officer's account"),
    )
    rahasia = models.BooleanField(_("about an officer"), default=False)
    lapor_id = models.CharField(_("LAPOR! tracking ID"), max_length=30, blank=True)
    lapor_diterima_pada = models.DateTimeField(_("received through LAPOR! at"), null=True)
    lapor_dijawab_pada = models.DateTimeField(_("follow-up posted on LAPOR! at"), null=True)
    tahun = models.PositiveSmallIntegerField(_("year"), null=True)
    urutan = models.PositiveIntegerField(_("sequence"), null=True)
    nomor = models.CharField(_("number"), max_length=40, blank=True)
    kode_lacak = models.CharField(_("tracking code"), max_length=14, blank=True)
    token_formulir = models.UUIDField(_("form token"), unique=True, editable=False)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
        help_text=_("Empty: sent by the complainant through the web form."),
    )
    dibuat_pada = models.DateTimeField(_("received at"), auto_now_add=True)
    # Written when the complaint is closed (layanan.pengaduan.kait), read by the figures.
    keputusan = models.CharField(
        _("decision"), max_length=15, choices=KeputusanPengaduan, blank=True
    )
    jawaban = models.TextField(_("answer to the complainant"), blank=True)
    # The limit in working minutes: the category's, plus an extension (the inbox's quarter rule).
    batas_menit = models.PositiveIntegerField(_("time limit (working minutes)"), null=True)
    menit_jeda = models.PositiveIntegerField(_("working minutes paused"), default=0)
    menit_penyelesaian = models.PositiveIntegerField(_("working minutes to settle"), null=True)
    tepat_waktu = models.BooleanField(_("settled within the limit"), null=True)
    diteruskan_ke = models.CharField(_("forwarded to"), max_length=255, blank=True)
    kantor_tujuan = models.ForeignKey(
        Kantor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forwarded to office"),
    )
    nomor_surat_penerusan = models.CharField(
        _("forwarding letter number"), max_length=120, blank=True
    )
    permohonan = models.OneToOneField(
        Permohonan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pengaduan_asal",
        verbose_name=_("application it became"),
    )
    induk = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lanjutan",
        verbose_name=_("complaint it reopens or appeals"),
    )
    jenis_lanjutan = models.CharField(
        _("reopened or appealed"), max_length=15, choices=JenisLanjutan, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-dibuat_pada"]
        constraints = [
            models.UniqueConstraint(
                fields=["kantor", "tahun", "urutan"], name="pengaduan_nomor_unik"
            ),
            models.UniqueConstraint(
                fields=["kode_lacak"],
                condition=~models.Q(kode_lacak=""),
                name="pengaduan_kode_lacak_unik",
            ),
            models.CheckConstraint(
                condition=models.Q(induk__isnull=True, jenis_lanjutan="")
                | (models.Q(induk__isnull=False) & ~models.Q(jenis_lanjutan="")),
                name="pengaduan_lanjutan_berinduk",
            ),
        ]
        indexes = [
            indeks_kotak_tugas("pengaduan_kotak_tugas"),
            models.Index(fields=["kantor", "-dibuat_pada"], name="pengaduan_kantor_terbaru"),
            # The dashboard's complaint figures (layanan.dasbor.angka): from the index alone.
            models.Index(
                fields=["kantor", "dibuat_pada", "status", "langkah_nomor", "tepat_waktu"],
                name="pengaduan_dasbor",
            ),
        ]

    def __str__(self) -> str:
        return self.nomor or str(_("Complaint #%(pk)s") % {"pk": self.pk})

    @property
    def anonim(self) -> bool:
        return not (self.nama_pelapor or self.kontak_pelapor)


class RiwayatPengaduan(RiwayatLangkahDasar):
    """The stage history of a complaint: who, when, with what note."""

    pengaduan = models.ForeignKey(Pengaduan, on_delete=models.PROTECT, related_name="riwayat")

    class Meta(RiwayatLangkahDasar.Meta):
        verbose_name = _("complaint record")
        verbose_name_plural = _("complaint records")


class LampiranPengaduan(models.Model):
    """A photo or PDF sent with a complaint, checked as loket scans are. Until its complaint is
    saved it belongs to the form's token (so a form sent back with a mistake keeps it)."""

    kantor = models.ForeignKey(Kantor, on_delete=models.PROTECT, related_name="+")
    pengaduan = models.ForeignKey(
        Pengaduan, on_delete=models.PROTECT, null=True, blank=True, related_name="lampiran"
    )
    token_formulir = models.UUIDField(db_index=True)
    berkas = models.FileField(storage=penyimpanan_pribadi, upload_to=nama_lampiran, max_length=200)
    nama_asli = models.CharField(_("original file name"), max_length=255)
    jenis_konten = models.CharField(_("content type"), max_length=50)
    ukuran = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    diunggah_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("complaint attachment")
        verbose_name_plural = _("complaint attachments")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.nama_asli


class PesanPengaduan(models.Model):
    """A question the office asked the complainant (the clock stood still) or their answer."""

    class Dari(models.TextChoices):
        KANTOR = "kantor", _("The office")
        PELAPOR = "pelapor", _("The complainant")

    pengaduan = models.ForeignKey(Pengaduan, on_delete=models.PROTECT, related_name="pesan")
    dari = models.CharField(_("from"), max_length=10, choices=Dari)
    isi = models.TextField(_("message"))
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    pada = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("complaint message")
        verbose_name_plural = _("complaint messages")
        ordering = ["pada", "id"]

    def __str__(self) -> str:
        return f"{self.pengaduan_id} {self.dari}"


class JenisAksesPengaduan(models.TextChoices):
    LIHAT = "lihat", _("Viewed the complaint")
    IDENTITAS = "identitas", _("Viewed the complainant's identity")
    UNDUH_LAMPIRAN = "unduh_lampiran", _("Downloaded an attachment")
    CETAK = "cetak", _("Printed a document")
    EKSPOR = "ekspor", _("Exported with everything held about the person")


class AksesPengaduan(models.Model):
    """Every read of a complaint by staff (UU PDP): who, when, what. Append-only."""

    pengaduan = models.ForeignKey(Pengaduan, on_delete=models.PROTECT, related_name="akses")
    pengguna = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    jenis = models.CharField(_("access"), max_length=20, choices=JenisAksesPengaduan)
    keterangan = models.CharField(_("detail"), max_length=255, blank=True)
    alamat_ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    pada = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("complaint access")
        verbose_name_plural = _("complaint accesses")
        ordering = ["-pada", "-id"]

    def __str__(self) -> str:
        return f"{self.pengguna_id} {self.jenis} {self.pengaduan_id}"
