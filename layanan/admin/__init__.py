"""Django admin for office administrators: every page is scoped to the user's own office."""

from layanan.admin import (  # noqa: F401
    bsre,
    data_pribadi,
    dtks,
    ikm,
    jejak,
    kalender,
    kantor,
    keamanan,
    kesiapan,
    langkah,
    masuk,
    notifikasi,
    otoritas,
    pengaduan,
    permohonan,
    sop,
    templat_surat,
)
from layanan.admin.site import admin_site

__all__ = ["admin_site"]
