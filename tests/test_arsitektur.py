"""House rules the code keeps: views read through selectors, never through model managers."""

import re
from pathlib import Path

VIEWS = Path(__file__).resolve().parents[1] / "layanan" / "views"


def test_views_never_query_models_directly():
    pelanggaran = [
        f"{path.name}:{n}: {baris.strip()}"
        for path in VIEWS.rglob("*.py")
        for n, baris in enumerate(path.read_text().splitlines(), start=1)
        if re.search(r"\.objects\b", baris)
    ]
    assert pelanggaran == []


AKAR = Path(__file__).resolve().parents[1]


def _modul_proyek() -> dict[str, Path]:
    hasil = {}
    for path in (AKAR / "layanan").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        bagian = list(path.relative_to(AKAR).with_suffix("").parts)
        if bagian[-1] == "__init__":
            bagian.pop()
        hasil[".".join(bagian)] = path
    return hasil


def test_no_module_is_over_500_lines():
    panjang = {nama: len(path.read_text().splitlines()) for nama, path in _modul_proyek().items()}
    assert {n: p for n, p in panjang.items() if p > 500} == {}


def test_no_import_circle_late_imports_included():
    """Every `import` counts, at the top of a module or inside a function."""
    import ast

    modul = _modul_proyek()
    panah: dict[str, set[str]] = {m: set() for m in modul}
    for nama, path in modul.items():
        paket = nama if path.name == "__init__.py" else nama.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text())):
            tujuan: list[str] = []
            if isinstance(node, ast.Import):
                tujuan = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                dasar = node.module or ""
                if node.level:
                    dasar = ".".join(paket.split(".")[: len(paket.split(".")) - node.level + 1])
                    dasar = f"{dasar}.{node.module}" if node.module else dasar
                tujuan = [f"{dasar}.{a.name}" for a in node.names] + [dasar]
            for t in tujuan:
                while t and t not in modul:
                    t = t.rsplit(".", 1)[0] if "." in t else ""
                if t and t != nama:
                    panah[nama].add(t)
                    break
    # Tarjan-free: a DFS that reports the first circle it meets.
    keadaan: dict[str, int] = {}
    jalur: list[str] = []

    def kunjungi(m: str) -> list[str] | None:
        keadaan[m] = 1
        jalur.append(m)
        for t in sorted(panah[m]):
            if keadaan.get(t) == 1:
                return [*jalur[jalur.index(t) :], t]
            if t not in keadaan and (lingkar := kunjungi(t)):
                return lingkar
        keadaan[m] = 2
        jalur.pop()
        return None

    for m in sorted(modul):
        if m not in keadaan:
            assert kunjungi(m) is None, " -> ".join(jalur)
