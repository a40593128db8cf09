"""One service's SOP as a human-editable YAML file: export (ekspor), and an all-or-nothing import
(impor), in the format described by skema and docs/sop-yaml.md."""

from layanan.katalog.sop_yaml.ekspor import ekspor_sop, sop_ke_data
from layanan.katalog.sop_yaml.impor import SopImportError, impor_sop, rencanakan_impor
from layanan.katalog.sop_yaml.skema import FORMAT, KOLOM_LAYANAN, KOLOM_STANDAR

__all__ = [
    "FORMAT",
    "KOLOM_LAYANAN",
    "KOLOM_STANDAR",
    "SopImportError",
    "ekspor_sop",
    "impor_sop",
    "rencanakan_impor",
    "sop_ke_data",
]
