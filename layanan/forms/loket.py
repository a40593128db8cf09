"""The loket's intake form: applicant, service fields, document checklist, decision."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Field, Fieldset, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from layanan.forms.widgets import PindaianInput, TanggalField
from layanan.loket import wilayah
from layanan.loket.unggahan import BerkasBersih, periksa_unggahan
from layanan.loket.validators import NikTerurai, bersihkan_kk, peringatan_nik, urai_nik
from layanan.models import (
    BentukBerkas,
    JenisKelamin,
    Kantor,
    KolomIsian,
    Layanan,
    PersyaratanBerkas,
    SifatBerkas,
    TipeIsian,
)
from layanan.notifikasi.forms import KontakMixin, tata_letak_kontak

AKSI_CARI = "cari"
AKSI_LENGKAP = "lengkap"
AKSI_TIDAK_LENGKAP = "tidak_lengkap"
AKSI_SIMPAN_BERKAS = "unggah"
LUAR_DAERAH = "luar"
PESAN_PERINGATAN = _("Check the warnings above, then tick this box to continue.")


def pilihan_kelurahan(kantor: Kantor) -> list[Any]:
    """The office's own kelurahan grouped by kecamatan, then "lives elsewhere"."""
    kelompok: list[Any] = [("", _("— choose —"))]
    for kec in wilayah.anak(kantor.kode_wilayah):
        kelompok.append((kec.nama, [(kel.kode, kel.nama) for kel in wilayah.anak(kec.kode)]))
    luar = _("Outside %(daerah)s: type below") % {"daerah": kantor.nama_daerah_lengkap}
    kelompok.append((LUAR_DAERAH, luar))
    return kelompok


def field_isian(kolom: KolomIsian) -> forms.Field:
    umum: dict[str, Any] = {
        "label": kolom.label,
        "required": kolom.wajib,
        "help_text": kolom.bantuan,
    }
    if kolom.tipe == TipeIsian.TEKS_PANJANG:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, **umum)
    if kolom.tipe == TipeIsian.ANGKA:
        return forms.IntegerField(**umum)
    if kolom.tipe == TipeIsian.TANGGAL:
        return TanggalField(**umum)
    if kolom.tipe == TipeIsian.PILIHAN:
        return forms.ChoiceField(choices=[("", "—"), *kolom.daftar_pilihan], **umum)
    if kolom.tipe == TipeIsian.YA_TIDAK:
        return forms.ChoiceField(choices=[("", "—"), ("ya", _("Yes")), ("tidak", _("No"))], **umum)
    if kolom.tipe == TipeIsian.NIK:
        return forms.CharField(max_length=40, **umum)
    return forms.CharField(max_length=255, **umum)


@dataclass(frozen=True)
class BarisChecklist:
    """One document of the checklist with its form fields and scans already uploaded."""

    persyaratan: PersyaratanBerkas
    ada: forms.BoundField
    bentuk: forms.BoundField
    berkas: forms.BoundField
    pindaian: list[Any]


class FormulirPermohonan(KontakMixin, forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput)
    nik = forms.CharField(
        label=_("NIK"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    tanpa_nik = forms.BooleanField(label=_("The applicant has no NIK"), required=False)
    alasan_tanpa_nik = forms.CharField(
        label=_("Reason there is no NIK"), max_length=255, required=False
    )
    nomor_kk = forms.CharField(
        label=_("KK number"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    nama = forms.CharField(label=_("Full name"), max_length=150)
    tempat_lahir = forms.CharField(label=_("Place of birth"), max_length=100, required=False)
    tanggal_lahir = TanggalField(label=_("Date of birth"), required=False)
    jenis_kelamin = forms.ChoiceField(
        label=_("Sex"), required=False, choices=[("", "—"), *JenisKelamin.choices]
    )
    alamat = forms.CharField(label=_("Address (street, house number)"), max_length=255)
    rt = forms.RegexField(
        label=_("RT"),
        regex=r"^\d{1,3}$",
        required=False,
        error_messages={"invalid": _("RT is a number of up to 3 digits.")},
    )
    rw = forms.RegexField(
        label=_("RW"),
        regex=r"^\d{1,3}$",
        required=False,
        error_messages={"invalid": _("RW is a number of up to 3 digits.")},
    )
    kode_kelurahan = forms.ChoiceField(label=_("Kelurahan/desa"))
    kelurahan_lain = forms.CharField(
        label=_("Kelurahan/desa (outside the region)"), max_length=100, required=False
    )
    kecamatan_lain = forms.CharField(
        label=_("Kecamatan (outside the region)"), max_length=100, required=False
    )
    kabupaten_kota_lain = forms.CharField(
        label=_("Kota/kabupaten (outside the region)"), max_length=100, required=False
    )
    telepon = forms.RegexField(
        label=_("Phone"),
        regex=r"^\+?[0-9 \-]{6,20}$",
        required=False,
        error_messages={
            "invalid": _("Write a phone number with digits only, e.g. 0812 3456 7890.")
        },
    )
    catatan_loket = forms.CharField(
        label=_("Loket note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    setuju_peringatan = forms.BooleanField(
        label=_("I have checked the warnings and continue"), required=False
    )

    def __init__(
        self,
        *args: Any,
        layanan: Layanan,
        aksi: str = AKSI_LENGKAP,
        pindaian: list[Any] | None = None,
        nik_terbuka: set[str] | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.layanan = layanan
        self.aksi = aksi
        self.pindaian = pindaian or []
        self.nik_terbuka = nik_terbuka or set()  # NIKs with an application still open here
        self.peringatan: list[str] = []
        self.unggahan: dict[int, BerkasBersih] = {}
        self.persyaratan = list(layanan.berkas.all())
        kelurahan = self.fields["kode_kelurahan"]
        assert isinstance(kelurahan, forms.ChoiceField)
        kelurahan.choices = pilihan_kelurahan(layanan.kantor)
        if not self.is_bound:
            # The officer types the NIK first; it fills what it can (static/js/pemohon.js).
            self.fields["nik"].widget.attrs["autofocus"] = True
        if layanan.kantor.pakai_nomor_antrean:
            self.fields["nomor_antrean"] = forms.IntegerField(
                label=_("Queue number"),
                required=False,
                min_value=1,
                max_value=99999,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
        kategori = list(layanan.kategori.all())
        if kategori:
            self.fields["kategori"] = forms.ModelChoiceField(
                label=_("Applicant category"),
                queryset=layanan.kategori.all(),
                widget=forms.RadioSelect,
                empty_label=None,
            )
        self.kolom_isian = list(layanan.isian.all())
        for kolom in self.kolom_isian:
            self.fields[f"isian_{kolom.kode}"] = field_isian(kolom)
        for p in self.persyaratan:
            self.fields[f"berkas_{p.pk}_ada"] = forms.BooleanField(label=p.nama, required=False)
            # Labels that name the document: the error summary lists a field by its label.
            self.fields[f"berkas_{p.pk}_bentuk"] = forms.ChoiceField(
                label=_("Form of %(berkas)s") % {"berkas": p.nama},
                choices=BentukBerkas.choices,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                initial=BentukBerkas.FOTOKOPI,
            )
            self.fields[f"berkas_{p.pk}_file"] = forms.FileField(
                label=_("Scan of %(berkas)s") % {"berkas": p.nama},
                required=False,
                widget=PindaianInput(attrs={"data-kamera": "1"}),
            )
        self.helper = self._helper()

    # -- layout ------------------------------------------------------------
    def _helper(self) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        helper.include_media = False  # the page puts the widgets' CSS and scripts in their places
        helper.template = "loket/partials/_formulir.html"  # the form's own errors: the page's alert
        isian = [Field(f"isian_{k.kode}") for k in self.kolom_isian]
        kategori = [Field("kategori")] if "kategori" in self.fields else []
        antrean = (
            [Column("nomor_antrean", css_class="col-md-2")]
            if "nomor_antrean" in self.fields
            else []
        )
        helper.layout = Layout(
            Field("token"),
            Fieldset(
                _("Applicant"),
                Row(
                    Column("nik", css_class="col-md-4"),
                    Column(
                        HTML('{% include "loket/partials/_tombol_cari.html" %}'),
                        css_class="col-md-2 d-flex align-items-end",
                    ),
                    Column("nomor_kk", css_class="col-md-4"),
                    *antrean,
                ),
                # What the NIK filled in, or that nothing was found, said where it happened.
                HTML('<div id="pesan-nik" class="small mb-2" role="status"></div>'),
                Row(
                    Column("tanpa_nik", css_class="col-md-4"),
                    Column("alasan_tanpa_nik", css_class="col-md-8"),
                ),
                Row(
                    Column("nama", css_class="col-md-6"),
                    Column("jenis_kelamin", css_class="col-md-2"),
                    Column("telepon", css_class="col-md-4"),
                ),
                Row(
                    Column("tempat_lahir", css_class="col-md-6"),
                    Column("tanggal_lahir", css_class="col-md-3"),
                ),
                Row(
                    Column("alamat", css_class="col-md-8"),
                    Column("rt", css_class="col-md-2"),
                    Column("rw", css_class="col-md-2"),
                ),
                Row(Column("kode_kelurahan", css_class="col-md-6")),
                Row(
                    Column("kelurahan_lain", css_class="col-md-4"),
                    Column("kecamatan_lain", css_class="col-md-4"),
                    Column("kabupaten_kota_lain", css_class="col-md-4"),
                    css_class="wilayah-lain",
                ),
            ),
            Fieldset(_("Service details"), *kategori, *isian) if isian or kategori else HTML(""),
            HTML('{% include "loket/partials/_checklist.html" %}'),
            tata_letak_kontak(),
            Field("catatan_loket"),
        )
        return helper

    def baris_checklist(self) -> list[BarisChecklist]:
        per_berkas: dict[int | None, list[Any]] = {}
        for scan in self.pindaian:
            per_berkas.setdefault(scan.persyaratan_id, []).append(scan)
        return [
            BarisChecklist(
                p,
                self[f"berkas_{p.pk}_ada"],
                self[f"berkas_{p.pk}_bentuk"],
                self[f"berkas_{p.pk}_file"],
                per_berkas.get(p.pk, []),
            )
            for p in self.persyaratan
        ]

    # -- validation ----------------------------------------------------------
    def clean_nomor_kk(self) -> str:
        nilai = self.cleaned_data["nomor_kk"]
        return bersihkan_kk(nilai) if nilai.strip() else ""

    def clean(self) -> dict[str, Any] | None:
        cd = super().clean()
        if cd is None:
            return cd
        self._periksa_unggahan()
        nik = self._periksa_nik(cd)
        self._periksa_wilayah(cd)
        self._periksa_isian(cd)
        self.periksa_kontak(cd)
        if nik is not None:
            perempuan = None if not cd.get("jenis_kelamin") else cd["jenis_kelamin"] == "P"
            self.peringatan += peringatan_nik(
                nik, tanggal_lahir=cd.get("tanggal_lahir"), perempuan=perempuan
            )
            if nik.nik in self.nik_terbuka:
                self.peringatan.append(
                    str(_("This NIK already has an application in progress at this office."))
                )
        if self.peringatan and not cd.get("setuju_peringatan"):
            self.add_error("setuju_peringatan", str(PESAN_PERINGATAN))
        self._periksa_kelengkapan(cd)
        return cd

    def _periksa_unggahan(self) -> None:
        for p in self.persyaratan:
            nama = f"berkas_{p.pk}_file"
            berkas = self.cleaned_data.get(nama)
            if not berkas:
                continue
            try:
                self.unggahan[p.pk] = periksa_unggahan(berkas)
            except ValidationError as exc:
                self.add_error(nama, exc)

    def _periksa_nik(self, cd: dict[str, Any]) -> NikTerurai | None:
        if cd.get("tanpa_nik"):
            if cd.get("nik"):
                self.add_error("nik", _("Leave the NIK empty when the applicant has none."))
            if not cd.get("alasan_tanpa_nik"):
                self.add_error(
                    "alasan_tanpa_nik",
                    _("Say why there is no NIK (e.g. not yet recorded by Dukcapil)."),
                )
            cd["nik"] = ""
            return None
        if not cd.get("nik"):
            self.add_error("nik", _("Type the 16-digit NIK, or tick 'The applicant has no NIK'."))
            return None
        try:
            hasil = urai_nik(cd["nik"])
        except ValidationError as exc:
            self.add_error("nik", exc)
            return None
        cd["nik"] = hasil.nik
        return hasil

    def _periksa_wilayah(self, cd: dict[str, Any]) -> None:
        if cd.get("kode_kelurahan") != LUAR_DAERAH:
            return
        for nama in ("kelurahan_lain", "kecamatan_lain", "kabupaten_kota_lain"):
            if not cd.get(nama):
                self.add_error(
                    nama, _("Choose the kelurahan above, or type where the applicant lives.")
                )

    def _periksa_isian(self, cd: dict[str, Any]) -> None:
        for kolom in self.kolom_isian:
            nama = f"isian_{kolom.kode}"
            if kolom.tipe == TipeIsian.NIK and cd.get(nama):
                try:
                    cd[nama] = urai_nik(cd[nama]).nik
                except ValidationError as exc:
                    self.add_error(nama, exc)

    def berkas_berlaku(self, cd: dict[str, Any]) -> list[PersyaratanBerkas]:
        """The documents that apply: general ones and those of the chosen category."""
        kategori = cd.get("kategori")
        return [
            p
            for p in self.persyaratan
            if p.kategori_id is None or (kategori and p.kategori_id == kategori.pk)
        ]

    def berkas_kurang(self, cd: dict[str, Any]) -> list[PersyaratanBerkas]:
        return [
            p
            for p in self.berkas_berlaku(cd)
            if p.sifat == SifatBerkas.WAJIB and not cd.get(f"berkas_{p.pk}_ada")
        ]

    def _periksa_kelengkapan(self, cd: dict[str, Any]) -> None:
        if "kategori" in self.fields and not cd.get("kategori"):
            return  # the category's own error says what to do
        kurang = self.berkas_kurang(cd)
        if self.aksi == AKSI_LENGKAP and kurang:
            raise ValidationError(
                _(
                    "Not every mandatory document is ticked as seen: %(daftar)s. Tick them, or "
                    "choose 'Documents incomplete'."
                )
                % {"daftar": ", ".join(p.nama for p in kurang)}
            )
        if self.aksi == AKSI_TIDAK_LENGKAP and not kurang and not cd.get("catatan_loket"):
            self.add_error(
                "catatan_loket",
                _(
                    "Every mandatory document is ticked. Write why the "
                    "documents are still incomplete."
                ),
            )


def token_baru() -> uuid.UUID:
    return uuid.uuid4()
