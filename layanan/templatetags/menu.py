"""The staff navbar's choices (dashboard, complaints, survey), read in one query per request.

Each answers as its own pages decide (layanan.dasbor.akses.boleh_dasbor, the complaints'
Akses.menu, layanan.ikm.selectors.boleh_kelola); the pages check again, this only chooses links.
Every staff page shows the navbar: three small queries there were three round trips per page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.db import connection

from layanan.dasbor.akses import pembanding
from layanan.models import Pejabat, PengaturanIkm, PengaturanPengaduan, Pengguna

register = template.Library()


def _sql() -> str:
    """As plain SQL on the models' tables: the ORM took longer to build the query (four EXISTS
    subqueries) than the database took to answer it."""
    peran = Pengguna.peran.through._meta.db_table
    ikm_peran = PengaturanIkm.peran_pengelola.through._meta.db_table
    return f"""
        SELECT
            EXISTS (SELECT 1 FROM {Pejabat._meta.db_table}
                    WHERE kantor_id = %(kantor)s AND pengguna_id = %(pengguna)s),
            EXISTS (SELECT 1 FROM {PengaturanPengaduan._meta.db_table}
                    WHERE kantor_id = %(kantor)s),
            EXISTS (SELECT 1 FROM {peran} WHERE pengguna_id = %(pengguna)s),
            EXISTS (SELECT 1 FROM {PengaturanIkm._meta.db_table} i
                    JOIN {ikm_peran} ip ON ip.pengaturanikm_id = i.id
                    JOIN {peran} pp ON pp.peran_id = ip.peran_id
                    WHERE i.kantor_id = %(kantor)s AND pp.pengguna_id = %(pengguna)s)
    """


_SQL = _sql()


@dataclass(frozen=True)
class Menu:
    dasbor: bool = False
    pengaduan: bool = False
    ikm: bool = False


def menu_staf(user: Any) -> Menu:
    """Read once per request: kept on the user object the request carries."""
    simpan = getattr(user, "_menu_staf", None)
    if simpan is None:
        simpan = _baca(user)
        user._menu_staf = simpan
    return simpan


def _baca(user: Any) -> Menu:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Menu()
    if user.kantor_id is None:
        return Menu(dasbor=pembanding(user))
    with connection.cursor() as kursor:
        kursor.execute(_SQL, {"kantor": user.kantor_id, "pengguna": user.pk})
        pejabat, pengaduan, ada_peran, pengelola_ikm = (bool(x) for x in kursor.fetchone())
    admin = bool(user.adalah_admin_kantor)
    return Menu(
        dasbor=pembanding(user) or admin or pejabat,
        pengaduan=pengaduan and ada_peran,
        ikm=admin or pengelola_ikm,
    )


@register.simple_tag
def menu_untuk(user: Any) -> Menu:
    return menu_staf(user)
