"""Reads scoped to what the requesting user may see; views never query models directly."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from layanan.models import Langkah, Layanan, ParafLangkah, Pengguna


def layanan_untuk(user: Pengguna) -> QuerySet[Layanan]:
    """The services a staff member may read: their own office's; a superuser sees all."""
    qs = Layanan.objects.select_related("kantor")
    if user.is_superuser:
        return qs
    return qs.filter(kantor=user.kantor)


def ambil_layanan_untuk_lembar(user: Pengguna, *, kode_kantor: str, kode: str) -> Layanan:
    """A service with everything its SOP sheet shows; another office's is a 404 like a missing one."""
    qs = (
        layanan_untuk(user)
        .filter(kantor__kode=kode_kantor, kode=kode)
        .prefetch_related(
            "berkas__kategori",
            "kategori",
            "isian",
            "hasil",
            Prefetch(
                "langkah",
                queryset=Langkah.objects.select_related(
                    "peran", "lanjut_hasil", "tidak_hasil"
                ).prefetch_related(
                    Prefetch("paraf", queryset=ParafLangkah.objects.select_related("peran"))
                ),
            ),
        )
    )
    layanan = qs.first()
    if layanan is None:
        raise Http404
    return layanan
