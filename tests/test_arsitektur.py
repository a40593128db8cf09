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
