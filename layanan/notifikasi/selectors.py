"""Reads of notifications: which offices a provider's report may concern, and (for staff) the
messages of an application and the office's failures, scoped like every list."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from layanan.models import (
    JenisSaluran,
    Kantor,
    KontakNotifikasi,
    Pengguna,
    Permohonan,
    Pesan,
    SaluranKantor,
    StatusPesan,
)
from layanan.pengaduan.selectors import pengaduan_untuk
from layanan.selectors import permohonan_untuk


def kantor_nomor_whatsapp(nomor_id: str) -> list[int]:
    """The offices that send from this WhatsApp business phone number id."""
    return list(
        SaluranKantor.objects.filter(
            jenis=JenisSaluran.WHATSAPP_CLOUD, pengirim=nomor_id
        ).values_list("kantor_id", flat=True)
    )


def kantor_id_kode(kode: str) -> int | None:
    return Kantor.objects.filter(kode=kode).values_list("pk", flat=True).first()


# What a message row shows staff (never the rendered text's template or parameters).
KOLOM_PESAN = (
    "peristiwa",
    "saluran",
    "penerima",
    "status",
    "status_antar",
    "antar_pada",
    "percobaan",
    "dibuat_pada",
    "terkirim_pada",
)


def pesan_permohonan(p: Permohonan, batas: int = 30) -> list[Pesan]:
    """The messages sent about an application the user already may see, newest first."""
    return list(
        Pesan.objects.filter(permohonan_id=p.pk, pengguna=None)
        .only(*KOLOM_PESAN)
        .order_by("-dibuat_pada", "-pk")[:batas]
    )


def pesan_gagal_untuk(user: Pengguna) -> QuerySet[Pesan]:
    """The office's messages that failed (or whose outcome is unknown) and nobody handled yet:
    those about applications the user may see, about complaints they may see, their own, and
    — for the office's administrator — every one of the office."""
    if user.kantor_id is None:
        return Pesan.objects.none()
    qs = Pesan.objects.filter(
        kantor_id=user.kantor_id,
        status__in=[StatusPesan.GAGAL, StatusPesan.TIDAK_PASTI],
        ditangani_pada=None,
    )
    if not user.adalah_admin_kantor:
        qs = qs.filter(
            Q(permohonan__in=permohonan_untuk(user))
            | Q(pengaduan__in=pengaduan_untuk(user))
            | Q(pengguna=user)
        )
    return qs.select_related("permohonan", "pengaduan").order_by("-dibuat_pada", "-pk")


def ambil_pesan_gagal(user: Pengguna, pk: int) -> Pesan:
    """One failure the user may act on; another office's is a 404 like a missing one."""
    pesan = pesan_gagal_untuk(user).filter(pk=pk).first()
    if pesan is None:
        raise Http404
    return pesan


def kontak_permohonan(p: Permohonan) -> KontakNotifikasi | None:
    return KontakNotifikasi.objects.filter(permohonan_id=p.pk).first()


def kontak_samar(kontak: KontakNotifikasi) -> str:
    """Where the messages go, as the public page may show it: +62 812-****-7890, w***@contoh.id."""
    if kontak.telepon:
        return f"{kontak.telepon[:6]}…{kontak.telepon[-4:]}"
    nama, _at, domain = kontak.email.partition("@")
    return f"{nama[:1]}***@{domain}" if domain else ""
