"""`manage.py muat_katalog`: a fresh installation's service catalogue — the seed services
(fixtures/sop/*.yaml, not the complaint-handling SOPs) published as models, with no office
loaded. Running it again publishes them again (updated, not duplicated)."""

from pathlib import Path
from typing import Any

import yaml
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from layanan.demo import FIXTURES
from layanan.katalog.salin import model_dari_yaml
from layanan.models import ModelLayanan


def muat_katalog(folder: Path = FIXTURES) -> list[ModelLayanan]:
    """Each seed SOP <office>-<service>.yaml as a model; its roles named as the seed office
    (fixtures/kantor/<office>.yaml) names them; the office's complaint SOP is left out."""
    hasil = []
    for path in sorted((folder / "sop").glob("*.yaml")):
        kode_kantor = path.stem.split("-", 1)[0]
        kantor = _baca(folder / "kantor" / f"{kode_kantor}.yaml")
        pengaduan = _baca(folder / "pengaduan" / f"{kode_kantor}.yaml")
        if path.stem == f"{kode_kantor}-{pengaduan.get('layanan')}":
            continue
        nama_peran = {str(p["kode"]): str(p["nama"]) for p in kantor.get("peran", [])}
        asal = " ".join(
            str(kantor.get(k, "")).title() for k in ("nama_dinas", "jenis_daerah", "nama_daerah")
        )
        teks = path.read_text(encoding="utf-8")
        hasil.append(model_dari_yaml(teks, asal=asal.strip(), nama_peran=nama_peran))
    return hasil


def _baca(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}


class Command(BaseCommand):
    help = "Publish the seed services as the catalogue's models (a fresh installation)."

    def handle(self, *args: Any, **options: Any) -> None:
        model = muat_katalog()
        self.stdout.write(_("%(n)s model services in the catalogue.") % {"n": len(model)})
