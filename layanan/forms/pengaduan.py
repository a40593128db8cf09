"""Complaint forms: the public form (no login), staff entry from any channel, and the handling
actions. Every text has a cap with a message that says how much was typed, and no `maxlength`
that would cut a pasted text silently; a form sent back keeps everything typed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from layanan.forms.widgets import PindaianInput
from layanan.loket.unggahan import BerkasBersih, periksa_unggahan
from layanan.models import (
    JenisPengaduan,
    Kantor,
    KategoriPengaduan,
    KeputusanPengaduan,
    Pengguna,
    SaluranPengaduan,
)
from layanan.notifikasi.nomor import PESAN_KONTAK_KABAR, alamat_kabar

MAKS_URAIAN = 5000
MAKS_PENDEK = 150
PESAN_PANJANG = _(
    "At most %(maks)s characters; you wrote %(n)s. Shorten it: nothing you typed was lost."
)


def batasi(teks: str, maks: int) -> str:
    """The text, trimmed; over `maks` characters it is refused with both numbers."""
    teks = (teks or "").strip()
    if len(teks) > maks:
        raise ValidationError(
            PESAN_PANJANG,
            code="terlalu_panjang",
            params={
                "maks": number_format(maks, force_grouping=True),
                "n": number_format(len(teks), force_grouping=True),
            },
        )
    return teks


def teks(label: Any, *, wajib: bool = False, baris: int = 0, **extra: Any) -> forms.CharField:
    """A text field without a `maxlength` (our own cap says how much was typed)."""
    widget = forms.Textarea(attrs={"rows": baris}) if baris else forms.TextInput()
    return forms.CharField(label=label, required=wajib, widget=widget, strip=False, **extra)


def pilihan_kategori(kantor: Kantor) -> list[Any]:
    """Main categories with their sub-categories as option groups; a main category without
    sub-categories is an option of its own."""
    semua = list(
        KategoriPengaduan.objects.filter(kantor=kantor, aktif=True).order_by("urutan", "pk")
    )
    pilihan: list[Any] = [("", _("— choose —"))]
    for induk in (k for k in semua if k.induk_id is None):
        anak = [(str(k.pk), k.nama) for k in semua if k.induk_id == induk.pk]
        pilihan.append((induk.nama, anak) if anak else (str(induk.pk), induk.nama))
    return pilihan


class FormulirPengaduan(forms.Form):
    """What a citizen tells: the public form. Name and contact may stay empty (anonymous)."""

    jenis = forms.ModelChoiceField(
        label=_("Kind"), queryset=JenisPengaduan.objects.none(), empty_label=None
    )
    kategori = forms.ChoiceField(label=_("What it is about"))
    uraian = teks(
        _("What happened"),
        wajib=True,
        baris=6,
        help_text=_("When, where, who was involved. At most 5,000 characters."),
    )
    rujukan = teks(
        _("Registration number or tracking code it concerns (if any)"),
        help_text=_("As on your receipt, e.g. 00012/REG/2026 or 7KQ2-M9XD-4TRW."),
    )
    terlapor_nama = teks(
        _("Officer concerned (if the complaint is about an officer)"),
        help_text=_("Their name, or where and when you met them."),
    )
    lampiran = forms.FileField(
        label=_("Photo or PDF (optional)"),
        required=False,
        widget=PindaianInput(),
        help_text=_("JPEG, PNG or PDF."),
    )
    nama_pelapor = teks(_("Your name (optional)"))
    kontak_pelapor = teks(
        _("Phone, WhatsApp or e-mail (optional)"),
        help_text=_("Leave both empty to complain anonymously: follow it with the tracking code."),
    )
    kabari_pelapor = forms.BooleanField(
        label=_("Send me a message when it is answered"),
        required=False,
        help_text=_("To the mobile number (WhatsApp/SMS) or e-mail above."),
    )
    # Left empty by people, filled by robots: the field is hidden by CSS (css/pengaduan.css).
    situs_web = forms.CharField(label=_("Leave this field empty"), required=False)
    token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, kantor: Kantor, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.kantor = kantor
        self.fields["jenis"].queryset = JenisPengaduan.objects.filter(  # type: ignore[attr-defined]
            kantor=kantor, aktif=True
        )
        self.fields["kategori"].choices = pilihan_kategori(kantor)  # type: ignore[attr-defined]
        self.fields["kontak_pelapor"].widget.attrs["autocomplete"] = "tel"
        self.fields["nama_pelapor"].widget.attrs["autocomplete"] = "name"
        self.fields["situs_web"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.lampiran_bersih: BerkasBersih | None = None

    def clean_kategori(self) -> KategoriPengaduan:
        pk = _angka(self.cleaned_data.get("kategori"))
        kategori = (
            KategoriPengaduan.objects.filter(kantor=self.kantor, aktif=True, pk=pk).first()
            if pk is not None
            else None
        )
        if kategori is None:
            raise ValidationError(_("Choose what the complaint is about."))
        return kategori

    def clean_uraian(self) -> str:
        uraian = batasi(self.cleaned_data.get("uraian", ""), MAKS_URAIAN)
        if not uraian:
            raise ValidationError(_("Tell what happened."))
        return uraian

    def clean_rujukan(self) -> str:
        return batasi(self.cleaned_data.get("rujukan", ""), 40).upper()

    def clean_terlapor_nama(self) -> str:
        return batasi(self.cleaned_data.get("terlapor_nama", ""), MAKS_PENDEK)

    def clean_nama_pelapor(self) -> str:
        return batasi(self.cleaned_data.get("nama_pelapor", ""), MAKS_PENDEK)

    def clean_kontak_pelapor(self) -> str:
        return batasi(self.cleaned_data.get("kontak_pelapor", ""), MAKS_PENDEK)

    def clean_kabari_pelapor(self) -> bool:
        kabari = bool(self.cleaned_data.get("kabari_pelapor"))
        kontak = batasi(str(self.data.get("kontak_pelapor", "")), MAKS_PENDEK)
        if kabari and not any(alamat_kabar(kontak)):
            raise ValidationError(PESAN_KONTAK_KABAR)
        return kabari

    def clean_lampiran(self) -> Any:
        berkas = self.cleaned_data.get("lampiran")
        if berkas:
            self.lampiran_bersih = periksa_unggahan(berkas)  # by its content, as loket scans
        return berkas

    @property
    def robot(self) -> bool:
        return bool(self.data.get("situs_web"))


SALURAN_STAF = [
    (k, v)
    for k, v in SaluranPengaduan.choices
    if k not in (SaluranPengaduan.WEB, SaluranPengaduan.DITERUSKAN)
]


class FormulirPengaduanStaf(FormulirPengaduan):
    """What arrived by phone, e-mail, fax, the suggestion box, WhatsApp, in person or through
    SP4N-LAPOR!, recorded by staff with its channel."""

    saluran = forms.ChoiceField(label=_("Received through"), choices=SALURAN_STAF)
    lapor_id = teks(_("LAPOR! tracking ID"), help_text=_("Only for a complaint from SP4N-LAPOR!."))
    lapor_diterima_pada = forms.DateTimeField(
        label=_("Received from LAPOR! at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        help_text=_("When LAPOR! passed it to the office; now if empty."),
    )
    terlapor = forms.ModelChoiceField(
        label=_("Officer's account (if the complaint names one)"),
        queryset=Pengguna.objects.none(),
        required=False,
    )

    field_order = ["saluran", "lapor_id", "lapor_diterima_pada", "jenis", "kategori"]

    def __init__(self, *args: Any, kantor: Kantor, **kwargs: Any):
        super().__init__(*args, kantor=kantor, **kwargs)
        del self.fields["situs_web"]
        self.fields["nama_pelapor"].label = _("Complainant's name (optional)")
        self.fields["kontak_pelapor"].label = _("Complainant's phone or e-mail (optional)")
        self.fields["terlapor"].queryset = Pengguna.objects.filter(  # type: ignore[attr-defined]
            kantor=kantor, is_active=True
        ).order_by("first_name", "username")

    @property
    def robot(self) -> bool:
        return False

    def clean_lapor_id(self) -> str:
        return batasi(self.cleaned_data.get("lapor_id", ""), 30)

    def clean(self) -> dict[str, Any] | None:
        cd = super().clean()
        if cd is None or cd.get("saluran") != SaluranPengaduan.LAPOR:
            if cd is not None:
                cd["lapor_id"], cd["lapor_diterima_pada"] = "", None
            return cd
        if not cd.get("lapor_id"):
            self.add_error("lapor_id", _("A complaint from LAPOR! keeps its tracking ID."))
        waktu = cd.get("lapor_diterima_pada") or timezone.now()
        if waktu > timezone.now():
            self.add_error("lapor_diterima_pada", _("This time has not come yet."))
        cd["lapor_diterima_pada"] = waktu
        return cd


def _angka(nilai: Any) -> int | None:
    teks_ = str(nilai or "")
    return int(teks_) if teks_.isascii() and teks_.isdigit() and len(teks_) < 18 else None


# ---------------------------------------------------------------------------
# Handling
# ---------------------------------------------------------------------------
class FormulirCatatan(forms.Form):
    catatan = teks(_("Note for the record"), baris=2)

    def clean_catatan(self) -> str:
        return batasi(self.cleaned_data.get("catatan", ""), MAKS_URAIAN)


class FormulirTanya(forms.Form):
    prefix = "tanya"  # one page holds every action's form: ids stay unique
    pertanyaan = teks(
        _("What the complainant is asked"),
        wajib=True,
        baris=3,
        help_text=_("They read it on the status page with their tracking code."),
    )

    def clean_pertanyaan(self) -> str:
        return batasi(self.cleaned_data.get("pertanyaan", ""), 2000)


class FormulirPerpanjang(forms.Form):
    prefix = "perpanjang"  # one page holds every action's form: ids stay unique
    hari_kerja = forms.IntegerField(label=_("Extend by (working days)"), min_value=1)
    alasan = teks(_("Why"), wajib=True, baris=2)

    def __init__(self, *args: Any, maks: int, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["hari_kerja"].validators.append(MaxValueValidator(maks))
        self.fields["hari_kerja"].widget.attrs["max"] = maks

    def clean_alasan(self) -> str:
        return batasi(self.cleaned_data.get("alasan", ""), 2000)


KEPUTUSAN_TUTUP = [
    (k, v)
    for k, v in KeputusanPengaduan.choices
    if k not in (KeputusanPengaduan.DITERUSKAN, KeputusanPengaduan.DIALIHKAN)
]


class FormulirTutup(forms.Form):
    prefix = "tutup"  # one page holds every action's form: ids stay unique
    keputusan = forms.ChoiceField(
        label=_("Decision"), choices=KEPUTUSAN_TUTUP, widget=forms.RadioSelect
    )
    jawaban = teks(
        _("Answer to the complainant"),
        wajib=True,
        baris=5,
        help_text=_("Shown on the status page; write it for the citizen."),
    )

    def clean_jawaban(self) -> str:
        return batasi(self.cleaned_data.get("jawaban", ""), MAKS_URAIAN)


class FormulirTeruskan(forms.Form):
    prefix = "teruskan"  # one page holds every action's form: ids stay unique
    kantor_tujuan = forms.ModelChoiceField(
        label=_("Another office in this system"),
        queryset=Kantor.objects.none(),
        required=False,
    )
    tujuan = teks(
        _("or another agency"),
        help_text=_("e.g. Inspektorat Kota Metro, Dinas Dukcapil, bank penyalur."),
    )
    jawaban = teks(_("Answer to the complainant"), wajib=True, baris=3)

    def __init__(self, *args: Any, kantor: Kantor, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["kantor_tujuan"].queryset = Kantor.objects.exclude(pk=kantor.pk)  # type: ignore[attr-defined]

    def clean_tujuan(self) -> str:
        return batasi(self.cleaned_data.get("tujuan", ""), 255)

    def clean_jawaban(self) -> str:
        return batasi(self.cleaned_data.get("jawaban", ""), MAKS_URAIAN)

    def clean(self) -> dict[str, Any] | None:
        cd = super().clean()
        if cd is not None and not cd.get("kantor_tujuan") and not cd.get("tujuan"):
            raise ValidationError(_("Say to whom the complaint is forwarded."))
        return cd


class FormulirTerlapor(forms.Form):
    prefix = "terlapor"  # one page holds every action's form: ids stay unique
    terlapor = forms.ModelChoiceField(label=_("Officer named"), queryset=Pengguna.objects.none())
    catatan = teks(_("Note for the record"), baris=2)

    def __init__(self, *args: Any, kantor: Kantor, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["terlapor"].queryset = Pengguna.objects.filter(  # type: ignore[attr-defined]
            kantor=kantor, is_active=True
        ).order_by("first_name", "username")

    def clean_catatan(self) -> str:
        return batasi(self.cleaned_data.get("catatan", ""), 2000)


class FormulirAlasan(forms.Form):
    """Reopening (staff) or appealing (the complainant): why it is not settled."""

    alasan = teks(_("Why the complaint is not settled"), wajib=True, baris=4)

    def clean_alasan(self) -> str:
        return batasi(self.cleaned_data.get("alasan", ""), MAKS_URAIAN)


class FormulirTanggapan(forms.Form):
    """The complainant's answer to the office's question, on the status page."""

    isi = teks(_("Your answer"), wajib=True, baris=4)

    def clean_isi(self) -> str:
        return batasi(self.cleaned_data.get("isi", ""), MAKS_URAIAN)
