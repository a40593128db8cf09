"""Two-step login (django-otp): who must use it, setting up an authenticator app, recovery codes,
checking a code after the password, and an administrator's reset of a colleague's device."""

from __future__ import annotations

from enum import StrEnum

import segno
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_otp import devices_for_user, user_has_device
from django_otp import verify_token as otp_verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from layanan.masuk.catatan import catat_keamanan
from layanan.masuk.sesi import pengguna_akhiri_sesi
from layanan.models import (
    JenisCatatanKeamanan,
    JenisLangkah,
    Langkah,
    ParafLangkah,
    Pejabat,
    Pengguna,
)

KUNCI_SESI = "dinsos_2fa"
JUMLAH_KODE_CADANGAN = 10


class Keadaan(StrEnum):
    """What a signed-in session still owes, decided once at login (no query per request)."""

    BEBAS = "bebas"  # nothing: no device, and none required
    VERIFIKASI = "verifikasi"  # a code from the device set up
    DAFTAR = "daftar"  # set up a device first: required, and none yet


def perlu_dua_langkah(user: Pengguna) -> bool:
    """Administrators, officials and whoever initials or signs at some step of their office."""
    if user.is_superuser or user.adalah_admin_kantor:
        return True
    if Pejabat.objects.filter(pengguna=user, aktif=True).exists():
        return True
    peran = user.peran.all()
    penanda = (JenisLangkah.PARAF, JenisLangkah.TANDA_TANGAN)
    return (
        Langkah.objects.filter(peran__in=peran, jenis__in=penanda).exists()
        or ParafLangkah.objects.filter(peran__in=peran).exists()
    )


def keadaan_untuk(user: Pengguna) -> Keadaan:
    if user_has_device(user):
        return Keadaan.VERIFIKASI
    if settings.DINSOS_WAJIB_2FA and perlu_dua_langkah(user):
        return Keadaan.DAFTAR
    return Keadaan.BEBAS


def perangkat_baru(user: Pengguna) -> TOTPDevice:
    """The device being set up: the same secret on every reload until it is confirmed."""
    perangkat = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return perangkat or TOTPDevice.objects.create(user=user, name="aplikasi", confirmed=False)


def qr_svg(perangkat: TOTPDevice) -> str:
    """The otpauth:// address as an SVG data URI, made on the server (segno, as letters' QR)."""
    return segno.make(perangkat.config_url, error="m").svg_data_uri(scale=5, border=2)


def kunci_teks(perangkat: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app without a camera."""
    from base64 import b32encode

    teks = b32encode(perangkat.bin_key).decode().rstrip("=")
    return " ".join(teks[i : i + 4] for i in range(0, len(teks), 4))


def _bersihkan(token: str) -> str:
    return "".join(token.split()).lower()


def dua_langkah_pasang(
    *, user: Pengguna, perangkat: TOTPDevice, token: str, request: HttpRequest | None = None
) -> list[str] | None:
    """Confirm the new device with a code from it; replaces any device and recovery codes the
    user had. Returns the new recovery codes (to show once), or None for a wrong code."""
    with transaction.atomic():
        perangkat = TOTPDevice.objects.select_for_update().get(pk=perangkat.pk, user=user)
        if not perangkat.verify_token(_bersihkan(token)):
            return None
        TOTPDevice.objects.filter(user=user).exclude(pk=perangkat.pk).delete()
        StaticDevice.objects.filter(user=user).delete()
        perangkat.confirmed = True
        perangkat.save(update_fields=["confirmed"])
        cadangan = StaticDevice.objects.create(user=user, name="kode cadangan")
        kode = [StaticToken.random_token() for _ in range(JUMLAH_KODE_CADANGAN)]
        StaticToken.objects.bulk_create(StaticToken(device=cadangan, token=k) for k in kode)
        catat_keamanan(
            jenis=JenisCatatanKeamanan.DAFTAR_2FA, oleh=user, sasaran=user, request=request
        )
    return kode


def dua_langkah_periksa(
    *, user: Pengguna, token: str, request: HttpRequest | None = None
) -> Device | None:
    """The device that accepts the code (six digits: the app; otherwise a recovery code, used
    up), or None. Each device slows down after wrong codes (django-otp's throttling)."""
    token = _bersihkan(token)
    kelas = TOTPDevice if token.isdigit() else StaticDevice
    for perangkat in devices_for_user(user):
        if isinstance(perangkat, kelas) and otp_verify_token(user, perangkat.persistent_id, token):
            if isinstance(perangkat, StaticDevice):
                sisa = perangkat.token_set.count()
                catat_keamanan(
                    jenis=JenisCatatanKeamanan.KODE_CADANGAN,
                    oleh=user,
                    sasaran=user,
                    keterangan=_("%(n)s recovery codes left.") % {"n": sisa},
                    request=request,
                )
            return perangkat
    return None


def dua_langkah_reset(
    *, user: Pengguna, oleh: Pengguna, request: HttpRequest | None = None
) -> None:
    """A lost phone: the administrator removes the colleague's devices and recovery codes; the
    colleague's sessions end, and at the next login they set up a new device."""
    with transaction.atomic():
        for perangkat in devices_for_user(user, confirmed=None):
            perangkat.delete()
        catat_keamanan(
            jenis=JenisCatatanKeamanan.RESET_2FA, oleh=oleh, sasaran=user, request=request
        )
        pengguna_akhiri_sesi(
            user=user,
            oleh=oleh,
            alasan=_("Two-step login reset by an administrator."),
            request=request,
        )
