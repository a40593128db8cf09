"""Template helpers every page shares: the title that says a page reports errors, and messages
that belong to one field."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib import messages
from django.forms import BaseForm
from django.utils.translation import gettext

register = template.Library()


def jumlah_kesalahan(context: template.Context) -> int:
    """How many errors the page reports: its form's, its error messages and any the view counted
    (`kesalahan` in the context: a code nobody has, a file that is not the letter)."""
    n = 0
    form = context.get("form")
    if isinstance(form, BaseForm) and form.is_bound:
        n += sum(len(daftar) for daftar in form.errors.values())
    for pesan in context.get("messages") or []:
        n += pesan.level >= messages.ERROR
    return n + int(context.get("kesalahan") or 0)


@register.simple_tag(takes_context=True)
def awalan_judul(context: template.Context) -> str:
    """ "Kesalahan: " or "3 kesalahan: " before the page's title: the title is the first thing a
    screen reader says of a page, and a form sent back with errors looked like the same page."""
    n = jumlah_kesalahan(context)
    if not n:
        return ""
    # Two messages, not ngettext: Indonesian has one plural form, and one error reads
    # "Kesalahan: ", not "1 kesalahan: ".
    return gettext("Error: ") if n == 1 else gettext("%(n)d errors: ") % {"n": n}


@register.simple_tag(takes_context=True)
def pesan_kolom(context: template.Context, kolom: str) -> Any:
    """The message the view left for one field (`extra_tags=kolom`), or None: the field is then
    marked invalid and described by that message (partials/_messages.html gives it its id)."""
    return next(
        (p for p in context.get("messages") or [] if p.extra_tags == kolom),
        None,
    )


@register.simple_tag
def daftar_kesalahan(form: BaseForm) -> list[tuple[str, str, str]]:
    """(id of the field, its label, the message) of every error: the form's own first (no id),
    then the fields' in the order the page shows them."""
    hasil: list[tuple[str, str, str]] = [("", "", str(e)) for e in form.non_field_errors()]
    for kolom in form:
        # A radio group's first choice, since Django's id_for_label names no single input.
        sasaran = kolom.id_for_label or f"{kolom.auto_id}_0"
        hasil += [(sasaran, str(kolom.label), str(e)) for e in kolom.errors]
    return hasil


@register.filter
def inisial(nama: str) -> str:
    """ "B*** S******" → "B S": what a masked name says out loud, instead of a run of asterisks."""
    return " ".join(kata[0] for kata in str(nama).split())
