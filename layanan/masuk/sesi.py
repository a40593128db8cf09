"""Sessions: ended after an idle time, and all at once when an account is disabled or its roles
change. No session table is searched: each session carries a hash of the account's password and
session stamp (Pengguna._get_session_auth_hash), so moving the stamp ends every one of them at
its next request, on every server."""

from __future__ import annotations

import time
from typing import Any

from django.db.models import F
from django.http import HttpRequest

from layanan.masuk.catatan import catat_keamanan
from layanan.models import JenisCatatanKeamanan, Pengguna

KUNCI_AKTIF = "dinsos_aktif"  # the session's last request, in whole seconds
TULIS_SETIAP_DETIK = 60  # the stamp is written at most this often: not a write per request


def tandai_aktif(request: HttpRequest, *, paksa: bool = False) -> bool:
    """Record activity; False when the session has been idle past the limit (then nothing is
    written: the caller logs out)."""
    from django.conf import settings

    kini = int(time.time())
    lalu = request.session.get(KUNCI_AKTIF)
    if not paksa and lalu is not None and kini - lalu > settings.DINSOS_SESI_DIAM_MENIT * 60:
        return False
    if paksa or lalu is None or kini - lalu >= TULIS_SETIAP_DETIK:
        request.session[KUNCI_AKTIF] = kini
    return True


def keadaan_akun(user: Pengguna) -> tuple[Any, ...]:
    """What the account may do: when any of it changes, its sessions end."""
    peran = tuple(sorted(user.peran.values_list("pk", flat=True))) if user.pk else ()
    return (user.is_active, user.is_superuser, user.adalah_admin_kantor, user.kantor_id, peran)


def pengguna_akhiri_sesi(
    *, user: Pengguna, oleh: Pengguna | None, alasan: str, request: HttpRequest | None = None
) -> None:
    """End every session of `user` (on every device and server) and log why."""
    Pengguna.objects.filter(pk=user.pk).update(stempel_sesi=F("stempel_sesi") + 1)
    user.stempel_sesi += 1
    catat_keamanan(
        jenis=JenisCatatanKeamanan.SESI_BERAKHIR,
        oleh=oleh,
        sasaran=user,
        keterangan=alasan,
        request=request,
    )
