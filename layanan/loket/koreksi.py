"""Correcting an application's data before its letter is signed: at a step the SOP sends drafts
back to, by the role standing there, with a reason. Every change is on the timeline with its
before and after; the draft is rendered anew and earlier initials of it no longer stand (their
fingerprint no longer matches). A signed letter is never corrected: that is revoke and replace."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from layanan import mesin
from layanan.models import Pengguna, Permohonan, StatusSurat

KOLOM_KOREKSI = ["nama", "tempat_lahir", "tanggal_lahir", "alamat", "rt", "rw", "telepon"]


def _teks(nilai: Any) -> str:
    if nilai in (None, ""):
        return "–"
    return nilai.isoformat() if hasattr(nilai, "isoformat") else str(nilai)


@transaction.atomic
def permohonan_koreksi(
    *,
    permohonan: Permohonan,
    oleh: Pengguna,
    pemohon: dict[str, Any],
    isian: dict[str, Any],
    alasan: str,
) -> list[str]:
    """Apply the corrected values; returns the changes as "label: before → after" lines."""
    p = mesin.kunci(permohonan)
    if not alasan.strip():
        raise mesin.TransisiDitolak(_("Say why the data is corrected."))
    if p.surat.filter(status=StatusSurat.SAH).exists():
        raise mesin.TransisiDitolak(
            _("A signed letter is not corrected: revoke it and sign a replacement.")
        )
    if not mesin.boleh_koreksi(oleh, p):
        raise mesin.TransisiDitolak(
            _("Data can be corrected only at a step drafts are sent back to.")
        )
    perubahan = []
    orang = p.pemohon
    for kolom in KOLOM_KOREKSI:
        if kolom in pemohon and pemohon[kolom] != getattr(orang, kolom):
            label = getattr(orang._meta.get_field(kolom), "verbose_name", kolom)
            perubahan.append(f"{label}: {_teks(getattr(orang, kolom))} → {_teks(pemohon[kolom])}")
            setattr(orang, kolom, pemohon[kolom])
    baru = dict(p.isian)
    for k in p.layanan.isian.all():
        if k.kode in isian:
            nilai = _teks(isian[k.kode]) if hasattr(isian[k.kode], "isoformat") else isian[k.kode]
            if nilai != p.isian.get(k.kode):
                perubahan.append(f"{k.label}: {_teks(p.isian.get(k.kode))} → {_teks(nilai)}")
                baru[k.kode] = nilai
    if not perubahan:
        raise mesin.TransisiDitolak(_("Nothing was changed."))
    orang._change_reason = alasan.strip()[:100]  # type: ignore[attr-defined]
    orang.save()
    p.isian = baru
    p._change_reason = alasan.strip()[:100]  # type: ignore[attr-defined]
    p.save(update_fields=["isian"])
    mesin.catat_koreksi(subjek=p, oleh=oleh, catatan=alasan.strip() + "\n" + "\n".join(perubahan))
    return perubahan
