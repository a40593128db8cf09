"""Admin of an SOP's steps: the table on the service's page (branches, outcomes and the paraf
chain of each step, outcomes added in the same submission included) and a step's own page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from layanan.admin.saudara import SaudaraFormSet
from layanan.admin.site import PilihanBanyak, ScopedAdmin, ScopedInline, admin_site
from layanan.katalog.alur import Cabang, LangkahAlur, Masalah, periksa_alur, periksa_surat
from layanan.katalog.lembar import periksa_waktu
from layanan.katalog.status import alur_dari_model
from layanan.models import (
    HasilAkhir,
    Kantor,
    Langkah,
    Layanan,
    ParafLangkah,
    Peran,
    StatusLayanan,
    TemplatSurat,
)

# The model's own constraint messages: a new outcome is not saved yet, so its constraint
# cannot see it and the form says it instead.
PESAN_DUA_TUJUAN = {
    "lanjut_hasil": _(
        "Where the step leads when done: give a step number or an outcome, not both."
    ),
    "tidak_hasil": _("Where NO leads: give a step number or an outcome, not both."),
}
KOLOM_BARIS = [
    "nomor",
    "kegiatan",
    "peran",
    "jenis",
    "fungsi",
    "waktu_nilai",
    "waktu_satuan",
    "output",
    "lanjut_nomor",
    "lanjut_hasil",
    "tidak_nomor",
    "tidak_hasil",
]


def _cabang(nomor: int | None, hasil: HasilAkhir | None) -> Cabang:
    return Cabang(nomor=nomor, hasil=hasil.kode if hasil else None)


def alur_dari_form(cd: dict[str, Any]) -> LangkahAlur:
    return LangkahAlur(
        nomor=cd["nomor"],
        jenis=cd["jenis"],
        lanjut=_cabang(cd.get("lanjut_nomor"), cd.get("lanjut_hasil")),
        tidak=_cabang(cd.get("tidak_nomor"), cd.get("tidak_hasil")),
        ada_paraf=bool(cd.get("paraf")),
    )


def sedang_draf(layanan: Layanan) -> bool:
    """A draft (or a service not saved yet) saves in any state; any other is checked whole."""
    return layanan.pk is None or layanan.status == StatusLayanan.DRAF


def periksa_ketat(
    layanan: Layanan, alur: list[LangkahAlur], kode_hasil: list[str]
) -> list[Masalah]:
    """What an active or withdrawn service may not be saved with: a broken flow, initials on
    a step that is no signature, a signature without a letter."""
    masalah = periksa_alur(alur, kode_hasil)
    varian = TemplatSurat.objects.filter(layanan=layanan, hasil=None).values_list(
        "varian", flat=True
    )
    return masalah + periksa_surat(alur, varian, tanpa_surat=layanan.tanpa_surat)


def simpan_paraf(langkah: Langkah, peran: list[Peran]) -> None:
    """The chain of initials as chosen in the table: roles kept stay in their order, roles
    added follow in the office's column order (a different order is set on the step's page)."""
    ada = list(langkah.paraf.select_related("peran").order_by("urutan", "id"))
    dipilih = {p.pk for p in peran}
    for baris in ada:
        if baris.peran_id not in dipilih:
            baris.delete()
    tetap = [baris.peran for baris in ada if baris.peran_id in dipilih]
    baru = sorted((p for p in peran if p.pk not in {t.pk for t in tetap}), key=_urutan_peran)
    for urutan, p in enumerate([*tetap, *baru], start=1):
        ParafLangkah.objects.update_or_create(langkah=langkah, peran=p, defaults={"urutan": urutan})


def _urutan_peran(peran: Peran) -> tuple[int, str]:
    return (peran.urutan, peran.nama)


class LangkahBarisForm(forms.ModelForm):
    """One row of the step table, its paraf chain included."""

    paraf = PilihanBanyak(
        label=_("initialled first by"),
        queryset=Peran.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Signature steps: the roles that initial the draft first."),
    )

    class Meta:
        model = Langkah
        fields = KOLOM_BARIS

    def __init__(self, *args: Any, kantor: Kantor | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["paraf"].queryset = Peran.objects.filter(  # type: ignore[attr-defined]
            kantor=kantor, adalah_pemohon=False
        ).order_by("urutan", "nama")
        if self.instance.pk:
            self.initial["paraf"] = [p.peran_id for p in self.instance.paraf.all()]

    def clean(self) -> dict[str, Any] | None:
        cd = super().clean()
        for nomor, hasil in (("lanjut_nomor", "lanjut_hasil"), ("tidak_nomor", "tidak_hasil")):
            if cd and cd.get(nomor) is not None and cd.get(hasil) is not None:
                self.add_error(hasil, PESAN_DUA_TUJUAN[hasil])
        return cd

    def _save_m2m(self) -> None:
        super()._save_m2m()  # type: ignore[misc]
        if "paraf" in self.changed_data:
            simpan_paraf(self.instance, list(self.cleaned_data["paraf"]))


class LangkahFormSet(SaudaraFormSet):
    """A draft saves in any state (the check lists what is missing); an active service's steps
    are refused when their flow is broken or a signature has no letter. A step ends with an
    outcome of the outcomes' section, typed in the same submission or saved."""

    kantor: Kantor | None = None
    medan_kode = ("lanjut_hasil", "tidak_hasil")

    def model_sumber_relasi(self) -> Any:
        return self.instance.hasil.all() if self.instance.pk else []

    @property
    def hasil_tersedia(self) -> dict[str, Any]:
        return self.baris_sumber()

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "kantor": self.kantor}

    def clean(self) -> None:
        super().clean()
        if any(self.errors) or sedang_draf(self.instance):
            return
        hidup = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        masalah = periksa_ketat(
            self.instance,
            [alur_dari_form(f.cleaned_data) for f in hidup],
            list(self.hasil_tersedia),
        )
        if not masalah:
            return
        # Each message also beside the row of the step it names, so a long table need not be
        # searched; the list at the top stays for messages about no step in particular.
        for m in masalah:
            for form in hidup:
                if m.nomor is not None and form.cleaned_data["nomor"] == m.nomor:
                    form.add_error(None, str(m))
        raise ValidationError([str(m) for m in masalah])


def _tanpa_ikon(field: Any) -> Any:
    # The pencil/plus/cross icons beside every select crowd a table row; roles and outcomes
    # are edited in their own sections.
    widget = getattr(field, "widget", None)
    for flag in ("can_add_related", "can_change_related", "can_delete_related", "can_view_related"):
        if hasattr(widget, flag):
            setattr(widget, flag, False)
    return field


class LangkahInline(ScopedInline):
    """The step table: every column of a step, its branches and its paraf chain."""

    model = Langkah
    form = LangkahBarisForm
    formset = LangkahFormSet
    template = "admin/layanan/edit_inline/langkah.html"
    show_change_link = True
    fields = [*KOLOM_BARIS[:4], "paraf", *KOLOM_BARIS[4:]]

    class Media:
        css = {"all": ["css/langkah_admin.css"]}
        js = ["js/sop_admin.js"]

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).prefetch_related("paraf")

    def get_formset(self, request: HttpRequest, obj: Model | None = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (formset,), {"kantor": self.kantor_untuk(request, obj)})

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name in ("kegiatan", "output"):
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 24})
        if db_field.name in ("nomor", "waktu_nilai", "lanjut_nomor", "tidak_nomor"):
            kwargs["widget"] = forms.NumberInput(attrs={"class": "vSmallIntegerField"})
        return _tanpa_ikon(super().formfield_for_dbfield(db_field, request, **kwargs))


class ParafInline(ScopedInline):
    model = ParafLangkah
    kantor_lookup = "langkah__layanan__kantor"
    template = "admin/layanan/edit_inline/tabular.html"
    fields = ["urutan", "peran"]


class LangkahForm(forms.ModelForm):
    class Meta:
        model = Langkah
        fields = [
            "nomor",
            "kegiatan",
            "peran",
            "jenis",
            "fungsi",
            "kelengkapan",
            "waktu_nilai",
            "waktu_satuan",
            "output",
            "keterangan",
            "lanjut_nomor",
            "lanjut_hasil",
            "tidak_nomor",
            "tidak_hasil",
        ]

    def clean(self) -> dict[str, Any] | None:
        cd = super().clean()
        if cd is None or self.errors or not self.instance.layanan_id:
            return cd
        layanan = self.instance.layanan
        if sedang_draf(layanan):
            return cd
        lain = layanan.langkah.exclude(pk=self.instance.pk).select_related(
            "lanjut_hasil", "tidak_hasil"
        )
        alur = [alur_dari_model(s, ada_paraf=s.paraf.exists()) for s in lain]
        ada_paraf = self.instance.pk is not None and self.instance.paraf.exists()
        alur.append(alur_dari_form({**cd, "paraf": ada_paraf}))
        kode_hasil = list(layanan.hasil.values_list("kode", flat=True))
        if masalah := periksa_ketat(layanan, alur, kode_hasil):
            raise ValidationError([str(m) for m in masalah])
        return cd


@admin.register(Langkah, site=admin_site)
class LangkahAdmin(ScopedAdmin):
    """One step on its own page, for the longer texts and an unusual paraf order; steps are
    added in the service's page."""

    form = LangkahForm
    kantor_lookup = "layanan__kantor"
    list_display = ["__str__", "layanan", "peran", "jenis", "waktu_teks"]
    list_filter = ["jenis"]
    list_select_related = ["layanan", "peran"]
    inlines = [ParafInline]

    class Media:
        css = {"all": ["css/admin.css"]}

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.related_model is HasilAkhir and field is not None:
            langkah = getattr(request, "_langkah", None)
            field.queryset = field.queryset.filter(
                layanan_id=langkah.layanan_id if langkah else None
            )
        return field

    def get_form(self, request: HttpRequest, obj: Model | None = None, **kwargs: Any) -> Any:
        request._langkah = obj  # type: ignore[attr-defined]
        return super().get_form(request, obj, **kwargs)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        peringatan = periksa_waktu(form.instance.layanan)
        if peringatan is not None:  # saved all the same: the SOP is the office's document
            messages.warning(request, peringatan.pesan)
