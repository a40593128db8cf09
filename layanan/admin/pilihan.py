"""Choices of another row of an office (a role, a user account) grouped and labelled by office.

The national superuser configures every office: a list of every office's roles ("Kadin",
"Kadin", "Kadin"...) cannot be read. Each option says its office and name, options are grouped
per office, and js/pilihan_kantor.js keeps only the office chosen on the form; the server checks
it again (a role of another office is refused), so the script is only a convenience.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.db.models import Model
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue


class PilihanPerKantor(ModelChoiceIterator):
    """The empty choice, then one group per office: (office, [(value, label), ...])."""

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        kelompok: dict[Any, list[Any]] = {}
        urutan = [o for o in self.queryset.model._meta.ordering if o != "kantor"] or ["pk"]
        for obj in self.queryset.select_related("kantor").order_by("kantor", *urutan):
            kelompok.setdefault(obj.kantor, []).append(self.choice(obj))
        for kantor, pilihan in kelompok.items():
            yield (str(kantor), pilihan)

    def __len__(self) -> int:
        return self.queryset.count() + (1 if self.field.empty_label is not None else 0)


class SelectPerKantor(forms.Select):
    """Each option carries its office's id, for the script that follows the office field."""

    def __init__(self, *args: Any, kantor_dari: str = "kantor", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.attrs["data-kantor-dari"] = kantor_dari

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        opsi = super().create_option(name, value, *args, **kwargs)
        obj = (
            getattr(value, "instance", None)
            if isinstance(value, ModelChoiceIteratorValue)
            else None
        )
        if obj is not None:
            opsi["attrs"]["data-kantor"] = str(obj.kantor_id)
        return opsi


def per_kantor(field: forms.ModelChoiceField) -> forms.ModelChoiceField:
    """Turn an admin foreign-key field into the grouped, labelled choice of an office's rows."""
    field.iterator = PilihanPerKantor
    field.label_from_instance = _label  # type: ignore[method-assign]
    # Rows without an office (a national superuser's account) are no office's to choose; the
    # assignment also makes the widget's choices follow the new iterator.
    if field.queryset is not None:
        field.queryset = field.queryset.filter(kantor__isnull=False)
    return field


def _label(obj: Model) -> str:
    return f"{obj} · {obj.kantor}"  # type: ignore[attr-defined]
