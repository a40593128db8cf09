"""The form a citizen fills at home: the loket's applicant and service fields and NIK/KK checks,
a scan for each document instead of the loket's ticks, the contact to confirm, and consent."""

from __future__ import annotations

from typing import Any

from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from layanan.forms.loket import BarisChecklist, FormulirPermohonan
from layanan.loket.validators import peringatan_nik
from layanan.models import PersyaratanBerkas, SifatBerkas
from layanan.notifikasi.nomor import normalkan

# The loket's own fields a citizen has no use for.
KOLOM_LOKET = (
    "token",
    "tanpa_nik",
    "alasan_tanpa_nik",
    "catatan_loket",
    "setuju_peringatan",
    "nomor_antrean",
    "notif_setuju",
    "notif_telepon",
    "notif_email",
)
PESAN_KONTAK = _("Write a WhatsApp number or an e-mail address: the code is sent there.")
PESAN_SETUJU = _("Tick the box to agree, or the office cannot process the application.")
PESAN_PINDAIAN = _("Upload a scan or photo of this document.")
MAKS_PINDAIAN_PER_BERKAS = 3


class FormulirDaring(FormulirPermohonan):
    kontak_telepon = forms.CharField(
        label=_("Your WhatsApp/SMS number"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    kontak_email = forms.EmailField(
        label=_("Your e-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    setuju = forms.BooleanField(label=_("I agree to the processing of my data as described above"))
    # Left empty by people, filled by robots: hidden by CSS.
    situs_web = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for nama in KOLOM_LOKET:
            self.fields.pop(nama, None)
        for p in self.persyaratan:
            self.fields.pop(f"berkas_{p.pk}_ada")
            self.fields.pop(f"berkas_{p.pk}_bentuk")
        self.fields["nik"].required = True
        self.fields["nik"].widget.attrs.pop("autofocus", None)
        self.fields["situs_web"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.fields["nama"].widget.attrs["autocomplete"] = "name"
        self.helper.layout = Layout(
            Fieldset(
                _("Applicant"),
                Field("nik"),
                Field("nomor_kk"),
                Field("nama"),
                Field("jenis_kelamin"),
                Field("telepon"),
                Field("tempat_lahir"),
                Field("tanggal_lahir"),
                Field("alamat"),
                Field("rt"),
                Field("rw"),
                Field("kode_kelurahan"),
                Div(
                    Field("kelurahan_lain"),
                    Field("kecamatan_lain"),
                    Field("kabupaten_kota_lain"),
                    css_class="wilayah-lain",
                ),
            ),
            Fieldset(
                _("Service details"),
                *([Field("kategori")] if "kategori" in self.fields else []),
                *[Field(f"isian_{k.kode}") for k in self.kolom_isian],
            )
            if self.kolom_isian or "kategori" in self.fields
            else HTML(""),
            HTML('{% include "daring/_berkas.html" %}'),
            Fieldset(
                _("Your contact"),
                HTML('<p class="small">{% include "daring/_teks_kontak.html" %}</p>'),
                Field("kontak_telepon"),
                Field("kontak_email"),
            ),
            HTML('{% include "daring/_persetujuan.html" %}'),
            Field("setuju"),
            HTML('<div class="d-none">'),
            Field("situs_web"),
            HTML("</div>"),
        )

    def baris_checklist(self) -> list[BarisChecklist]:
        """One row per document: its scan input and the scans kept (no loket ticks here)."""
        per_berkas: dict[int | None, list[Any]] = {}
        for scan in self.pindaian:
            per_berkas.setdefault(scan.persyaratan_id, []).append(scan)
        return [
            BarisChecklist(
                p,
                self[f"berkas_{p.pk}_file"],
                self[f"berkas_{p.pk}_file"],
                self[f"berkas_{p.pk}_file"],
                per_berkas.get(p.pk, []),
            )
            for p in self.persyaratan
        ]

    @property
    def robot(self) -> bool:
        return bool(self.data.get("situs_web"))

    def clean_kontak_telepon(self) -> str:
        nomor = self.cleaned_data.get("kontak_telepon", "").strip()
        return normalkan(nomor) if nomor else ""

    def clean(self) -> dict[str, Any] | None:
        cd = self.cleaned_data
        self._periksa_unggahan()
        cd["tanpa_nik"] = False
        nik = self._periksa_nik(cd) if cd.get("nik") else None
        self._periksa_wilayah(cd)
        self._periksa_isian(cd)
        tanpa_kontak = not cd.get("kontak_telepon") and not cd.get("kontak_email")
        if tanpa_kontak and not {"kontak_telepon", "kontak_email"} & set(self.errors):
            self.add_error("kontak_telepon", str(PESAN_KONTAK))
        if nik is not None:
            perempuan = None if not cd.get("jenis_kelamin") else cd["jenis_kelamin"] == "P"
            # Told to the loket, who checks the documents; never a reason to refuse here.
            self.peringatan += peringatan_nik(
                nik, tanggal_lahir=cd.get("tanggal_lahir"), perempuan=perempuan
            )
        if "kategori" in self.fields and not cd.get("kategori"):
            return cd
        for p in self.berkas_tanpa_pindaian(cd):
            nama = f"berkas_{p.pk}_file"
            if nama not in self.errors:
                self.add_error(nama, str(PESAN_PINDAIAN))
        return cd

    def berkas_tanpa_pindaian(self, cd: dict[str, Any]) -> list[PersyaratanBerkas]:
        """Mandatory documents of the chosen category with no scan kept or just checked."""
        ada = {s.persyaratan_id for s in self.pindaian} | set(self.unggahan)
        return [
            p for p in self.berkas_berlaku(cd) if p.sifat == SifatBerkas.WAJIB and p.pk not in ada
        ]

    def periksa_jumlah(self) -> None:
        """At most a few scans per document: the form is open to the internet."""
        per_berkas: dict[int | None, int] = {}
        for scan in self.pindaian:
            per_berkas[scan.persyaratan_id] = per_berkas.get(scan.persyaratan_id, 0) + 1
        for pk in list(self.unggahan):
            if per_berkas.get(pk, 0) >= MAKS_PINDAIAN_PER_BERKAS:
                del self.unggahan[pk]
                self.add_error(
                    f"berkas_{pk}_file",
                    ValidationError(
                        _("At most %(n)s scans per document: remove one first.")
                        % {"n": MAKS_PINDAIAN_PER_BERKAS}
                    ),
                )


def isian_json(cd: dict[str, Any], form: FormulirDaring) -> dict[str, Any]:
    """What was typed, as JSON the loket's decision turns back into the intake's data."""
    nama = [
        "nik",
        "nomor_kk",
        "nama",
        "tempat_lahir",
        "jenis_kelamin",
        "alamat",
        "rt",
        "rw",
        "kode_kelurahan",
        "kelurahan_lain",
        "kecamatan_lain",
        "kabupaten_kota_lain",
        "telepon",
    ] + [f"isian_{k.kode}" for k in form.kolom_isian]
    data: dict[str, Any] = {}
    for k in nama:
        nilai: Any = cd.get(k)
        data[k] = nilai.isoformat() if hasattr(nilai, "isoformat") else nilai
    lahir = cd.get("tanggal_lahir")
    data["tanggal_lahir"] = lahir.isoformat() if lahir else None
    kategori = cd.get("kategori")
    data["kategori"] = kategori.pk if kategori else None
    return data
