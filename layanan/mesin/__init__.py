"""The step engine: walks anything through the SOP frozen when it started (an application, a
complaint), one writer of its state. It knows nothing of DTKS or letters: those capabilities add
their guards and effects through layanan.mesin.kait."""

from layanan.mesin.aturan import (
    boleh_bertindak,
    boleh_mencatat_loket,
    langkah_kini,
    nama_peran_pelaku,
    peran_langkah,
    peran_loket,
    pilihan_langkah,
    potret,
)
from layanan.mesin.kait import Kait, Transisi, daftarkan
from layanan.mesin.potret import Cabang, LangkahPotret, Potret, potret_alur
from layanan.mesin.sela import (
    akhiri,
    alihkan_peran,
    ganti_peran_potret,
    jeda,
    lanjutkan,
    perpanjang,
)
from layanan.mesin.transisi import (
    SudahDikerjakan,
    TransisiDitolak,
    batalkan,
    boleh_koreksi,
    catat_koreksi,
    kerjakan_langkah,
    kunci,
    tandai_mulai,
    terima,
    tolak,
    ulangi_paraf,
)

__all__ = [
    "Cabang",
    "Kait",
    "LangkahPotret",
    "Potret",
    "SudahDikerjakan",
    "Transisi",
    "TransisiDitolak",
    "akhiri",
    "alihkan_peran",
    "batalkan",
    "boleh_bertindak",
    "boleh_koreksi",
    "boleh_mencatat_loket",
    "catat_koreksi",
    "daftarkan",
    "ganti_peran_potret",
    "jeda",
    "kerjakan_langkah",
    "kunci",
    "langkah_kini",
    "lanjutkan",
    "nama_peran_pelaku",
    "peran_langkah",
    "peran_loket",
    "perpanjang",
    "pilihan_langkah",
    "potret",
    "potret_alur",
    "tandai_mulai",
    "terima",
    "tolak",
    "ulangi_paraf",
]
