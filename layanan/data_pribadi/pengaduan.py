"""Complaints in retention and in a person's data: their attachments go once the complaint is
settled (its record — what was complained of, the decision, the answer, the steps — stays, as the
register of complaints UU 25/2009 requires); a person's complaints are those whose complainant
is known to be them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.files.storage import Storage
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Trim, Upper

from layanan.models import LampiranPengaduan, Pengaduan, Permohonan, StatusJalan

USAI = (StatusJalan.SELESAI, StatusJalan.TIDAK_DITERIMA, StatusJalan.DIBATALKAN)
BERJALAN = (StatusJalan.BARU, StatusJalan.DITERIMA)


def pengaduan_usai(qs: QuerySet[Pengaduan]) -> QuerySet[Pengaduan]:
    """Settled: ended, and not reopened or appealed by a follow-up still in process (which
    looks at its parent's attachments)."""
    return qs.filter(status__in=USAI).exclude(lanjutan__status__in=BERJALAN)


def pengaduan_orang(permohonan: QuerySet[Permohonan]) -> QuerySet[Pengaduan]:
    """The complaints these applications' applicant made, as far as the office can know it (a
    complaint carries no NIK): one that became their application, or one that names their
    application by its tracking code, which only their receipt shows. A complaint naming the
    application by its registration number may come from anyone (a neighbour reporting it), and
    its complainant's identity is not theirs to receive or erase."""
    return (
        Pengaduan.objects.annotate(_rujukan=Upper(Trim("rujukan")))
        .filter(
            Q(permohonan__in=permohonan)
            | Q(
                permohonan_terkait__in=permohonan,
                _rujukan=F("permohonan_terkait__kode_lacak"),
            )
        )
        .distinct()
    )


def lampiran_retensi(*, sebelum: dt.datetime) -> QuerySet[LampiranPengaduan]:
    """Attachments of complaints settled before `sebelum`."""
    usai = pengaduan_usai(Pengaduan.objects.filter(selesai_pada__lt=sebelum))
    return LampiranPengaduan.objects.filter(pengaduan__in=usai.values("pk"))


def lampiran_hapus(lampiran: Iterable[LampiranPengaduan]) -> int:
    """Each attachment's file, then its row (as retention deletes scans)."""
    jumlah = 0
    for satu in lampiran:
        satu.berkas.delete(save=False)
        satu.delete()
        jumlah += 1
    return jumlah


def berkas_lampiran(lampiran: Iterable[LampiranPengaduan]) -> list[tuple[Storage, str]]:
    return [(satu.berkas.storage, satu.berkas.name) for satu in lampiran]
