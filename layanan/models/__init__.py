"""Models of layanan: offices and staff (kantor), and SOPs held as data (sop)."""

from layanan.models.kantor import Kantor, Pejabat, Pengguna, Peran, ZonaWaktu
from layanan.models.sop import (
    FungsiLangkah,
    HasilAkhir,
    JenisDokumen,
    JenisHasil,
    JenisLangkah,
    KategoriPemohon,
    KolomIsian,
    Langkah,
    Layanan,
    ParafLangkah,
    PersyaratanBerkas,
    SatuanWaktu,
    SifatBerkas,
    TipeIsian,
)

__all__ = [
    "FungsiLangkah",
    "HasilAkhir",
    "JenisDokumen",
    "JenisHasil",
    "JenisLangkah",
    "Kantor",
    "KategoriPemohon",
    "KolomIsian",
    "Langkah",
    "Layanan",
    "ParafLangkah",
    "Pejabat",
    "Pengguna",
    "Peran",
    "PersyaratanBerkas",
    "SatuanWaktu",
    "SifatBerkas",
    "TipeIsian",
    "ZonaWaktu",
]
