"""The dashboard's figures of applications, letters, DTKS proposals and complaints of one office
in one period: each a grouped count in the database, a fixed number of queries whatever the
volume.

Applications are counted by the period they were registered in (the cohort), each at its
state now: received, accepted, not accepted, settled by outcome, in process, cancelled, late.
Late: the deadline (working time, moved on by pauses and extensions) passed before it was
settled, or passed while it is still in process with its clock running.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from layanan.dasbor.periode import Periode
from layanan.hari_kerja import hari_kerja
from layanan.models import (
    AksiSurat,
    HasilAkhir,
    Kantor,
    Langkah,
    Layanan,
    PemeriksaanDtks,
    Pengaduan,
    Permohonan,
    RekapPermohonanBulan,
    RiwayatSurat,
    StatusDtks,
    StatusJalan,
    Surat,
)
from layanan.models.kalender import JAM_MULAI, JAM_SELESAI
from layanan.models.sop import MENIT_PER_HARI_KERJA


def q_terlambat(sekarang: dt.datetime) -> Q:
    """Late, as a database condition (the list behind the figure filters with the same)."""
    return Q(tenggat__isnull=False) & (
        Q(status=StatusJalan.SELESAI, selesai_pada__gt=F("tenggat"))
        | Q(status=StatusJalan.DITERIMA, dijeda_pada__isnull=True, tenggat__lt=sekarang)
    )


Q_TEPAT = Q(status=StatusJalan.SELESAI) & (
    Q(tenggat__isnull=True) | Q(selesai_pada__lte=F("tenggat"))
)
DIPROSES = (StatusJalan.DITERIMA, StatusJalan.SELESAI, StatusJalan.DIBATALKAN)


def permohonan_periode(
    qs: QuerySet[Permohonan], kantor: Kantor, periode: Periode, layanan_id: int | None
) -> QuerySet[Permohonan]:
    """The cohort: registered in the period (an attempt still being typed is not counted)."""
    return _dalam(qs, kantor, [periode], layanan_id)


def _dalam(
    qs: QuerySet[Permohonan], kantor: Kantor, daftar: list[Periode], layanan_id: int | None
) -> QuerySet[Permohonan]:
    """The cohort of any of the periods in `daftar`."""
    rentang = Q()
    for periode in daftar:
        awal, akhir = periode.batas(kantor.zona)
        rentang |= Q(dibuat_pada__gte=awal, dibuat_pada__lt=akhir)
    qs = qs.filter(rentang, kantor=kantor)
    if layanan_id:
        qs = qs.filter(layanan_id=layanan_id)
    return qs.exclude(status=StatusJalan.BARU)


@dataclass
class Rekap:
    """One service's row (or the total): counts of its applications in the period."""

    nama: str
    layanan_id: int | None = None
    masuk: int = 0
    diterima: int = 0
    tidak_diterima: int = 0
    selesai: int = 0
    proses: int = 0
    batal: int = 0
    terlambat: int = 0
    selesai_tepat: int = 0

    @property
    def persen_tepat(self) -> float | None:
        """Time-standard compliance: settled within the limit, of those settled."""
        return 100 * self.selesai_tepat / self.selesai if self.selesai else None

    def tambah(self, lain: Rekap) -> None:
        for k in ("masuk", "diterima", "tidak_diterima", "selesai", "proses", "batal"):
            setattr(self, k, getattr(self, k) + getattr(lain, k))
        self.terlambat += lain.terlambat
        self.selesai_tepat += lain.selesai_tepat


@dataclass(frozen=True)
class BarisHasil:
    layanan_id: int
    layanan: str
    hasil_id: int | None
    hasil: str
    jumlah: int


@dataclass
class AngkaPermohonan:
    per_layanan: list[Rekap]
    total: Rekap
    per_hasil: list[BarisHasil] = field(default_factory=list)


def kelompok_permohonan(
    kantor: Kantor,
    periode: Periode,
    layanan_id: int | None = None,
    dengan_wilayah: bool = True,
) -> list[dict[str, Any]]:
    """The cohort counted per service, state and outcome and (`dengan_wilayah`) the applicant's
    kelurahan, which the figures by place read (layanan.dasbor.wilayah).

    Without the place, the whole months of the period are read from the month totals the
    database keeps (layanan.models.rekap), and only the days at its edges and the applications
    in process that are late now are counted from the rows: a year is a few hundred rows,
    whatever the volume. With it, one applicant row per application."""
    if dengan_wilayah:
        return _hitung_baris(kantor, [periode], layanan_id, dengan_wilayah=True)
    utuh, tepi = periode.bulan_utuh()
    baris = _hitung_baris(kantor, tepi, layanan_id) if tepi else []
    if utuh:
        baris += _dari_rekap(kantor, utuh, layanan_id)
    gabung: dict[tuple, dict[str, Any]] = {}
    for b in baris:
        kunci = (b["layanan_id"], b["status"], b["hasil_id"])
        if kunci in gabung:
            for k in ("n", "telat", "tepat"):
                gabung[kunci][k] += b[k]
        else:
            gabung[kunci] = dict(b)
    return list(gabung.values())


def _hitung_baris(
    kantor: Kantor, daftar: list[Periode], layanan_id: int | None, dengan_wilayah: bool = False
) -> list[dict[str, Any]]:
    kolom = ["layanan_id", "status", "hasil_id"]
    if dengan_wilayah:
        kolom.append("pemohon__kode_kelurahan")
    return list(
        _dalam(Permohonan.objects.all(), kantor, daftar, layanan_id)
        .values(*kolom)
        .annotate(
            n=Count("pk"),
            telat=Count("pk", filter=q_terlambat(timezone.now())),
            tepat=Count("pk", filter=Q_TEPAT),
        )
        .order_by()
    )


def _dari_rekap(kantor: Kantor, utuh: Periode, layanan_id: int | None) -> list[dict[str, Any]]:
    """The whole months from the month totals, and those of them in process and late now."""
    rekap = RekapPermohonanBulan.objects.filter(
        kantor_id=kantor.pk, bulan__gte=utuh.dari, bulan__lte=utuh.sampai, n__gt=0
    ).exclude(status=StatusJalan.BARU)
    telat = _dalam(Permohonan.objects.all(), kantor, [utuh], layanan_id).filter(
        status=StatusJalan.DITERIMA, dijeda_pada__isnull=True, tenggat__lt=timezone.now()
    )
    if layanan_id:
        rekap = rekap.filter(layanan_id=layanan_id)
    baris = [
        {
            "layanan_id": b["layanan_id"] or None,
            "status": b["status"],
            "hasil_id": b["hasil_id"] or None,
            "n": b["jumlah"],
            "telat": b["terlambat"],
            "tepat": b["tepat_waktu"],
        }
        for b in rekap.values("layanan_id", "status", "hasil_id")
        .annotate(jumlah=Sum("n"), terlambat=Sum("telat"), tepat_waktu=Sum("tepat"))
        .order_by()
    ]
    baris += [
        {**b, "status": StatusJalan.DITERIMA, "n": 0, "tepat": 0}
        for b in telat.values("layanan_id", "hasil_id").annotate(telat=Count("pk")).order_by()
    ]
    return baris


def angka_permohonan(
    kantor: Kantor,
    periode: Periode,
    layanan_id: int | None = None,
    kelompok: list[dict[str, Any]] | None = None,
) -> AngkaPermohonan:
    baris = kelompok if kelompok is not None else kelompok_permohonan(kantor, periode, layanan_id)
    nama_layanan = dict(Layanan.objects.filter(kantor=kantor).values_list("pk", "nama_singkat"))
    rekap: dict[int, Rekap] = {}
    hasil: dict[tuple[int, int | None], int] = {}
    for b in baris:
        r = rekap.setdefault(
            b["layanan_id"], Rekap(nama_layanan.get(b["layanan_id"], "–"), b["layanan_id"])
        )
        n, status = b["n"], b["status"]
        r.masuk += n
        r.terlambat += b["telat"]
        r.selesai_tepat += b["tepat"]
        if status == StatusJalan.TIDAK_DITERIMA:
            r.tidak_diterima += n
            continue
        r.diterima += n
        if status == StatusJalan.SELESAI:
            r.selesai += n
            kunci = (b["layanan_id"], b["hasil_id"])
            hasil[kunci] = hasil.get(kunci, 0) + n
        elif status == StatusJalan.DITERIMA:
            r.proses += n
        elif status == StatusJalan.DIBATALKAN:
            r.batal += n
    nama_hasil = dict(HasilAkhir.objects.filter(layanan__kantor=kantor).values_list("pk", "nama"))
    total = Rekap("Total")
    per_layanan = sorted(rekap.values(), key=lambda r: r.nama)
    for r in per_layanan:
        total.tambah(r)
    return AngkaPermohonan(
        per_layanan=per_layanan,
        total=total,
        per_hasil=sorted(
            (
                BarisHasil(lid, nama_layanan.get(lid, "–"), hid, nama_hasil.get(hid or 0, "–"), n)
                for (lid, hid), n in hasil.items()
            ),
            key=lambda h: (h.layanan, -h.jumlah, h.hasil),
        ),
    )


@dataclass(frozen=True)
class AngkaSurat:
    ditandatangani: int
    dicabut: int
    diserahkan: int


def angka_surat(kantor: Kantor, periode: Periode, layanan_id: int | None = None) -> AngkaSurat:
    """Letters signed, revoked and handed over in the period (each by its own date)."""
    awal, akhir = periode.batas(kantor.zona)
    qs = Surat.objects.filter(kantor=kantor)
    cabut = RiwayatSurat.objects.filter(
        surat__kantor=kantor, aksi=AksiSurat.CABUT, pada__gte=awal, pada__lt=akhir
    )
    if layanan_id:
        qs = qs.filter(permohonan__layanan_id=layanan_id)
        cabut = cabut.filter(surat__permohonan__layanan_id=layanan_id)
    angka = qs.aggregate(
        ttd=Count("pk", filter=Q(ditandatangani_pada__gte=awal, ditandatangani_pada__lt=akhir)),
        serah=Count("pk", filter=Q(diserahkan_pada__gte=awal, diserahkan_pada__lt=akhir)),
    )
    return AngkaSurat(angka["ttd"], cabut.count(), angka["serah"])


def usulan_dtks_periode(
    kantor: Kantor, periode: Periode, layanan_id: int | None = None
) -> QuerySet[PemeriksaanDtks]:
    """People to propose to DTKS/DTSEN found in the period: their latest answer in the office
    (checked in the period) says not registered (as layanan.selectors.usulan_dtks counts)."""
    awal, akhir = periode.batas(kantor.zona)
    terbaru = (
        PemeriksaanDtks.objects.filter(
            permohonan__kantor_id=kantor.pk,
            nik=OuterRef("nik"),
            status__in=[StatusDtks.TERDAFTAR, StatusDtks.TIDAK_TERDAFTAR],
        )
        .order_by("-pada", "-id")
        .values("pk")[:1]
    )
    qs = PemeriksaanDtks.objects.filter(
        permohonan__kantor=kantor,
        pada__gte=awal,
        pada__lt=akhir,
        status=StatusDtks.TIDAK_TERDAFTAR,
        pk=Subquery(terbaru),
    )
    if layanan_id:
        qs = qs.filter(permohonan__layanan_id=layanan_id)
    return qs


def angka_usulan_dtks(kantor: Kantor, periode: Periode, layanan_id: int | None = None) -> int:
    return usulan_dtks_periode(kantor, periode, layanan_id).values("nik").distinct().count()


# ---------------------------------------------------------------------------
# Complaints
# ---------------------------------------------------------------------------
UMUR_HARI = (5, 10, 20)  # working days: open complaints by age, in these bands


def mundur(kantor: Kantor, sampai: dt.datetime, menit: float) -> dt.datetime:
    """The instant `menit` working minutes before `sampai` (the inverse of hari_kerja.tenggat)."""
    zona = kantor.zona
    tanggal = sampai.astimezone(zona).date()
    sisa = menit
    for _hari in range(3660):
        if hari_kerja(kantor, tanggal):
            buka = dt.datetime.combine(tanggal, JAM_MULAI, zona)
            tutup = min(dt.datetime.combine(tanggal, JAM_SELESAI, zona), sampai)
            if tutup > buka:
                tersedia = (tutup - buka).total_seconds() / 60
                if sisa <= tersedia:
                    return tutup - dt.timedelta(minutes=sisa)
                sisa -= tersedia
        tanggal -= dt.timedelta(days=1)
    raise ValueError("more than ten years back")


@dataclass(frozen=True)
class BarisTahap:
    nomor: int | None
    nama: str
    jumlah: int


@dataclass
class AngkaAduan:
    jumlah: int = 0
    terbuka: int = 0
    selesai: int = 0
    tepat: int = 0
    per_tahap: list[BarisTahap] = field(default_factory=list)
    per_umur: list[tuple[str, int]] = field(default_factory=list)

    @property
    def persen_tepat(self) -> float | None:
        return 100 * self.tepat / self.selesai if self.selesai else None


def angka_pengaduan(kantor: Kantor, periode: Periode) -> AngkaAduan:
    """Complaints received in the period: open ones by stage and by age (working days since
    received), settled ones within their limit. Counts only: nobody is named."""
    awal, akhir = periode.batas(kantor.zona)
    sekarang = timezone.now()
    batas = [mundur(kantor, sekarang, h * MENIT_PER_HARI_KERJA) for h in UMUR_HARI]
    baris = (
        Pengaduan.objects.filter(
            kantor=kantor,
            dibuat_pada__gte=awal,
            dibuat_pada__lt=akhir,
            status__in=[StatusJalan.DITERIMA, StatusJalan.SELESAI],
        )
        .values("status", "langkah_nomor")
        .annotate(
            n=Count("pk"),
            tepat=Count("pk", filter=Q(tepat_waktu=True)),
            u0=Count("pk", filter=Q(dibuat_pada__gte=batas[0])),
            u1=Count("pk", filter=Q(dibuat_pada__gte=batas[1])),
            u2=Count("pk", filter=Q(dibuat_pada__gte=batas[2])),
        )
        .order_by()
    )
    hasil = AngkaAduan()
    umur = [0, 0, 0, 0]
    tahap: dict[int | None, int] = {}
    for b in baris:
        hasil.jumlah += b["n"]
        if b["status"] == StatusJalan.SELESAI:
            hasil.selesai += b["n"]
            hasil.tepat += b["tepat"]
            continue
        hasil.terbuka += b["n"]
        tahap[b["langkah_nomor"]] = tahap.get(b["langkah_nomor"], 0) + b["n"]
        umur[0] += b["u0"]
        umur[1] += b["u1"] - b["u0"]
        umur[2] += b["u2"] - b["u1"]
        umur[3] += b["n"] - b["u2"]
    nama = _nama_tahap(kantor)
    hasil.per_tahap = [
        BarisTahap(n, nama.get(n or 0, str(n or "–")), j)
        for n, j in sorted(tahap.items(), key=lambda x: (x[0] is None, x[0] or 0))
    ]
    a, b, c = UMUR_HARI
    hasil.per_umur = [
        (f"≤ {a}", umur[0]),
        (f"{a + 1}–{b}", umur[1]),
        (f"{b + 1}–{c}", umur[2]),
        (f"> {c}", umur[3]),
    ]
    return hasil


def _nama_tahap(kantor: Kantor) -> dict[int, str]:
    return {
        nomor: f"{nomor}. {kegiatan}"
        for nomor, kegiatan in Langkah.objects.filter(
            layanan__pengaturan_pengaduan__kantor=kantor
        ).values_list("nomor", "kegiatan")
    }
