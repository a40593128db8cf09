"""Fills the msgstr of a .po file from locale/id/terjemahan.py; fails on a missing translation."""

import re
import runpy
import sys
from pathlib import Path

# terjemahan.py, then one file per topic (terjemahan_<topic>.py), so parallel work never collides.
T: dict = {}
for _berkas in sorted((Path(__file__).resolve().parents[1] / "locale/id").glob("terjemahan*.py")):
    T.update(runpy.run_path(str(_berkas))["T"])


def _teks(blok: str) -> str:
    return (
        "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', blok))
        .encode()
        .decode("unicode_escape")
        .encode("latin-1")
        .decode("utf-8")
    )


def _po(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main(path: str) -> None:
    isi = Path(path).read_text(encoding="utf-8")
    bagian = isi.split("\n\n")
    hilang = []
    for i, b in enumerate(bagian[1:], start=1):
        m_id = re.search(r'^msgid ((?:".*"\n?)+)', b, re.M)
        if not m_id:
            continue
        msgid = _teks(m_id.group(1))
        m_pl = re.search(r'^msgid_plural ((?:".*"\n?)+)', b, re.M)
        kunci = (msgid, _teks(m_pl.group(1))) if m_pl else msgid
        if kunci not in T:
            hilang.append(kunci)
            continue
        kepala = b[: b.index("msgstr")]
        # A fresh translation is never fuzzy; drop the flag and the "#|" previous msgid.
        baris_kepala = []
        for x in kepala.split("\n"):
            if x.startswith("#|"):
                continue
            if x.startswith("#,"):
                flags = [f.strip() for f in x[2:].split(",") if f.strip() != "fuzzy"]
                if not flags:
                    continue
                x = "#, " + ", ".join(flags)
            baris_kepala.append(x)
        kepala = "\n".join(baris_kepala)
        if m_pl:
            bagian[i] = kepala + f"msgstr[0] {_po(T[kunci])}"
        else:
            bagian[i] = kepala + f"msgstr {_po(T[kunci])}"
    isi = "\n\n".join(bagian)
    isi = isi.replace(
        '"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"',
        '"Plural-Forms: nplurals=1; plural=0;\\n"',
    )
    isi = isi.replace('#, fuzzy\nmsgid ""', 'msgid ""', 1)
    isi = isi.replace('"Language: \\n"', '"Language: id\\n"')
    Path(path).write_text(isi if isi.endswith("\n") else isi + "\n", encoding="utf-8")
    if hilang:
        sys.exit("Missing Indonesian translations:\n" + "\n".join(map(repr, hilang)))


if __name__ == "__main__":
    main(sys.argv[1])
