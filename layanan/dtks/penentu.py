"""Whose DTKS result decides a service: the applicant, the person of one service field (the
child, for KIP), all of those checked, or any one of them (`Layanan.penentu_dtks`).

One answer for the step that branches on DTKS and for the letter's wording, so a letter never
says "terdaftar" about a person the check found unregistered.
"""

from __future__ import annotations

from dataclasses import dataclass

from layanan.models import PemeriksaanDtks, PenentuDtks, Permohonan, StatusDtks, TipeIsian


@dataclass(frozen=True)
class HasilOrang:
    subjek: str
    nik: str
    status: str  # StatusDtks
    keterangan: str
    memenuhi: bool | None  # under the office's eligibility rule
    menentukan: bool  # this person's result counts under the service's rule


@dataclass(frozen=True)
class Keputusan:
    orang: tuple[HasilOrang, ...]
    memenuhi: bool | None  # None: a deciding person has no usable check yet
    terdaftar: bool | None
    # The latest usable check of each person, oldest first: what a letter may cite.
    pemeriksaan: tuple[PemeriksaanDtks, ...] = ()


def _gabung(nilai: list[bool | None], aturan: str) -> bool | None:
    if not nilai or None in nilai:
        return None
    return any(nilai) if aturan == PenentuDtks.SALAH_SATU else all(nilai)


def nik_penentu(p: Permohonan) -> list[str]:
    """The numbers whose results count, in the order the loket entered them."""
    aturan = p.layanan.penentu_dtks
    if aturan == PenentuDtks.ISIAN:
        nik = p.isian.get(p.layanan.penentu_dtks_isian)
        return [nik] if nik else []
    pemohon = [p.pemohon.nik] if p.pemohon.nik else [p.nomor_kk] if p.nomor_kk else []
    if aturan == PenentuDtks.PEMOHON:
        return pemohon
    lain = [
        p.isian[k.kode] for k in p.layanan.isian.filter(tipe=TipeIsian.NIK) if p.isian.get(k.kode)
    ]
    return pemohon + [n for n in lain if n not in pemohon]


def keputusan(p: Permohonan) -> Keputusan:
    terakhir: dict[str, PemeriksaanDtks] = {}
    for cek in (
        PemeriksaanDtks.objects.filter(permohonan=p)
        .exclude(status=StatusDtks.TIDAK_TERSEDIA)
        .order_by("-pada", "-id")
    ):
        terakhir.setdefault(cek.nik, cek)
    penentu = nik_penentu(p)
    orang = tuple(
        HasilOrang(
            subjek=c.subjek,
            nik=c.nik,
            status=c.status,
            keterangan=c.get_status_display(),
            memenuhi=c.memenuhi,
            menentukan=c.nik in penentu,
        )
        for c in sorted(terakhir.values(), key=lambda c: (c.nik not in penentu, c.pk))
    )
    dicek = [terakhir.get(nik) for nik in penentu]
    aturan = p.layanan.penentu_dtks
    return Keputusan(
        orang=orang,
        memenuhi=_gabung([c.memenuhi if c else None for c in dicek], aturan),
        terdaftar=_gabung([c.status == StatusDtks.TERDAFTAR if c else None for c in dicek], aturan),
        pemeriksaan=tuple(reversed(terakhir.values())),
    )
