"""Which channel module serves an office's channel, and whom it can reach."""

from __future__ import annotations

from layanan.models import JenisSaluran, SaluranKantor
from layanan.notifikasi.rahasia import token
from layanan.notifikasi.saluran import Saluran

LEWAT_NOMOR = (
    JenisSaluran.WHATSAPP_CLOUD,
    JenisSaluran.FONNTE,
    JenisSaluran.WABLAS,
    JenisSaluran.SMS,
)


def menjangkau(jenis: str, *, telepon: str, email: str) -> str:
    """The recipient's address on this channel, or "" when it cannot reach them."""
    if jenis == JenisSaluran.EMAIL:
        return email
    if jenis in LEWAT_NOMOR:
        return telepon
    if jenis == JenisSaluran.LOG:
        return telepon or email
    return ""


def saluran(konfig: SaluranKantor) -> Saluran:
    """The channel for an office's configuration (modules imported late: each loads only where
    it is used)."""
    jenis = konfig.jenis
    if jenis == JenisSaluran.EMAIL:
        from layanan.notifikasi.saluran.email import SaluranEmail

        return SaluranEmail()
    if jenis == JenisSaluran.LOG:
        from layanan.notifikasi.saluran.log import SaluranLog

        return SaluranLog()
    if jenis == JenisSaluran.WHATSAPP_CLOUD:
        from layanan.notifikasi.saluran.whatsapp_cloud import SaluranWhatsappCloud

        return SaluranWhatsappCloud(
            alamat=konfig.alamat_api, nomor_id=konfig.pengirim, token=token(konfig)
        )
    if jenis == JenisSaluran.FONNTE:
        from layanan.notifikasi.saluran.fonnte import SaluranFonnte

        return SaluranFonnte(alamat=konfig.alamat_api, token=token(konfig))
    if jenis == JenisSaluran.WABLAS:
        from layanan.notifikasi.saluran.wablas import SaluranWablas

        return SaluranWablas(alamat=konfig.alamat_api, token=token(konfig))
    if jenis == JenisSaluran.SMS:
        from layanan.notifikasi.saluran.sms import SaluranSms

        return SaluranSms(alamat=konfig.alamat_api, token=token(konfig), pengirim=konfig.pengirim)
    raise ValueError(jenis)
