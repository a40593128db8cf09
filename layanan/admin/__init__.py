"""Django admin for office administrators: every page is scoped to the user's own office."""

from layanan.admin import dtks, jejak, kalender, kantor, masuk, permohonan, sop, surat  # noqa: F401
from layanan.admin.site import admin_site

__all__ = ["admin_site"]
