"""The survey's reads: who runs an office's survey (its administrator and the roles its settings
name), the application behind a receipt's link, and a period's answers as aggregates — the
profile of respondents, the suggestions, the follow-up plans. Another office's is a 404."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db.models import Count, QuerySet
from django.http import Http404

from layanan.ikm.periode import Periode
from layanan.models import (
    JawabanIkm,
    Kantor,
    Layanan,
    Pekerjaan,
    Pendidikan,
    PengaturanIkm,
    Pengguna,
    Permohonan,
    RencanaTindakLanjut,
    StatusLayanan,
    StatusPermohonan,
)
from layanan.models.permohonan import JenisKelamin

GARAM_TAUTAN = "layanan.ikm.tautan"
# An application whose citizen was served at the loket: accepted, finished, or turned back for
# missing documents (the service they met is worth rating too).
STATUS_BOLEH_SURVEI = (
    StatusPermohonan.DITERIMA,
    StatusPermohonan.SELESAI,
    StatusPermohonan.TIDAK_DITERIMA,
)


def layanan_kantor(kantor: Kantor) -> QuerySet[Layanan]:
    """The services a respondent may name: the office's active ones, not the complaint SOP."""
    return (
        Layanan.objects.filter(kantor=kantor, status=StatusLayanan.AKTIF)
        .filter(pengaturan_pengaduan__isnull=True)
        .order_by("nama")
    )


def boleh_kelola(user: Pengguna) -> bool:
    """Runs the survey of their office: its administrator, or a role the settings name."""
    if not user.is_authenticated or not user.is_active or user.kantor_id is None:
        return False
    if user.adalah_admin_kantor:
        return True
    return PengaturanIkm.objects.filter(
        kantor_id=user.kantor_id, peran_pengelola__in=user.peran.all()
    ).exists()


def kantor_pengelola(user: Pengguna) -> Kantor:
    """The office whose survey the user runs; anyone else gets a 404."""
    if not boleh_kelola(user) or user.kantor is None:
        raise Http404
    return user.kantor


def kantor_publik(kode: str) -> Kantor:
    kantor = Kantor.objects.filter(kode=kode).first()
    if kantor is None:
        raise Http404
    return kantor


# ---------------------------------------------------------------------------
# The receipt's link
# ---------------------------------------------------------------------------
def token_tautan(permohonan: Permohonan) -> str:
    """What the receipt's QR carries: the application's id, signed (so no one can walk through
    ids), never its tracking code (which also opens the status page)."""
    return signing.dumps(permohonan.pk, salt=GARAM_TAUTAN, compress=False)


def permohonan_dari_token(token: str) -> Permohonan | None:
    try:
        pk = signing.loads(token, salt=GARAM_TAUTAN)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return permohonan_survei(pk)


def permohonan_survei(pk: int) -> Permohonan | None:
    return (
        Permohonan.objects.filter(pk=pk, status__in=STATUS_BOLEH_SURVEI)
        .exclude(kode_lacak="")
        .select_related("kantor", "layanan")
        .first()
    )


# ---------------------------------------------------------------------------
# A period's answers, as aggregates only
# ---------------------------------------------------------------------------
def jawaban_periode(kantor: Kantor, periode: Periode, layanan: Layanan | None = None) -> QuerySet:
    qs = JawabanIkm.objects.filter(
        kantor=kantor, tanggal__gte=periode.mulai, tanggal__lte=periode.selesai
    )
    return qs.filter(layanan=layanan) if layanan is not None else qs


KELOMPOK_UMUR: tuple[tuple[int, int, str], ...] = (
    (0, 19, "< 20"),
    (20, 29, "20–29"),
    (30, 39, "30–39"),
    (40, 49, "40–49"),
    (50, 59, "50–59"),
    (60, 200, "≥ 60"),
)


@dataclass(frozen=True)
class Baris:
    label: str
    jumlah: int
    persen: int  # whole percent of the respondents


@dataclass(frozen=True)
class Profil:
    jumlah: int
    jenis_kelamin: list[Baris]
    umur: list[Baris]
    pendidikan: list[Baris]
    pekerjaan: list[Baris]


def _baris(hitungan: Counter, pilihan: list[tuple[str, Any]], jumlah: int) -> list[Baris]:
    return [
        Baris(str(label), hitungan.get(kode, 0), round(100 * hitungan.get(kode, 0) / jumlah))
        for kode, label in pilihan
        if jumlah
    ]


def profil(kantor: Kantor, periode: Periode, layanan: Layanan | None = None) -> Profil:
    qs = jawaban_periode(kantor, periode, layanan)

    def hitung(kolom: str) -> Counter:
        baris = qs.values(kolom).annotate(n=Count("pk")).order_by()
        return Counter({b[kolom]: b["n"] for b in baris})

    jumlah = qs.count()
    umur = hitung("umur")
    kelompok = Counter(
        {
            label: sum(n for u, n in umur.items() if bawah <= u <= atas)
            for bawah, atas, label in KELOMPOK_UMUR
        }
    )
    return Profil(
        jumlah=jumlah,
        jenis_kelamin=_baris(hitung("jenis_kelamin"), JenisKelamin.choices, jumlah),
        umur=_baris(kelompok, [(label, label) for _b, _a, label in KELOMPOK_UMUR], jumlah),
        pendidikan=_baris(hitung("pendidikan"), Pendidikan.choices, jumlah),
        pekerjaan=_baris(hitung("pekerjaan"), Pekerjaan.choices, jumlah),
    )


def saran_periode(
    kantor: Kantor, periode: Periode, layanan: Layanan | None = None, batas: int = 200
) -> list[dict[str, object]]:
    """The suggestions written, newest first: the text, its day and the service, nothing else."""
    qs = jawaban_periode(kantor, periode, layanan).exclude(saran="").order_by("-tanggal", "-pk")
    return [
        {"tanggal": j["tanggal"], "saran": j["saran"], "layanan": j["layanan__nama_singkat"]}
        for j in qs.values("tanggal", "saran", "layanan__nama_singkat")[:batas]
    ]


def saran_dikelompokkan(
    kantor: Kantor, periode: Periode, layanan: Layanan | None = None, batas: int = 100
) -> list[dict[str, object]]:
    """For the report: each suggestion once, with how many wrote the same, most written first."""
    qs = jawaban_periode(kantor, periode, layanan).exclude(saran="")
    baris = qs.values("saran").annotate(n=Count("pk")).order_by("-n", "saran")[:batas]
    return [{"saran": b["saran"], "jumlah": b["n"]} for b in baris]


def rtl_periode(kantor: Kantor, periode: Periode) -> dict[str, RencanaTindakLanjut]:
    return {
        r.unsur: r for r in RencanaTindakLanjut.objects.filter(kantor=kantor, periode=periode.kode)
    }
