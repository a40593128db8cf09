"""Reads of complaints scoped to the user, as layanan.selectors scopes applications: their own
office's, only if one of their roles takes part in complaints; a complaint about an officer only
for the head of office and the roles named; never for the officer it names. Another office's
complaint is a 404, the same as a missing one."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Any

from django.db.models import Exists, F, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.dates import MONTHS_3

from layanan import mesin
from layanan.models import (
    JenisLanjutan,
    Kantor,
    Pengaduan,
    PengaturanPengaduan,
    Pengguna,
    Permohonan,
    SaluranPengaduan,
    StatusJalan,
    StatusLayanan,
)
from layanan.pengaduan.aturan import peran_pengaduan, peran_saya
from layanan.pengaduan.waktu import JamKerja, waktu_pengaduan


class Akses:
    """What a user's roles allow among the complaints of their office, each part read when first
    asked: the inbox and the navbar (every staff page) need only the user's roles and whether
    one of them oversees complaints about officers, not every role complaints involve."""

    def __init__(self, user: Pengguna):
        self.user = user
        self.atur = _pengaturan(user) if user.is_active and user.kantor_id else None

    @cached_property
    def saya(self) -> frozenset[int]:
        """The user's roles, when their office receives complaints."""
        return frozenset(peran_saya(self.user)) if self.atur is not None else frozenset()

    @cached_property
    def peran(self) -> frozenset[int]:
        """The user's roles that take part in complaints."""
        if self.atur is None or not self.saya:
            return frozenset()
        return self.saya & frozenset(peran_pengaduan(self.atur)[0])

    @cached_property
    def rahasia(self) -> bool:
        """Does one of the user's roles see complaints about officers?"""
        atur = self.atur
        if atur is None or not self.saya:
            return False
        return atur.peran_pimpinan_id in self.saya or bool(getattr(atur, "pengawas_saya", False))

    @property
    def ada(self) -> bool:
        return bool(self.peran)

    @property
    def menu(self) -> bool:
        """The navbar offers complaints to staff holding roles in an office that receives them
        (the pages then say what the user's own roles allow)."""
        return bool(self.saya)


def _pengaturan(user: Pengguna) -> PengaturanPengaduan | None:
    """The office's complaint settings and, in the same query, whether one of the user's roles
    is among those it names to oversee complaints about officers."""
    peran_user = Pengguna.peran.through.objects.filter(pengguna_id=user.pk).values("peran_id")
    pengawas = PengaturanPengaduan.peran_pengawas.through.objects.filter(
        pengaturanpengaduan_id=OuterRef("pk"), peran_id__in=peran_user
    )
    return (
        PengaturanPengaduan.objects.filter(kantor_id=user.kantor_id or 0)
        .annotate(pengawas_saya=Exists(pengawas))
        .first()
    )


def akses_untuk(user: Pengguna) -> Akses:
    """Read once per request: kept on the request's user object (the navbar asks too)."""
    simpan = getattr(user, "_akses_pengaduan", None)
    if simpan is None:
        simpan = Akses(user)
        user._akses_pengaduan = simpan  # type: ignore[attr-defined]
    return simpan


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
)
# The names a row shows, read beside it: three related objects a row would cost more to build.
NAMA_TUGAS = {
    "nama_jenis": F("jenis__nama"),
    "nama_kategori": F("kategori__nama"),
    "nama_peran": F("peran_saat_ini__nama"),
}


def tugas_pengaduan(user: Pengguna, akses: Akses | None = None) -> list[QuerySet[Pengaduan]]:
    """What waits for each role the user holds, nearest deadline first: one query per role, each
    the inbox index's own filter and order (indeks_kotak_tugas), so none sorts the backlog (a
    role without complaints finds none). layanan.selectors.KotakTugas merges them."""
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
        .only(*KOLOM_TUGAS)
        .annotate(**NAMA_TUGAS)
        .order_by("tenggat", "pk")
        for peran_id in sorted(akses.saya)
    ]


def baris_tugas(
    daftar: list[Pengaduan], kantor: Kantor, sekarang: dt.datetime
) -> list[dict[str, Any]]:
    """What each inbox row shows, as plain values. Per page, not per row: one walk over the
    office's working days for every clock, and each choice's label cast once (a model's
    get_FOO_display builds its choices anew at each call, translating every label)."""
    jam = JamKerja(kantor, sekarang)
    saluran = {k: str(v) for k, v in SaluranPengaduan.choices}
    lanjutan = {k: str(v) for k, v in JenisLanjutan.choices}
    bulan = {k: str(v).title() for k, v in MONTHS_3.items()}  # the "M" of Django's date format
    baris = []
    for p in daftar:
        p.kantor = kantor  # every row is of the user's own office: no query per row for it
        w = waktu_pengaduan(p, sekarang, jam)
        dibuat = timezone.localtime(p.dibuat_pada)  # the office's zone (the middleware's)
        baris.append(
            {
                "pk": str(p.pk),
                "nomor": p.nomor,
                "rahasia": p.rahasia,
                "lanjutan": lanjutan.get(p.jenis_lanjutan, ""),
                # "j M Y H:i", as the date filter writes it, without parsing the format per row
                "dibuat": f"{dibuat.day} {bulan[dibuat.month]} {dibuat.year} {dibuat:%H:%M}",
                "jenis": p.nama_jenis,  # type: ignore[attr-defined]
                "kategori": p.nama_kategori,  # type: ignore[attr-defined]
                "saluran": saluran.get(p.saluran, p.saluran),
                "lapor_id": p.lapor_id,
                "langkah": str(p.langkah_nomor),
                "peran": p.nama_peran or "",  # type: ignore[attr-defined]
                "waktu": {"kelas": w.kelas, "label": w.label, "teks": w.teks} if w else None,
            }
        )
    return baris


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
