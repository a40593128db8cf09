"""Choices among the rows of an earlier section of the same page (a step's outcome, a document's
applicant category), those typed in the same submission included: chosen by code, cleaned to
the row itself, which its section saves before the later one is (sections save in page order)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Model
from django.forms.models import BaseInlineFormSet


class PilihanKode(forms.ChoiceField):
    """A row chosen by its code among `baris` (code → row; a renamed row under both codes)."""

    def __init__(self, *, baris: dict[str, Model], **kwargs: Any) -> None:
        self.baris = baris
        unik = {id(b): b for b in baris.values()}.values()
        pilihan = [("", "—"), *((b.kode, b.nama or b.kode) for b in unik)]  # type: ignore[attr-defined]
        super().__init__(choices=pilihan, required=False, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Model):
            return value.kode  # type: ignore[attr-defined]
        if isinstance(value, int):  # a saved row's initial value: the chosen row's id
            return next((b.kode for b in self.baris.values() if b.pk == value), "")  # type: ignore[attr-defined]
        return value

    def valid_value(self, value: Any) -> bool:
        return str(value) in self.baris

    def clean(self, value: Any) -> Model | None:
        kode = super().clean(value)
        return self.baris.get(kode) if kode else None

    def has_changed(self, initial: Any, data: Any) -> bool:
        baru = self.baris.get(data or "")
        return (self.prepare_value(initial) or "") != (baru.kode if baru else "")  # type: ignore[attr-defined]


def baris_tersedia(sumber: BaseInlineFormSet | None, simpanan: Any) -> dict[str, Model]:
    """Code → row of the earlier section: as submitted (new rows too, a renamed one under both
    codes, deleted ones left out), or as saved (`simpanan`, a queryset) when only shown."""
    if sumber is None or not sumber.is_bound:
        return {b.kode: b for b in simpanan}
    sumber.is_valid()
    tersedia: dict[str, Model] = {}
    for form in sumber.forms:
        cd = getattr(form, "cleaned_data", None) or {}
        if cd.get("DELETE") or (form.instance.pk is None and not form.has_changed()):
            continue
        for kode in (form.initial.get("kode"), cd.get("kode") or form["kode"].value()):
            if kode:
                tersedia[str(kode).strip()] = form.instance
    return tersedia


class SaudaraFormSet(BaseInlineFormSet):
    """A section whose `medan_kode` fields choose among the rows of the earlier section
    `sumber` (set by the page, see LayananAdmin._create_formsets), of model `model_sumber`."""

    medan_kode: tuple[str, ...] = ()
    sumber: BaseInlineFormSet | None = None

    def baris_sumber(self) -> dict[str, Model]:
        if not hasattr(self, "_baris_sumber"):
            relasi = self.model_sumber_relasi()
            self._baris_sumber = baris_tersedia(self.sumber, relasi)
        return self._baris_sumber

    def model_sumber_relasi(self) -> Any:
        raise NotImplementedError

    def _construct_form(self, i: int, **kwargs: Any) -> Any:
        form = super()._construct_form(i, **kwargs)  # type: ignore[misc]
        self._pasang(form)
        return form

    @property
    def empty_form(self) -> Any:
        form = super().empty_form
        self._pasang(form)
        return form

    def _pasang(self, form: forms.BaseForm) -> None:
        for nama in self.medan_kode:
            if nama in form.fields:
                lama = form.fields[nama]
                form.fields[nama] = PilihanKode(
                    baris=self.baris_sumber(), label=lama.label, help_text=lama.help_text
                )
