"""The satisfaction questionnaire (one form for the phone, the kiosk and paper entry), the
tracking-code form, the kiosk's set-up and the follow-up plan. A questionnaire missing answers
comes back naming every element left out, with everything answered kept."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from layanan.forms.pengaduan import batasi, teks
from layanan.forms.widgets import TanggalField
from layanan.ikm.selectors import layanan_kantor
from layanan.ikm.services import Isian
from layanan.ikm.unsur import Unsur, unsur_kantor
from layanan.models import JenisKelamin, Kantor, Layanan, Pekerjaan, Pendidikan

MAKS_SARAN = 2000
PESAN_PILIH = _("Choose one answer.")


class FormulirIkm(forms.Form):
    """The regulation's questionnaire: the service used (unless the link names it), one question
    per element with four answers, the respondent's profile, suggestions; on paper, the date."""

    layanan = forms.ModelChoiceField(
        label=_("Service you used"), queryset=Layanan.objects.none(), empty_label=_("— choose —")
    )
    umur = forms.IntegerField(
        label=_("Age (years)"),
        min_value=10,
        max_value=120,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "ikm-umur"}),
    )
    jenis_kelamin = forms.ChoiceField(
        label=_("Sex"), choices=JenisKelamin.choices, widget=forms.RadioSelect
    )
    pendidikan = forms.ChoiceField(
        label=_("Last education"), choices=Pendidikan.choices, widget=forms.RadioSelect
    )
    pekerjaan = forms.ChoiceField(
        label=_("Main occupation"), choices=Pekerjaan.choices, widget=forms.RadioSelect
    )
    saran = teks(_("Suggestions for this office (optional)"), baris=4)
    tanggal = TanggalField(label=_("Date on the form"))

    def __init__(
        self,
        *args: Any,
        kantor: Kantor,
        layanan_tetap: bool = False,
        kertas: bool = False,
        sebagian: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kantor = kantor
        self.sebagian = sebagian
        self.unsur: list[Unsur] = unsur_kantor(kantor)
        self.kurang: list[str] = []
        if layanan_tetap:
            del self.fields["layanan"]
        else:
            self.fields["layanan"].queryset = layanan_kantor(kantor)  # type: ignore[attr-defined]
        if not kertas:
            del self.fields["tanggal"]
        else:
            self.fields["tanggal"].initial = timezone.localtime(timezone.now(), kantor.zona).date()
        for u in self.unsur:
            self.fields[f"unsur_{u.kode}"] = forms.TypedChoiceField(
                label=str(u.nama),
                choices=u.pilihan(),
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
            )

    def kolom_unsur(self) -> list[tuple[Unsur, forms.BoundField]]:
        return [(u, self[f"unsur_{u.kode}"]) for u in self.unsur]

    def clean_saran(self) -> str:
        return batasi(self.cleaned_data.get("saran", ""), MAKS_SARAN)

    def clean(self) -> dict[str, Any] | None:
        cd = super().clean()
        if cd is None:
            return cd
        nilai = {u.kode: cd[f"unsur_{u.kode}"] for u in self.unsur if cd.get(f"unsur_{u.kode}")}
        dijawab = {u.kode for u in self.unsur if self.data.get(f"unsur_{u.kode}")}
        self.kurang = [str(u.nama) for u in self.unsur if u.kode not in dijawab]
        if not self.sebagian or not dijawab:
            for u in self.unsur:
                if u.kode not in dijawab:
                    self.add_error(f"unsur_{u.kode}", PESAN_PILIH)
        if self.kurang and (not self.sebagian or not dijawab):
            self.add_error(
                None,
                _("Answer every question. Not answered yet: %(daftar)s.")
                % {"daftar": ", ".join(self.kurang)},
            )
        cd["nilai"] = nilai
        return cd

    def isian(self, layanan: Layanan | None = None) -> Isian:
        cd = self.cleaned_data
        return Isian(
            umur=cd["umur"],
            jenis_kelamin=cd["jenis_kelamin"],
            pendidikan=cd["pendidikan"],
            pekerjaan=cd["pekerjaan"],
            nilai=cd["nilai"],
            saran=cd.get("saran", ""),
            layanan=layanan or cd.get("layanan"),
        )


class FormulirKode(forms.Form):
    kode = forms.CharField(
        label=_("Tracking code on your receipt"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "placeholder": "XXXX-XXXX-XXXX",
            }
        ),
    )


class FormulirPasangKios(forms.Form):
    token = forms.CharField(
        label=_("Kiosk token"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_("Shown once to the administrator who created the kiosk."),
    )


class FormulirRtl(forms.Form):
    unsur = forms.CharField(widget=forms.HiddenInput, max_length=40)
    kegiatan = teks(_("Programme or activity"), wajib=True, baris=3)
    waktu = teks(_("When"), wajib=True)
    penanggung_jawab = teks(_("Responsible"), wajib=True)

    def clean_kegiatan(self) -> str:
        return batasi(self.cleaned_data.get("kegiatan", ""), 2000)

    def clean_waktu(self) -> str:
        return batasi(self.cleaned_data.get("waktu", ""), 100)

    def clean_penanggung_jawab(self) -> str:
        return batasi(self.cleaned_data.get("penanggung_jawab", ""), 200)
