"""Templates an office administrator writes (letter bodies), rendered in a sandbox.

An administrator is trusted with their own office only, so their template text is hostile input.
Three walls:
1. A template engine of its own with a short list of tags and filters: no `load`, `include`,
   `extends`, `debug`, `autoescape`, `safe`, nothing that reads files or marks text safe, nothing
   that can make a huge output from a small input (`ljust:"999999999"`, `lorem`).
2. The data it sees is plain (`data_polos`): strings, numbers, booleans, dates, and read-only
   dicts and tuples of those, built for the purpose. No model instance, queryset or callable ever
   reaches it, so there is no relation to walk and no method to call.
3. Limits on the text's and the output's size, on loop nesting and on how deep the output's
   HTML elements nest (WeasyPrint lays out each level by recursion, and a few hundred levels
   exhaust it), so a template can neither stall a worker nor crash a letter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from decimal import Decimal
from functools import lru_cache
from html.parser import HTMLParser
from types import MappingProxyType
from typing import Any

from django.template import (
    Context,
    Engine,
    Library,
    TemplateSyntaxError,
    defaultfilters,
    defaulttags,
)
from django.template.base import (
    FilterExpression,
    Node,
    NodeList,
    Variable,
    VariableDoesNotExist,
    VariableNode,
)
from django.template.defaulttags import FilterNode, ForNode, WithNode
from django.utils.translation import gettext as _

TAG_BOLEH = (
    "if",
    "for",
    "with",
    "firstof",
    "comment",
    "spaceless",
    "verbatim",
    "templatetag",
    "now",
    "widthratio",
    "cycle",
    "ifchanged",
    "filter",
)
FILTER_BOLEH = (
    "add",
    "capfirst",
    "cut",
    "date",
    "default",
    "default_if_none",
    "divisibleby",
    "escape",
    "first",
    "force_escape",
    "join",
    "last",
    "length",
    "linebreaks",
    "linebreaksbr",
    "lower",
    "make_list",
    "pluralize",
    "slice",
    "time",
    "title",
    "truncatechars",
    "truncatewords",
    "upper",
    "wordcount",
    "yesno",
)
MAKS_KEDALAMAN_LOOP = 2
MAKS_PANJANG_SUMBER = 20_000  # characters an administrator may write; a letter is 1,000-3,000
# Characters of output: a letter body is a few thousand; 50,000 are about 15 pages, laid out in
# about a second (a table of 6,000 rows took WeasyPrint 21 s).
MAKS_PANJANG_HASIL = 50_000
MAKS_KEDALAMAN_HTML = 40  # nested elements; WeasyPrint's recursion gave out at a few hundred
# Renders of a loop body's parts in one body: a letter loops over a few persons, while two loops
# over the letters of an address (`|make_list`) would run 65,000 times.
MAKS_PUTARAN = 5_000

register = Library()
for _nama in TAG_BOLEH:
    register.tag(_nama, defaulttags.register.tags[_nama])
for _nama in FILTER_BOLEH:
    register.filter(_nama, defaultfilters.register.filters[_nama])


class MesinAman(Engine):
    # Engine always adds Django's own tags and filters; this one starts from nothing.
    default_builtins: list[str] = []


MESIN = MesinAman(
    builtins=["layanan.surat.templat_aman"], libraries={}, loaders=[], autoescape=True
)


class TemplatTidakAman(ValueError):
    """A template or its data outside the sandbox; the message says why, in Indonesian."""


# ---------------------------------------------------------------------------
# Plain data
# ---------------------------------------------------------------------------
Polos = str | int | float | Decimal | bool | dt.date | None
JENIS_POLOS = (str, int, float, Decimal, bool, dt.date, type(None))  # datetime is a date


def data_polos(nilai: Any, *, jalur: str = "") -> Any:
    """`nilai` as read-only plain data, or TypeError: the only data a template may see."""
    if isinstance(nilai, JENIS_POLOS):
        return nilai
    if isinstance(nilai, Mapping):
        hasil = {}
        for kunci, isi in nilai.items():
            if not isinstance(kunci, str):
                raise TypeError(f"{jalur}: keys must be strings")
            hasil[kunci] = data_polos(isi, jalur=f"{jalur}.{kunci}")
        return MappingProxyType(hasil)
    if isinstance(nilai, list | tuple):
        return tuple(data_polos(x, jalur=f"{jalur}[]") for x in nilai)
    raise TypeError(f"{jalur or 'data'}: {type(nilai).__name__} is not plain data")


class DataPolos:
    """Data already checked by data_polos: several texts rendered against the same data (a
    message's subject and body) check it once."""

    __slots__ = ("data",)

    def __init__(self, konteks: Mapping[str, Any]) -> None:
        try:
            self.data = data_polos(konteks)
        except TypeError as e:
            raise TemplatTidakAman(
                _("The template could not be filled in: %(e)s") % {"e": e}
            ) from e


# ---------------------------------------------------------------------------
# Compile, check, render
# ---------------------------------------------------------------------------
def kompilasi(isi: str) -> Any:
    if len(isi) > MAKS_PANJANG_SUMBER:
        raise TemplatTidakAman(
            _("A letter body may be at most %(n)s characters long; this one has %(m)s.")
            % {"n": f"{MAKS_PANJANG_SUMBER:,}".replace(",", "."), "m": len(isi)}
        )
    try:
        templat = MESIN.from_string(isi)
    except TemplateSyntaxError as exc:
        raise TemplatTidakAman(
            _("Template syntax error: %(e)s") % {"e": _pesan_sintaks(exc)}
        ) from exc
    kedalaman = _kedalaman_loop(templat.nodelist)
    if kedalaman > MAKS_KEDALAMAN_LOOP:
        raise TemplatTidakAman(
            _("Loops may be nested at most %(n)s deep.") % {"n": MAKS_KEDALAMAN_LOOP}
        )
    _jaga_loop(templat.nodelist)
    return templat


class _JagaPutaran(Node):
    """A part of a loop's body, counted as it renders: how often, and how much it writes. The
    output's size is measured at the end too, but a loop must stop before it has written
    megabytes."""

    def __init__(self, node: Node) -> None:
        self.nodelist = NodeList([node])

    def render(self, context: Context) -> str:
        hitung = context.render_context.get("jaga_putaran")
        if hitung is None:
            hitung = context.render_context["jaga_putaran"] = [0, 0]
        keluar = self.nodelist.render(context)
        hitung[0] += 1
        hitung[1] += len(keluar)
        if hitung[0] > MAKS_PUTARAN:
            raise TemplatTidakAman(_("A loop runs far too many times."))
        if hitung[1] > MAKS_PANJANG_HASIL:
            raise TemplatTidakAman(_("The template produces far too much text."))
        return keluar


def _jaga_loop(nodelist: NodeList) -> None:
    """Every part of every loop body counted (a nested loop's parts within it, once)."""
    for node in nodelist:
        for nama in node.child_nodelists:
            anak = getattr(node, nama, None)
            if anak:
                _jaga_loop(anak)
        if isinstance(node, ForNode):
            node.nodelist_loop = NodeList(
                n if isinstance(n, ForNode) else _JagaPutaran(n)
                for n in node.nodelist_loop
                if isinstance(n, Node)
            )


def _pesan_sintaks(exc: TemplateSyntaxError) -> str:
    teks = str(exc)
    if "Invalid block tag" in teks or "Invalid filter" in teks:
        return _("%(e)s. Allowed tags: %(tag)s. Allowed filters: %(filter)s.") % {
            "e": teks.split(". Did you forget")[0],
            "tag": ", ".join(TAG_BOLEH),
            "filter": ", ".join(FILTER_BOLEH),
        }
    return teks


@lru_cache(maxsize=256)
def kompilasi_tersimpan(isi: str) -> Any:
    """A text compiled once per process: a notification's text is rendered for every message,
    a letter body for every draft. A compiled template keeps no state between renders (the loop
    guards count in the render's own context), so one copy serves every render."""
    return kompilasi(isi)


def render_aman(isi: str, konteks: Mapping[str, Any] | DataPolos, *, html: bool = True) -> str:
    """The body rendered against plain data, every value escaped. `html=False` gives plain
    text (a WhatsApp or e-mail message): nothing escaped, since nothing reads it as HTML."""
    templat = kompilasi_tersimpan(isi)
    try:
        # The top level is a dict of its own: `{% cycle ... as x %}` writes into it.
        data = dict(konteks.data if isinstance(konteks, DataPolos) else data_polos(konteks))
        hasil = templat.render(Context(data, autoescape=html))
    except TemplatTidakAman:
        raise
    except (VariableDoesNotExist, TemplateSyntaxError, TypeError, ValueError, ArithmeticError) as e:
        raise TemplatTidakAman(_("The template could not be filled in: %(e)s") % {"e": e}) from e
    if len(hasil) > MAKS_PANJANG_HASIL:
        raise TemplatTidakAman(_("The template produces far too much text."))
    if html and kedalaman_html(hasil) > MAKS_KEDALAMAN_HTML:
        raise TemplatTidakAman(
            _("HTML elements may be nested at most %(n)s deep (is a closing tag missing?).")
            % {"n": MAKS_KEDALAMAN_HTML}
        )
    return hasil


VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)
# Elements a new one of their kind closes without an end tag (a <p> after a <p>).
DITUTUP_SAUDARA = {
    "p": {"p"},
    "li": {"li"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "tr": {"tr", "td", "th"},
    "td": {"td", "th"},
    "th": {"td", "th"},
    "option": {"option"},
}


class _PengukurKedalaman(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.terbuka: list[str] = []
        self.terdalam = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in VOID:
            return
        saudara = DITUTUP_SAUDARA.get(tag, set())
        while self.terbuka and self.terbuka[-1] in saudara:
            self.terbuka.pop()
        self.terbuka.append(tag)
        self.terdalam = max(self.terdalam, len(self.terbuka))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.terbuka:
            while self.terbuka.pop() != tag:
                pass


def kedalaman_html(html: str) -> int:
    """How deep the elements of `html` nest, at most (counting generously: an element never
    closed counts as open to the end)."""
    pengukur = _PengukurKedalaman()
    pengukur.feed(html)
    pengukur.close()
    return pengukur.terdalam


def periksa(isi: str, konteks_contoh: Mapping[str, Any]) -> list[str]:
    """Errors of a template before it is saved: syntax, tags and filters outside the sandbox,
    nesting, and every variable (in `{{ }}`, in tags, in filter arguments) that is not documented."""
    try:
        templat = kompilasi(isi)
        render_aman(isi, konteks_contoh)
    except TemplatTidakAman as exc:
        return [str(exc)]
    contoh = data_polos(konteks_contoh)
    tidak_dikenal: list[str] = []
    lingkup = frozenset(_nama_as(templat.nodelist))
    for nama in _variabel(templat.nodelist, lingkup=lingkup, contoh=contoh):
        if nama not in tidak_dikenal:
            tidak_dikenal.append(nama)
    return [_("Unknown variable '%(v)s'.") % {"v": v} for v in tidak_dikenal]


def _kedalaman_loop(nodelist: NodeList) -> int:
    terdalam = 0
    for node in nodelist:
        anak = max(
            (_kedalaman_loop(getattr(node, n)) for n in node.child_nodelists if hasattr(node, n)),
            default=0,
        )
        terdalam = max(terdalam, anak + (1 if isinstance(node, ForNode) else 0))
    return terdalam


def _nama_as(nodelist: NodeList) -> Iterator[str]:
    """Names a tag stores its result under (`{% now "Y" as tahun %}`, `{% cycle ... as x %}`)."""
    for node in nodelist:
        for atribut in ("asvar", "variable_name"):
            if isinstance(getattr(node, atribut, None), str):
                yield getattr(node, atribut)
        for nama in node.child_nodelists:
            yield from _nama_as(getattr(node, nama, None) or NodeList())


def _variabel(nodelist: NodeList, *, lingkup: frozenset[str], contoh: Any) -> Iterator[str]:
    """Undocumented variable paths used anywhere in the nodes (names bound by `for` and `with`
    are known inside their block)."""
    for node in nodelist:
        baru = lingkup
        if isinstance(node, ForNode):
            yield from _cek_ekspresi(node.sequence, lingkup, contoh)
            baru = lingkup | set(node.loopvars) | {"forloop"}
        elif isinstance(node, WithNode):
            for ekspresi in node.extra_context.values():
                yield from _cek_ekspresi(ekspresi, lingkup, contoh)
            baru = lingkup | set(node.extra_context)
        else:
            for ekspresi in _ekspresi_node(node):
                yield from _cek_ekspresi(ekspresi, lingkup, contoh)
        for nama in node.child_nodelists:  # {% if %}'s `nodelist` holds all its branches
            anak = getattr(node, nama, None)
            if anak:
                yield from _variabel(anak, lingkup=baru, contoh=contoh)


def _ekspresi_node(node: Node) -> Iterator[Any]:
    """Every expression a tag holds, whatever attribute it keeps it in."""
    if isinstance(node, VariableNode):
        yield node.filter_expression
        return
    if isinstance(node, FilterNode):  # `{% filter upper %}` filters the block, not a variable
        for _fungsi, argumen in node.filter_expr.filters:
            yield from (v for adalah_var, v in argumen if adalah_var)
        return
    for nilai in vars(node).values():
        yield from _ekspresi_dalam(nilai)


def _ekspresi_dalam(nilai: Any, kedalaman: int = 0) -> Iterator[Any]:
    if kedalaman > 6 or isinstance(nilai, NodeList | Node | str):
        return
    if isinstance(nilai, FilterExpression | Variable):
        yield nilai
    elif isinstance(nilai, dict):
        for x in nilai.values():
            yield from _ekspresi_dalam(x, kedalaman + 1)
    elif isinstance(nilai, list | tuple):
        for x in nilai:
            yield from _ekspresi_dalam(x, kedalaman + 1)
    elif hasattr(nilai, "value") or hasattr(nilai, "first"):  # {% if %} operators and literals
        for atribut in ("value", "first", "second"):
            yield from _ekspresi_dalam(getattr(nilai, atribut, None), kedalaman + 1)


def _cek_ekspresi(ekspresi: Any, lingkup: frozenset[str], contoh: Any) -> Iterator[str]:
    variabel = [ekspresi] if isinstance(ekspresi, Variable) else []
    if isinstance(ekspresi, FilterExpression):
        if isinstance(ekspresi.var, Variable):
            variabel.append(ekspresi.var)
        for _fungsi, argumen in ekspresi.filters:
            variabel += [v for adalah_var, v in argumen if adalah_var and isinstance(v, Variable)]
    for v in variabel:
        if v.lookups is None:  # a literal
            continue
        if v.lookups[0] in lingkup:
            continue
        if not _ada(contoh, v.lookups):
            yield ".".join(v.lookups)


def _ada(data: Any, jalur: tuple[str, ...]) -> bool:
    for bagian in jalur:
        if isinstance(data, Mapping) and bagian in data:
            data = data[bagian]
        elif isinstance(data, tuple) and bagian.isdigit() and int(bagian) < len(data):
            data = data[int(bagian)]
        else:
            return False
    return True
