"""Reads of notifications: which offices a provider's report may concern, and (for staff) the
messages of an application and the office's failures, scoped like every list."""

from __future__ import annotations

from layanan.models import JenisSaluran, Kantor, SaluranKantor


def kantor_nomor_whatsapp(nomor_id: str) -> list[int]:
    """The offices that send from this WhatsApp business phone number id."""
    return list(
        SaluranKantor.objects.filter(
            jenis=JenisSaluran.WHATSAPP_CLOUD, pengirim=nomor_id
        ).values_list("kantor_id", flat=True)
    )


def kantor_id_kode(kode: str) -> int | None:
    return Kantor.objects.filter(kode=kode).values_list("pk", flat=True).first()
