"""The monthly report (laporan bulanan pelayanan) an office sends its Walikota/Bupati: on its
letterhead, the month's recap per service, compliance per service and per step, the steps that
made applications late, letters, DTKS proposals, complaints, applications by place, and the
head of office's signature block. Rendered on demand, and made and kept by the worker on the 1st
of each month for the month before (layanan.tasks.laporan_bulanan)."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from layanan.dasbor.periode import Periode, bulan_lalu
from layanan.dasbor.ringkasan import dasbor_kantor
from layanan.models import Kantor, LaporanBulanan, Pejabat
from layanan.pdf import render_pdf


def penanda_tangan(kantor: Kantor) -> Pejabat | None:
    """Who signs the report: the head of office, the active official who signs in their own name
    (no "a.n."), the one whose position says Kepala Dinas first."""
    calon = list(Pejabat.objects.filter(kantor=kantor, aktif=True, atas_nama=""))
    calon.sort(key=lambda p: (not p.jabatan.lower().startswith("kepala dinas"), p.pk))
    return calon[0] if calon else None


def konteks_laporan(kantor: Kantor, periode: Periode) -> dict[str, object]:
    return {
        "kantor": kantor,
        "d": dasbor_kantor(kantor, periode),
        "pejabat": penanda_tangan(kantor),
        "tanggal": timezone.localdate(timezone=kantor.zona),
    }


def render_laporan(kantor: Kantor, periode: Periode) -> bytes:
    return render_pdf("dokumen/laporan_bulanan.html", konteks_laporan(kantor, periode))


def tersimpan(kantor: Kantor) -> QuerySet[LaporanBulanan]:
    return LaporanBulanan.objects.filter(kantor=kantor)


def simpan_laporan(kantor: Kantor, periode: Periode) -> LaporanBulanan:
    """Make and keep one office's report of one month, once: a report already kept stays as it
    was sent (a second run of the worker, or two workers, change nothing)."""
    ada = tersimpan(kantor).filter(tahun=periode.dari.year, bulan=periode.dari.month).first()
    if ada is not None:
        return ada
    pdf = render_laporan(kantor, periode)
    laporan = LaporanBulanan(
        kantor=kantor,
        tahun=periode.dari.year,
        bulan=periode.dari.month,
        sha256=hashlib.sha256(pdf).hexdigest(),
    )
    laporan.berkas.save("laporan.pdf", ContentFile(pdf), save=False)
    try:
        with transaction.atomic():
            laporan.save()
    except IntegrityError:  # another worker kept it first
        laporan.berkas.delete(save=False)
        return tersimpan(kantor).get(tahun=periode.dari.year, bulan=periode.dari.month)
    return laporan


def simpan_bulan_lalu() -> list[LaporanBulanan]:
    """Every office's report of last month (each by its own calendar)."""
    return [
        simpan_laporan(k, bulan_lalu(timezone.localdate(timezone=k.zona)))
        for k in Kantor.objects.order_by("pk")
    ]
