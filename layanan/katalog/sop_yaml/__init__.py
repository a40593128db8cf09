"""One service's SOP as a human-editable YAML file: export (ekspor), and an all-or-nothing import
(impor) read by a reader for hostile input (baca), its letter templates and notices included
(surat), in the format described by skema and docs/sop-yaml.md."""

from layanan.katalog.sop_yaml.baca import BATAS_UKURAN, KesalahanBaris, SopImportError
from layanan.katalog.sop_yaml.ekspor import ekspor_sop, sop_ke_data
from layanan.katalog.sop_yaml.impor import impor_sop, rencanakan_impor
from layanan.katalog.sop_yaml.skema import FORMAT, KOLOM_LAYANAN, KOLOM_STANDAR

__all__ = [
    "BATAS_UKURAN",
    "FORMAT",
    "KOLOM_LAYANAN",
    "KOLOM_STANDAR",
    "KesalahanBaris",
    "SopImportError",
    "ekspor_sop",
    "impor_sop",
    "rencanakan_impor",
    "sop_ke_data",
]
