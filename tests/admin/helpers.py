"""Builds the POST data of an admin change form from the page the admin rendered."""

from typing import Any


def _nilai(field: Any, value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return [getattr(v, "pk", v) for v in value]
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, bool):
        return "on" if value else ""
    return value


def data_dari_halaman(response) -> dict[str, Any]:
    data: dict[str, Any] = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        nilai = _nilai(field, form.initial.get(name, field.initial))
        if nilai != "" or not isinstance(nilai, str):
            data[form.add_prefix(name)] = nilai
    for inline in response.context["inline_admin_formsets"]:
        fs = inline.formset
        mgmt = fs.management_form
        for name in mgmt.fields:
            data[mgmt.add_prefix(name)] = mgmt.initial.get(name, mgmt[name].value())
        for f in fs.forms:
            for name, field in f.fields.items():
                # A field's own reading of its initial value (an outcome's code, not its id).
                nilai = _nilai(field, field.prepare_value(f.initial.get(name, field.initial)))
                if name == "id" and f.instance.pk:
                    nilai = f.instance.pk
                if name == fs.fk.name:
                    nilai = fs.instance.pk
                if nilai == "" or nilai is False:
                    continue
                data[f.add_prefix(name)] = nilai
    return data
