"""A letter body written as plain paragraphs, turned into the sandbox's template text.

An office administrator writes what they would type in a word processor: paragraphs separated
by a blank line, `**bold**`, and the `Label : value` lines of an Indonesian letter's data block.
Variables (`{{ pemohon.nama }}`) and tags (`{% if %}`) stay as they are; everything else is
text, escaped, so a `<` typed in a letter prints as `<`. The result is checked and rendered by
the same sandbox as an expert's HTML (layanan.surat.templat_aman).

- A blank line ends a paragraph; a single line break stays a line break.
- A line holding nothing but tags (`{% if … %}`, `{% endfor %}`) stands between paragraphs, so
  a paragraph can be conditional.
- Consecutive lines of the form `Label : value` (a space before the colon) become an aligned
  data table (`table.data`); tag lines between them stay inside it when their blocks open and
  close there, so `{% for %}` can repeat a row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.html import escape

TOKEN = re.compile(r"({{.*?}}|{%.*?%}|{#.*?#})")
TAG = re.compile(r"{%\s*(\w+)")
PEMISAH_DATA = re.compile(r"\s:(?:\s|$)")
MAKS_LABEL = 80  # characters of source: a label is a few words, not a sentence
TEBAL = "**"

# Block tags of the sandbox and the tags that continue or end them.
TAG_PEMBUKA = {"if", "for", "with", "spaceless", "filter", "ifchanged", "comment", "verbatim"}
TAG_TENGAH = {"else", "elif", "empty"}


@dataclass(frozen=True)
class Baris:
    jenis: str  # "kosong", "tag", "data", "teks"
    sumber: str
    label: str = ""
    nilai: str = ""


def ke_templat(teks: str) -> str:
    """The template text of a plain-paragraph body."""
    baris = [_golongkan(b) for b in teks.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(_susun(baris))


def _golongkan(sumber: str) -> Baris:
    bagian = TOKEN.split(sumber.strip())
    literal = "".join(bagian[0::2])
    if not sumber.strip():
        return Baris("kosong", "")
    if not literal.strip() and all(_tag_struktur(b) for b in bagian[1::2]):
        return Baris("tag", sumber.strip())
    for i in range(0, len(bagian), 2):  # the separator is looked for in the text, never in a tag
        cocok = PEMISAH_DATA.search(bagian[i])
        if cocok is None:
            continue
        label = "".join(bagian[:i]) + bagian[i][: cocok.start()]
        nilai = bagian[i][cocok.end() :] + "".join(bagian[i + 1 :])
        if label.strip() and len(label) <= MAKS_LABEL and "{%" not in label:
            return Baris("data", sumber, label.strip(), nilai.strip())
        break
    return Baris("teks", sumber.strip())


def _tag_struktur(token: str) -> bool:
    """A comment, or a tag that opens, continues or closes a block: it prints nothing itself."""
    if token.startswith("{#"):
        return True
    nama = TAG.match(token)
    if nama is None:
        return False
    return nama[1] in TAG_PEMBUKA or nama[1] in TAG_TENGAH or nama[1].startswith("end")


def _susun(daftar: list[Baris]) -> Iterator[str]:
    i = 0
    while i < len(daftar):
        b = daftar[i]
        if b.jenis == "kosong":
            i += 1
        elif b.jenis in ("tag", "data") and (akhir := _akhir_tabel(daftar, i)) > i:
            yield from _tabel(daftar[i:akhir])
            i = akhir
        elif b.jenis in ("tag", "data"):
            # A tag standing between paragraphs; a data line always makes a table.
            yield b.sumber
            i += 1
        else:
            akhir = i
            while akhir < len(daftar) and daftar[akhir].jenis == "teks":
                akhir += 1
            yield "<p>" + "<br>\n".join(_sebaris(x.sumber) for x in daftar[i:akhir]) + "</p>"
            i = akhir


def _akhir_tabel(daftar: list[Baris], awal: int) -> int:
    """Where a data table that starts at `awal` ends (`awal` itself: no table starts there):
    after the longest run of data and tag lines that holds a data line, in which every block
    opened is closed (a `{% for %}` around a row) and no tag continues or closes a block opened
    before the table."""
    akhir = awal
    dalam = 0
    ada_data = False
    j = awal
    while j < len(daftar) and daftar[j].jenis in ("data", "tag"):
        dalam = _kedalaman(daftar[j], dalam)
        if dalam < 0:
            break
        ada_data = ada_data or daftar[j].jenis == "data"
        j += 1
        if dalam == 0 and ada_data:
            akhir = j
    return akhir


def _kedalaman(baris: Baris, dalam: int) -> int:
    """The block depth after a line, from `dalam` before it; -1 once a tag continues or closes
    a block opened outside."""
    for nama in TAG.findall(baris.sumber) if baris.jenis == "tag" else []:
        if nama in TAG_PEMBUKA:
            dalam += 1
        elif dalam == 0:
            return -1
        elif nama.startswith("end"):
            dalam -= 1
    return dalam


def _tabel(daftar: list[Baris]) -> Iterator[str]:
    yield '<table class="data">'
    for b in daftar:
        if b.jenis == "tag":
            yield b.sumber
        else:
            yield (
                f'<tr><td class="label">{_sebaris(b.label)}</td><td class="titik">:</td>'
                f"<td>{_sebaris(b.nilai)}</td></tr>"
            )
    yield "</table>"


def _sebaris(sumber: str) -> str:
    """One line: text escaped, tags kept, `**bold**` in pairs."""
    keluar = []
    tebal = False
    bagian = TOKEN.split(sumber)
    sisa_tanda = sum(b.count(TEBAL) for b in bagian[0::2])
    for i, b in enumerate(bagian):
        if i % 2:
            keluar.append(b)
            continue
        potongan = b.split(TEBAL)
        for k, teks in enumerate(potongan):
            if k:
                if sisa_tanda >= 2 or tebal:
                    keluar.append("</strong>" if tebal else "<strong>")
                    tebal = not tebal
                else:
                    keluar.append(escape(TEBAL))
                sisa_tanda -= 1
            keluar.append(escape(teks))
    if tebal:
        keluar.append("</strong>")
    return "".join(keluar)
