"""Every dependency declared in pyproject.toml is pinned in requirements.lock (what CI installs)."""

import re
import tomllib
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]


def _nama(spesifikasi: str) -> str:
    return re.split(r"[<>=!\[; ]", spesifikasi, maxsplit=1)[0].lower().replace("_", "-")


def test_every_declared_dependency_is_locked():
    proyek = tomllib.loads((AKAR / "pyproject.toml").read_text())["project"]
    dideklarasikan = {_nama(d) for d in proyek["dependencies"]}
    dideklarasikan |= {_nama(d) for d in proyek["optional-dependencies"]["dev"]}
    terkunci = {
        baris.split("==")[0].lower()
        for baris in (AKAR / "requirements.lock").read_text().splitlines()
        if "==" in baris and not baris.startswith((" ", "#"))
    }
    assert dideklarasikan - terkunci == set()
