"""Who handles and who sees a complaint: the category's handling role, the conflict rule for
complaints about an officer, and which roles take part in complaints at all."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import BooleanField, QuerySet, Value

from layanan import mesin
from layanan.models import (
    KategoriPengaduan,
    Langkah,
    ParafLangkah,
    Pengaduan,
    PengaturanPengaduan,
    Pengguna,
    Peran,
)


def pengaturan(kantor_id: int | None) -> PengaturanPengaduan | None:
    if kantor_id is None:
        return None
    return PengaturanPengaduan.objects.filter(kantor_id=kantor_id).first()


def peran_rahasia_ids(atur: PengaturanPengaduan) -> set[int]:
    """The roles that see complaints about officers: the head of office and those named."""
    return {atur.peran_pimpinan_id, *atur.peran_pengawas.values_list("pk", flat=True)}


def peran_sop(atur: PengaturanPengaduan) -> list[Peran]:
    """The staff roles of the complaint SOP's steps and initials, in step order."""
    daftar: dict[int, Peran] = {}
    for langkah in atur.layanan.langkah.select_related("peran").prefetch_related("paraf__peran"):
        for peran in [langkah.peran, *(p.peran for p in langkah.paraf.all())]:
            if not peran.adalah_pemohon:
                daftar.setdefault(peran.pk, peran)
    return list(daftar.values())


def peran_pengaduan(atur: PengaturanPengaduan) -> tuple[set[int], set[int]]:
    """(every role that may take part in a complaint of this office — the SOP's steps and
    initials, the categories', the appeal role, the head's and the named roles —, the roles
    that see complaints about officers), in one query: every staff page asks (the navbar)."""

    def peran(qs: QuerySet[Any], rahasia: bool) -> QuerySet[Any]:
        return qs.order_by().annotate(r=Value(rahasia, BooleanField())).values_list("peran_id", "r")

    pengawas = PengaturanPengaduan.peran_pengawas.through.objects.filter(
        pengaturanpengaduan_id=atur.pk
    )
    baris = peran(
        Langkah.objects.filter(layanan_id=atur.layanan_id, peran__adalah_pemohon=False), False
    ).union(
        peran(
            ParafLangkah.objects.filter(
                langkah__layanan_id=atur.layanan_id, peran__adalah_pemohon=False
            ),
            False,
        ),
        peran(
            KategoriPengaduan.objects.filter(kantor_id=atur.kantor_id, peran__isnull=False), False
        ),
        peran(pengawas, True),
        all=True,
    )
    rahasia = {atur.peran_pimpinan_id}
    semua = {atur.peran_pimpinan_id, *([atur.peran_banding_id] if atur.peran_banding_id else [])}
    for peran_id, r in baris:
        semua.add(peran_id)
        if r:
            rahasia.add(peran_id)
    return semua, rahasia


def ganti_peran_awal(
    atur: PengaturanPengaduan,
    kategori: KategoriPengaduan,
    *,
    rahasia: bool,
    terlapor: Pengguna | None,
    banding: bool = False,
) -> dict[int, Peran]:
    """Whose steps go to whom when a complaint starts: the SOP's handler role to the category's
    role (to the appeal role for an appeal), then the conflict rule."""
    sasaran = kategori.peran_berlaku
    if banding:
        sasaran = atur.peran_banding or atur.peran_pimpinan
    dasar: dict[int, Peran] = {}
    if atur.peran_penangan is not None and sasaran is not None:
        dasar[atur.peran_penangan.pk] = sasaran
    sop = peran_sop(atur)
    konflik = aturan_konflik(
        atur,
        [dasar.get(p.pk, p) for p in sop],
        sasaran=sasaran,
        rahasia=rahasia,
        terlapor=terlapor,
    )
    hasil: dict[int, Peran] = {}
    for p in sop:
        akhir = dasar.get(p.pk, p)
        akhir = konflik.get(akhir.pk, akhir)
        if akhir.pk != p.pk:
            hasil[p.pk] = akhir
    return hasil


def aturan_konflik(
    atur: PengaturanPengaduan,
    peran: Iterable[Peran],
    *,
    sasaran: Peran | None,
    rahasia: bool,
    terlapor: Pengguna | None,
) -> dict[int, Peran]:
    """The conflict rule over the roles a walk uses: a complaint about an officer goes only to
    the head of office and the roles the office names, and never to a role the officer named
    holds (the head's steps go to another of those roles; if the officer named is the only one
    left, the steps stay where they were and the complaint must be forwarded)."""
    boleh = peran_rahasia_ids(atur)
    pengganti_rahasia = sasaran if sasaran is not None and sasaran.pk in boleh else None
    pengganti_rahasia = pengganti_rahasia or atur.peran_pimpinan
    ganti: dict[int, Peran] = {}
    daftar = list(peran)
    if rahasia:
        for p in daftar:
            if p.pk not in boleh:
                ganti[p.pk] = pengganti_rahasia
    if terlapor is not None:
        dipegang = set(terlapor.peran.values_list("pk", flat=True))
        calon = [atur.peran_pimpinan, *atur.peran_pengawas.order_by("urutan", "pk")]
        pengganti = next((c for c in calon if c.pk not in dipegang), None)
        if pengganti is not None:
            for p in daftar:
                if ganti.get(p.pk, p).pk in dipegang:
                    ganti[p.pk] = pengganti
    return ganti


def ganti_peran_konflik(p: Pengaduan, atur: PengaturanPengaduan) -> dict[int, Peran]:
    """The conflict rule applied to a complaint under way (its officer was named later), over
    the roles its frozen SOP uses."""
    ids = {s.peran_id for s in mesin.potret(p).langkah}
    peran = list(Peran.objects.filter(pk__in=ids))
    return aturan_konflik(atur, peran, sasaran=None, rahasia=p.rahasia, terlapor=p.terlapor)


def peran_saya(user: Pengguna) -> set[int]:
    # The link table alone: user.peran would join the offices to sort by their names.
    return set(
        Pengguna.peran.through.objects.filter(pengguna_id=user.pk).values_list(
            "peran_id", flat=True
        )
    )
