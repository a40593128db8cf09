"""Appointments for a visit (offices that turn them on): an accepted online application books one
slot — a loket, at one of the office's times on one of its next working days — each slot
limited to the office's number of visits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from layanan.hari_kerja import hari_kerja
from layanan.models import JanjiTemu, PengaturanDaring, PermohonanDaring, StatusDaring

HARI_KE_DEPAN = 10  # working days offered


class JanjiDitolak(Exception):
    """A booking refused; the message says why, in Indonesian."""


@dataclass(frozen=True)
class Slot:
    tanggal: dt.date
    jam: dt.time
    sisa: int
    loket: str = ""

    @property
    def kode(self) -> str:
        return f"{self.tanggal.isoformat()} {self.jam:%H:%M} {self.loket}".strip()


def pengaturan(d: PermohonanDaring) -> PengaturanDaring | None:
    """The office's rules when it offers appointments to this application, else None."""
    if d.status != StatusDaring.DITERIMA:
        return None
    atur = PengaturanDaring.objects.filter(kantor_id=d.kantor_id, janji_temu=True).first()
    return atur if atur is not None and jam_slot(atur) else None


def jam_slot(atur: PengaturanDaring) -> list[dt.time]:
    hasil = []
    for bagian in atur.jam_janji.split(","):
        try:
            hasil.append(dt.time.fromisoformat(bagian.strip()))
        except ValueError:
            continue  # a time the validator let through by hand is skipped, never a 500
    return sorted(set(hasil))


def daftar_loket(atur: PengaturanDaring) -> list[str]:
    """The office's lokets taking visits, in its order; [""] where it names none (one loket)."""
    nama = [n.strip()[:40] for n in atur.loket_janji.split(",") if n.strip()]
    return list(dict.fromkeys(nama)) or [""]


def slot_tersedia(d: PermohonanDaring, atur: PengaturanDaring) -> list[Slot]:
    """The slots still open on the next working days (two queries, whatever the bookings)."""
    kantor = d.kantor
    hari = timezone.localtime(timezone.now(), kantor.zona).date()
    tanggal: list[dt.date] = []
    while len(tanggal) < HARI_KE_DEPAN:
        hari += dt.timedelta(days=1)
        if hari_kerja(kantor, hari):
            tanggal.append(hari)
    terisi = {
        (b["tanggal"], b["jam"], b["loket"]): b["n"]
        for b in JanjiTemu.objects.filter(kantor_id=d.kantor_id, tanggal__in=tanggal)
        .values("tanggal", "jam", "loket")
        .annotate(n=Count("pk"))
    }
    return [
        Slot(t, j, sisa, loket)
        for t in tanggal
        for j in jam_slot(atur)
        for loket in daftar_loket(atur)
        if (sisa := atur.kuota_janji - terisi.get((t, j, loket), 0)) > 0
    ]


@transaction.atomic
def janji_pesan(*, daring: PermohonanDaring, kode: str) -> JanjiTemu:
    """Book (or move) this application's visit. The office's settings row is locked, so two
    bookings of the last place in one slot cannot both pass."""
    atur = pengaturan(daring)
    if atur is None:
        raise JanjiDitolak(_("This office does not take appointments for this application."))
    atur = PengaturanDaring.objects.select_for_update().get(pk=atur.pk)
    slot = next((s for s in slot_tersedia(daring, atur) if s.kode == kode), None)
    if slot is None:
        raise JanjiDitolak(_("That time is full or no longer offered. Choose another."))
    janji, _dibuat = JanjiTemu.objects.update_or_create(
        daring=daring,
        defaults={
            "kantor_id": daring.kantor_id,
            "tanggal": slot.tanggal,
            "jam": slot.jam,
            "loket": slot.loket,
        },
    )
    return janji


def konteks_janji(permohonan_id: int) -> dict[str, object]:
    """What the status page shows of appointments for an application: its visit, and the slots
    it may book where its office offers them."""
    d = (
        PermohonanDaring.objects.filter(permohonan_id=permohonan_id)
        .select_related("kantor")
        .first()
    )
    atur = pengaturan(d) if d is not None else None
    if d is None or atur is None:
        return {}
    return {
        "janji": JanjiTemu.objects.filter(daring=d).first(),
        "janji_slot": slot_tersedia(d, atur),
    }
