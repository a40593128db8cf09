"""Reads of complaints scoped to the user, as layanan.selectors scopes applications: their own
office's, only if one of their roles takes part in complaints; a complaint about an officer only
for the head of office and the roles named; never for the officer it names. Another office's
complaint is a 404, the same as a missing one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from layanan import mesin
from layanan.models import (
    Kantor,
    Pengaduan,
    PengaturanPengaduan,
    Pengguna,
    Permohonan,
    StatusJalan,
    StatusLayanan,
)
from layanan.pengaduan.aturan import pengaturan, peran_pengaduan, peran_saya


@dataclass(frozen=True)
class Akses:
    """What a user's roles allow among the complaints of their office."""

    atur: PengaturanPengaduan | None
    peran: frozenset[int]  # the user's roles that take part in complaints
    rahasia: bool  # sees complaints about officers

    @property
    def ada(self) -> bool:
        return bool(self.peran)


def akses_untuk(user: Pengguna) -> Akses:
    """Read once per request: kept on the request's user object (the navbar asks too)."""
    simpan = getattr(user, "_akses_pengaduan", None)
    if simpan is None:
        simpan = _akses(user)
        user._akses_pengaduan = simpan  # type: ignore[attr-defined]
    return simpan


def _akses(user: Pengguna) -> Akses:
    atur = pengaturan(user.kantor_id) if user.is_active else None
    if atur is None:
        return Akses(None, frozenset(), False)
    saya = peran_saya(user)
    semua, rahasia = peran_pengaduan(atur)
    return Akses(atur, frozenset(saya & semua), bool(saya & rahasia))


def _terlihat(qs: QuerySet[Pengaduan], user: Pengguna, akses: Akses) -> QuerySet[Pengaduan]:
    qs = qs.filter(kantor_id=user.kantor_id or 0)
    if not akses.rahasia:
        qs = qs.filter(rahasia=False)
    return qs.exclude(terlapor=user)


def pengaduan_untuk(user: Pengguna, akses: Akses | None = None) -> QuerySet[Pengaduan]:
    """Complaints the user may see."""
    akses = akses or akses_untuk(user)
    if not akses.ada:
        return Pengaduan.objects.none()
    return _terlihat(Pengaduan.objects.all(), user, akses)


def ambil_pengaduan(user: Pengguna, pk: int) -> Pengaduan:
    p = (
        pengaduan_untuk(user)
        .select_related(
            "kantor",
            "layanan",
            "jenis",
            "kategori__induk",
            "peran_saat_ini",
            "hasil",
            "dibuat_oleh",
            "terlapor",
            "permohonan__layanan",
            "permohonan_terkait",
            "induk",
            "kantor_tujuan",
        )
        .filter(pk=pk)
        .first()
    )
    if p is None:
        raise Http404
    return p


# What an inbox row shows (templates/pengaduan/tugas.html): never the SOP snapshot.
KOLOM_TUGAS = (
    "kantor",
    "status",
    "menit_jeda",
    "batas_menit",
    "tenggat",
    "langkah_siap_pada",
    "dijeda_pada",
    "dibuat_pada",
    "nomor",
    "langkah_nomor",
    "saluran",
    "rahasia",
    "lapor_id",
    "jenis_lanjutan",
    "jenis__nama",
    "kategori__nama",
    "peran_saat_ini__nama",
)


def tugas_pengaduan(user: Pengguna, akses: Akses | None = None) -> list[QuerySet[Pengaduan]]:
    """What waits for each complaint role the user holds, nearest deadline first: one query per
    role, each the inbox index's own filter and order (indeks_kotak_tugas), so none sorts the
    backlog. layanan.views.tugas.KotakTugas merges them."""
    akses = akses or akses_untuk(user)
    return [
        _terlihat(
            Pengaduan.objects.filter(
                kantor_id=user.kantor_id or 0,
                peran_saat_ini_id=peran_id,
                status=StatusJalan.DITERIMA,
            ),
            user,
            akses,
        )
        .select_related("jenis", "kategori", "peran_saat_ini")
        .only(*KOLOM_TUGAS)
        .order_by("tenggat", "pk")
        for peran_id in sorted(akses.peran)
    ]


def pengaduan_dengan_kode(kode: str) -> Pengaduan | None:
    """The public status page's lookup: by the random tracking code only."""
    kode = kode.replace("-", "")
    if len(kode) != 12:
        return None
    return (
        Pengaduan.objects.filter(kode_lacak=f"{kode[:4]}-{kode[4:8]}-{kode[8:]}")
        .select_related("kantor", "jenis", "kategori", "peran_saat_ini", "induk")
        .first()
    )


def boleh_lihat_identitas(user: Pengguna, p: Pengaduan, akses: Akses) -> bool:
    """The complainant's identity is for whoever handles the complaint now, and for the roles
    that oversee complaints about officers; nobody else needs it."""
    return mesin.boleh_bertindak(user, p) or akses.rahasia


def pengaduan_asal_untuk(user: Pengguna, permohonan: Permohonan) -> Pengaduan | None:
    """The complaint an application came from, if the user may see it."""
    return pengaduan_untuk(user).filter(permohonan=permohonan).first()


def kantor_tujuan(kantor: Kantor) -> QuerySet[Kantor]:
    """Offices a complaint can be forwarded to: every other office."""
    return Kantor.objects.exclude(pk=kantor.pk).order_by("nama_daerah")


def kantor_penerima() -> QuerySet[Kantor]:
    """Offices whose public complaint form is open: their complaint SOP is active."""
    return Kantor.objects.filter(
        pengaturan_pengaduan__layanan__status=StatusLayanan.AKTIF
    ).order_by("nama_daerah")


def staf_kantor(kantor_id: int | None) -> QuerySet[Pengguna]:
    """Officers of the office a complaint can name."""
    return Pengguna.objects.filter(kantor_id=kantor_id or 0, is_active=True).order_by(
        "first_name", "last_name", "username"
    )


def lanjutan_dari(p: Pengaduan) -> Pengaduan | None:
    return Pengaduan.objects.filter(induk=p).first()


def belum_lewat(waktu: dt.datetime | None, sekarang: dt.datetime) -> bool:
    return waktu is None or sekarang <= waktu
