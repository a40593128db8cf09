"""The lists behind the dashboard's figures: the applications a figure counted, filtered by the
same conditions in the database, and their rows for CSV and XLSX."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from layanan.dasbor.angka import Q_TEPAT, permohonan_periode, q_terlambat
from layanan.dasbor.kepatuhan import Q_LEWAT, riwayat_periode
from layanan.dasbor.periode import Periode
from layanan.dasbor.wilayah import q_wilayah
from layanan.models import Kantor, Permohonan, StatusJalan

JENIS = {
    "masuk": gettext_lazy("Applications received"),
    "diterima": gettext_lazy("Applications accepted"),
    "tidak_diterima": gettext_lazy("Not accepted: documents incomplete"),
    "selesai": gettext_lazy("Settled"),
    "tepat": gettext_lazy("Settled within the time limit"),
    "proses": gettext_lazy("In process"),
    "batal": gettext_lazy("Cancelled"),
    "terlambat": gettext_lazy("Late"),
    "langkah": gettext_lazy("Late at a step"),
    "wilayah": gettext_lazy("By place"),
}
_STATUS = {
    "diterima": [StatusJalan.DITERIMA, StatusJalan.SELESAI, StatusJalan.DIBATALKAN],
    "tidak_diterima": [StatusJalan.TIDAK_DITERIMA],
    "selesai": [StatusJalan.SELESAI],
    "proses": [StatusJalan.DITERIMA],
    "batal": [StatusJalan.DIBATALKAN],
}


@dataclass(frozen=True)
class Saringan:
    jenis: str = "masuk"
    layanan_id: int | None = None
    hasil_id: int | None = None
    nomor: int | None = None  # the step of a late-step list
    wilayah: str = ""


def daftar_permohonan(
    qs: QuerySet[Permohonan], kantor: Kantor, periode: Periode, s: Saringan
) -> QuerySet[Permohonan]:
    """`qs`: the applications the user's dashboard reads (layanan.dasbor.akses)."""
    if s.jenis == "langkah":
        # Acts of the step done in the period, late: the applications they belong to.
        telat = riwayat_periode(kantor, periode, s.layanan_id).filter(Q_LEWAT, nomor=s.nomor or 0)
        qs = qs.filter(kantor=kantor, pk__in=telat.values("permohonan_id"))
    else:
        qs = permohonan_periode(qs, kantor, periode, s.layanan_id)
    if s.jenis in _STATUS:
        qs = qs.filter(status__in=_STATUS[s.jenis])
    if s.jenis == "selesai" and s.hasil_id:
        qs = qs.filter(hasil_id=s.hasil_id)
    if s.jenis == "tepat":
        qs = qs.filter(Q_TEPAT)
    if s.jenis == "terlambat":
        qs = qs.filter(q_terlambat(timezone.now()))
    if s.jenis == "wilayah" and s.wilayah:
        syarat = q_wilayah(kantor, s.wilayah)
        qs = qs.filter(**syarat.get("filter", {})).exclude(**syarat.get("exclude", {}))
    return qs.select_related("layanan", "pemohon", "hasil").order_by("-dibuat_pada", "-pk")


def kepala(dengan_nik: bool) -> list[str]:
    kolom = [
        _("Registration number"),
        _("Registered at"),
        _("Service"),
        _("Applicant"),
        _("NIK"),
        _("Kelurahan/desa"),
        _("Kecamatan"),
        _("Status"),
        _("Outcome"),
        _("Deadline"),
        _("Finished at"),
        _("Late"),
    ]
    if not dengan_nik:
        kolom.remove(_("NIK"))
    return kolom


def baris(p: Permohonan, dengan_nik: bool, sekarang: dt.datetime | None = None) -> list[object]:
    """One application's row; the NIK (text, never a number) only for roles that see NIKs."""
    telat = p.tenggat is not None and (
        (p.status == StatusJalan.SELESAI and p.selesai_pada and p.selesai_pada > p.tenggat)
        or (
            p.status == StatusJalan.DITERIMA
            and p.dijeda_pada is None
            and p.tenggat < (sekarang or timezone.now())
        )
    )
    isi: list[object] = [
        p.nomor_registrasi,
        p.dibuat_pada,
        p.layanan.nama_tampil,
        p.pemohon.nama,
        p.pemohon.nik,
        p.pemohon.kelurahan,
        p.pemohon.kecamatan,
        p.get_status_display(),
        p.hasil.nama if p.hasil else "",
        p.tenggat,
        p.selesai_pada,
        _("Yes") if telat else _("No"),
    ]
    if not dengan_nik:
        del isi[4]
    return isi
