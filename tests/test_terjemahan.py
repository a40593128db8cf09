"""The Indonesian catalogue, read as translators' tools read it: every entry translated, none
fuzzy, and the compiled .mo exactly what the .po says (scripts/terjemahkan refreshes both)."""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[1] / "locale" / "id" / "LC_MESSAGES"


def test_every_entry_is_translated_and_none_is_fuzzy():
    po = polib.pofile(str(LOCALE / "django.po"))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert len(po.translated_entries()) > 500


def test_the_compiled_catalogue_is_the_po_file():
    po = {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
        for e in polib.pofile(str(LOCALE / "django.po"))
        if not e.obsolete
    }
    mo = {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
        for e in polib.mofile(str(LOCALE / "django.mo"))
    }
    assert {k: v for k, v in po.items() if k[1]} == {k: v for k, v in mo.items() if k[1]}
