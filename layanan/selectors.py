"""Reads scoped to what the requesting user may see; views never query models directly."""

from __future__ import annotations

import datetime as dt
import heapq
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.db import connection
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from layanan import mesin
from layanan.hari_kerja import StatusWaktu, menit_kerja, status_waktu
from layanan.loket.antrean import hari_kantor, jenis_antrean
from layanan.models import (
    BatchTugas,
    ButirBatchTugas,
    FungsiLangkah,
    Langkah,
    Layanan,
    ParafLangkah,
    PemeriksaanDtks,
    Pemohon,
    Pengguna,
    PenghitungNomor,
    Peran,
    Permohonan,
    Pindaian,
    RiwayatLangkah,
    StatusDtks,
    StatusLayanan,
    StatusPermohonan,
    StatusSurat,
    Surat,
)


def layanan_untuk(user: Pengguna) -> QuerySet[Layanan]:
    """The services a staff member may read: their own office's; a superuser sees all."""
    qs = Layanan.objects.select_related("kantor")
    if user.is_superuser:
        return qs
    return qs.filter(kantor=user.kantor)


def ambil_layanan_untuk_lembar(user: Pengguna, *, kode_kantor: str, kode: str) -> Layanan:
    """A service with everything its SOP sheet shows; another office's is a 404 like a missing one."""
    qs = (
        layanan_untuk(user)
        .filter(kantor__kode=kode_kantor, kode=kode)
        .prefetch_related(
            "berkas__kategori",
            "kategori",
            "isian",
            "hasil",
            Prefetch(
                "langkah",
                queryset=Langkah.objects.select_related(
                    "peran", "lanjut_hasil", "tidak_hasil"
                ).prefetch_related(
                    Prefetch("paraf", queryset=ParafLangkah.objects.select_related("peran"))
                ),
            ),
        )
    )
    layanan = qs.first()
    if layanan is None:
        raise Http404
    return layanan


# ---------------------------------------------------------------------------
# Loket
# ---------------------------------------------------------------------------
def peran_loket(layanan: Layanan) -> Peran | None:
    """Who registers applications: the actor of the SOP's first step done by staff.

    Where the SOP's first step is the applicant's own (Bima, Metro, Solok, Tarakan), the staff
    member of the next step records it at the loket.
    """
    for langkah in layanan.langkah.all():
        if not langkah.peran.adalah_pemohon:
            return langkah.peran
    return None


def layanan_loket_untuk(user: Pengguna) -> list[Layanan]:
    """Active services of the user's office whose loket role the user holds."""
    if user.kantor_id is None:
        return []
    peran_saya = set(user.peran.values_list("pk", flat=True))
    daftar = (
        Layanan.objects.filter(kantor_id=user.kantor_id, status=StatusLayanan.AKTIF)
        # The complaint-handling SOP walks complaints, not applications made at the loket.
        .filter(pengaturan_pengaduan__isnull=True)
        .select_related("kantor")
        .prefetch_related(Prefetch("langkah", queryset=Langkah.objects.select_related("peran")))
    )
    return [
        layanan
        for layanan in daftar
        if (peran := peran_loket(layanan)) is not None and peran.pk in peran_saya
    ]


def ambil_layanan_loket(user: Pengguna, *, kode: str) -> Layanan:
    for layanan in layanan_loket_untuk(user):
        if layanan.kode == kode:
            return layanan
    raise Http404


def layanan_ids_untuk_peran(user: Pengguna) -> QuerySet[Layanan, int]:
    """Services of the user's office in whose SOP one of the user's roles acts or initials."""
    peran_saya = user.peran.all()
    return (
        Layanan.objects.filter(kantor=user.kantor)
        .filter(Q(langkah__peran__in=peran_saya) | Q(langkah__paraf__peran__in=peran_saya))
        .values_list("pk", flat=True)
    )


def ambil_batch_tugas(user: Pengguna, pk: int) -> BatchTugas:
    """A large batch of initials or signatures: its owner's, in their office; 404 for anyone
    else, as for a missing one."""
    if user.kantor_id is None:
        raise Http404
    batch = (
        BatchTugas.objects.filter(pk=pk).filter(oleh=user).filter(kantor_id=user.kantor_id).first()
    )
    if batch is None:
        raise Http404
    return batch


def butir_batch_tugas(
    batch: BatchTugas, *, dengan_permohonan: bool = True
) -> list[ButirBatchTugas]:
    qs = ButirBatchTugas.objects.filter(batch=batch).order_by("urutan")
    if dengan_permohonan:  # the page names each application; its updates need only the results
        qs = qs.select_related("permohonan", "permohonan__pemohon")
    return list(qs)


def permohonan_untuk(user: Pengguna) -> QuerySet[Permohonan]:
    """Applications the user may see: their office's, of services their roles work on."""
    if user.kantor_id is None:
        return Permohonan.objects.none()
    return Permohonan.objects.filter(
        kantor_id=user.kantor_id,
        layanan_id__in=layanan_ids_untuk_peran(user),
    )


def ambil_permohonan(user: Pengguna, pk: int) -> Permohonan:
    """One application with what its page shows; another office's is a 404 like a missing one."""
    permohonan = (
        permohonan_untuk(user)
        .select_related("layanan", "pemohon", "kantor", "kategori", "hasil", "dibuat_oleh")
        .prefetch_related("berkas", "pindaian")
        .filter(pk=pk)
        .first()
    )
    if permohonan is None:
        raise Http404
    return permohonan


def ambil_pindaian(user: Pengguna, *, permohonan_pk: int, pk: int) -> tuple[Permohonan, Pindaian]:
    permohonan = ambil_permohonan(user, permohonan_pk)
    scan = Pindaian.objects.filter(permohonan=permohonan, pk=pk).first()
    if scan is None:
        raise Http404
    return permohonan, scan


def nik_dengan_permohonan_terbuka(kantor_id: int, nik: str) -> set[str]:
    if not nik:
        return set()
    terbuka = Permohonan.objects.filter(
        kantor_id=kantor_id, pemohon__nik=nik, status=StatusPermohonan.DITERIMA
    )
    return {nik} if terbuka.exists() else set()


def pemohon_dengan_nik(kantor_id: int, nik: str) -> Pemohon | None:
    return Pemohon.objects.filter(kantor_id=kantor_id, nik=nik).first() if nik else None


def nomor_antrean_terakhir(user: Pengguna) -> int:
    """The last queue number the user's office called today (0: none yet)."""
    kantor = user.kantor
    if kantor is None:
        return 0
    hari = hari_kantor(kantor)
    terakhir = PenghitungNomor.objects.filter(
        kantor=kantor, jenis=jenis_antrean(hari), tahun=hari.year
    ).values_list("terakhir", flat=True)
    return terakhir.first() or 0


@dataclass(frozen=True)
class SaringanAntrean:
    layanan_id: int | None = None
    status: str = ""
    hari_ini_saja: bool = True
    cari: str = ""  # name, NIK or registration number; kept in the session, never in a URL


# What a loket queue row shows (templates/loket/antrean.html): never the SOP snapshot.
KOLOM_ANTREAN = (
    "dibuat_pada",
    "nomor_registrasi",
    "status",
    "pemohon__nama",
    "layanan__nama_singkat",
)


def antrean_loket(user: Pengguna, saringan: SaringanAntrean) -> QuerySet[Permohonan]:
    qs = (
        permohonan_untuk(user)
        .select_related("layanan", "pemohon")
        .only(*KOLOM_ANTREAN)
        .order_by("-dibuat_pada")  # the order of the loket index (and of dibuat_pada's own)
    )
    if saringan.layanan_id:
        qs = qs.filter(layanan_id=saringan.layanan_id)
    if saringan.status:
        qs = qs.filter(status=saringan.status)
    if saringan.hari_ini_saja and user.kantor is not None:
        hari_ini = timezone.localtime(timezone.now(), user.kantor.zona).date()
        awal = dt.datetime.combine(hari_ini, dt.time.min, tzinfo=user.kantor.zona)
        qs = qs.filter(dibuat_pada__gte=awal, dibuat_pada__lt=awal + dt.timedelta(days=1))
    cari = saringan.cari.strip()
    if cari:
        angka = cari.translate(str.maketrans("", "", " ."))
        if angka.isdigit() and len(angka) == 16:
            qs = qs.filter(pemohon__nik=angka)
        else:
            qs = qs.filter(Q(pemohon__nama__icontains=cari) | Q(nomor_registrasi__icontains=cari))
    return qs


def permohonan_dengan_token(user: Pengguna, token: uuid.UUID) -> Permohonan | None:
    return Permohonan.objects.filter(token_formulir=token, kantor=user.kantor).first()


# ---------------------------------------------------------------------------
# DTKS
# ---------------------------------------------------------------------------
def boleh_cek_dtks(user: Pengguna, permohonan: Permohonan) -> bool:
    """Only at the SOP's DTKS check step, by the role it waits for. A check at any other time
    would change a draft someone already initialled (the letter follows the check)."""
    langkah = mesin.langkah_kini(permohonan)
    return (
        langkah is not None
        and langkah.fungsi == FungsiLangkah.CEK_DTKS
        and mesin.boleh_bertindak(user, permohonan)
    )


def pemeriksaan_dtks(permohonan: Permohonan) -> QuerySet[PemeriksaanDtks]:
    return PemeriksaanDtks.objects.filter(permohonan=permohonan).select_related("oleh")


def usulan_dtks(user: Pengguna) -> QuerySet[PemeriksaanDtks]:
    """People to propose to DTKS: one row per person checked (the applicant, the child...),
    from their latest answer in the office, when it says not registered.

    Latest per NIK across the office's applications, not per application: a person checked again
    for another application, or found registered since, is not proposed twice or from an old
    answer. An "unavailable" source said nothing and does not count.
    """
    terbaru = (
        PemeriksaanDtks.objects.filter(
            permohonan__kantor_id=OuterRef("permohonan__kantor_id"),
            nik=OuterRef("nik"),
            status__in=[StatusDtks.TERDAFTAR, StatusDtks.TIDAK_TERDAFTAR],
        )
        .order_by("-pada", "-id")
        .values("pk")[:1]
    )
    return (
        PemeriksaanDtks.objects.filter(
            permohonan__in=permohonan_untuk(user),
            pk=Subquery(terbaru),
            status=StatusDtks.TIDAK_TERDAFTAR,
        )
        .select_related("permohonan__pemohon", "permohonan__layanan")
        .order_by("-pada", "-id")
    )


# ---------------------------------------------------------------------------
# Steps and inboxes
# ---------------------------------------------------------------------------
# What an inbox row shows (templates/tugas/tugas_saya.html), and the deadline it is ordered by:
# never the SOP snapshot (`alur`), the heaviest column of the row.
KOLOM_TUGAS = (
    "tenggat",
    "langkah_siap_pada",
    "nomor_registrasi",
    "langkah_nomor",
    "langkah_standar_menit",
    "pemohon__nama",
    "layanan__nama_singkat",
    "peran_saat_ini__nama",
)


def tugas_untuk(user: Pengguna) -> KotakTugas:
    """What waits for any role the user holds in their office, the nearest deadline first."""
    if user.kantor_id is None:
        return KotakTugas([])
    return KotakTugas(
        [
            Permohonan.objects.filter(
                kantor_id=user.kantor_id,
                peran_saat_ini_id=peran_id,
                status=StatusPermohonan.DITERIMA,
            )
            .select_related("layanan", "pemohon", "peran_saat_ini")
            .only(*KOLOM_TUGAS)
            # Plain ascending order, as the index holds it (indeks_kotak_tugas): the database
            # reads one page in index order and stops, instead of sorting the whole backlog.
            .order_by("tenggat", "pk")
            # The link table alone: user.peran would join the offices to sort by their names.
            for peran_id in Pengguna.peran.through.objects.filter(pengguna_id=user.pk)
            .order_by("peran_id")
            .values_list("peran_id", flat=True)
        ]
    )


class KotakTugas:
    """An inbox, sliced like a queryset: one query per role the user holds, each the inbox
    index's own filter and order, so no query sorts; several roles' queues are merged here in
    the same order (a role is one index range, two roles are two)."""

    def __init__(self, per_peran: list[QuerySet[Any]], kunci: Callable[[Any], Any] | None = None):
        self.per_peran = per_peran
        self.kunci = kunci or _urutan_tugas

    def __getitem__(self, potong: slice) -> list[Any]:
        if len(self.per_peran) == 1:
            return list(self.per_peran[0][potong])
        antre = [qs[: potong.stop] for qs in self.per_peran]
        return list(islice(heapq.merge(*antre, key=self.kunci), potong.start, potong.stop))

    def sebagai_data(self) -> KotakTugas:
        """The same inbox as plain rows (dicts of KOLOM_DATA_TUGAS), for the inbox page: a page
        of 25 rows built as model instances (four per row, with their deferred fields) cost
        more than the database took to find them."""
        return KotakTugas(
            [qs.values(*KOLOM_DATA_TUGAS) for qs in self.per_peran],
            kunci=lambda d: _urutan(d["tenggat"], d["pk"]),
        )


KOLOM_DATA_TUGAS = ("pk", *KOLOM_TUGAS)


def _urutan_tugas(p: Permohonan) -> tuple[bool, dt.datetime, int]:
    return _urutan(p.tenggat, p.pk)


def _urutan(tenggat: dt.datetime | None, pk: int) -> tuple[bool, dt.datetime, int]:
    # The database's own order: no deadline last on PostgreSQL, first on SQLite.
    tanpa = tenggat is None
    return (
        tanpa if connection.features.nulls_order_largest else not tanpa,
        tenggat or _AWAL_WAKTU,
        pk,
    )


_AWAL_WAKTU = dt.datetime.min.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class BarisRiwayat:
    """One record of the timeline and the working minutes its step took."""

    riwayat: RiwayatLangkah
    menit_kerja: float
    terlambat: bool


def riwayat_permohonan(permohonan: Permohonan) -> list[BarisRiwayat]:
    """The application's timeline, each step measured as the inbox measures it: in the office's
    working minutes, so a step finished the next morning is not hours late by the wall clock."""
    kantor = permohonan.kantor  # a record has no office of its own: one office for all rows
    baris = []
    for r in permohonan.riwayat.select_related("oleh"):
        menit = menit_kerja(kantor, r.siap_pada, r.selesai_pada)
        terlambat = status_waktu(r.standar_menit, menit) == StatusWaktu.TERLAMBAT
        baris.append(BarisRiwayat(r, menit, terlambat))
    return baris


def boleh_kerjakan(user: Pengguna, permohonan: Permohonan) -> bool:
    return mesin.boleh_bertindak(user, permohonan)


def permohonan_dengan_kode(kode: str) -> Permohonan | None:
    """The public status page's lookup: by the receipt's random code only, never by NIK."""
    kode = kode.replace("-", "")
    if len(kode) != 12:
        return None
    return (
        Permohonan.objects.filter(kode_lacak=f"{kode[:4]}-{kode[4:8]}-{kode[8:]}")
        .select_related("layanan", "pemohon", "kantor", "hasil", "peran_saat_ini")
        .first()
    )


def surat_dengan_token(token: str) -> Surat | None:
    """A letter by its QR token only; an unknown and a malformed token look the same."""
    if len(token) != 32 or not all(c in "0123456789abcdef" for c in token):
        return None
    return (
        Surat.objects.filter(token=token)
        .select_related("kantor", "permohonan__pemohon", "permohonan__layanan")
        .first()
    )


def surat_untuk(permohonan: Permohonan) -> QuerySet[Surat]:
    return (
        Surat.objects.filter(permohonan=permohonan)
        .select_related("pejabat")
        .prefetch_related("riwayat__oleh")
    )


def ambil_surat(user: Pengguna, *, permohonan_pk: int, pk: int) -> tuple[Permohonan, Surat]:
    permohonan = ambil_permohonan(user, permohonan_pk)
    surat = surat_untuk(permohonan).filter(pk=pk).first()
    if surat is None:
        raise Http404
    return permohonan, surat


def surat_sah_terakhir(permohonan: Permohonan) -> Surat | None:
    return (
        Surat.objects.filter(permohonan=permohonan, status=StatusSurat.SAH)
        .order_by("-ditandatangani_pada")
        .first()
    )
