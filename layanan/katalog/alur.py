"""Checks that an SOP's steps form a flow that always ends: the rules the admin and import share."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from layanan.models.langkah import JENIS_BERCABANG, JenisLangkah
from layanan.models.surat import VarianSurat


@dataclass(frozen=True)
class Cabang:
    """Where a branch leads: a step number, an outcome code, or nowhere given (both None)."""

    nomor: int | None = None
    hasil: str | None = None

    @property
    def kosong(self) -> bool:
        return self.nomor is None and self.hasil is None


@dataclass(frozen=True)
class Masalah:
    """One reason a flow is broken: the step it concerns, the branch ("lanjut"/"tidak") if any."""

    pesan: str
    nomor: int | None = None
    cabang: str | None = None

    def __str__(self) -> str:
        return self.pesan


@dataclass(frozen=True)
class LangkahAlur:
    """The part of a step the flow check needs."""

    nomor: int
    jenis: str
    lanjut: Cabang
    tidak: Cabang
    ada_paraf: bool = False


def _tujuan(langkah: LangkahAlur, berikut: dict[int, int | None]) -> list[Cabang]:
    lanjut = langkah.lanjut
    if lanjut.kosong:
        lanjut = Cabang(nomor=berikut[langkah.nomor])
    return [c for c in (lanjut, langkah.tidak) if not c.kosong]


def periksa_alur(daftar: Iterable[LangkahAlur], kode_hasil: Iterable[str]) -> list[Masalah]:
    """Every reason the flow is broken, in Indonesian; an empty list means it is sound."""
    langkah = sorted(daftar, key=lambda s: s.nomor)
    hasil_ada = set(kode_hasil)
    if not langkah:
        return [Masalah(_("The SOP has no steps."))]
    kesalahan: list[Masalah] = []
    nomor_ada = [s.nomor for s in langkah]
    if len(set(nomor_ada)) != len(nomor_ada):
        ganda = sorted({n for n in nomor_ada if nomor_ada.count(n) > 1})
        kesalahan.append(Masalah(_("Step number %(n)s is used twice.") % {"n": ganda[0]}, ganda[0]))
        return kesalahan
    berikut = {
        s.nomor: (langkah[i + 1].nomor if i + 1 < len(langkah) else None)
        for i, s in enumerate(langkah)
    }
    for s in langkah:
        kesalahan += _periksa_langkah(s, berikut, set(nomor_ada), hasil_ada)
    if kesalahan:
        return kesalahan
    return _periksa_jangkauan(langkah, berikut)


def _periksa_langkah(
    s: LangkahAlur, berikut: dict[int, int | None], nomor_ada: set[int], hasil_ada: set[str]
) -> list[Masalah]:
    kesalahan = []
    v = {"n": s.nomor}

    def salah(pesan: str, cabang: str | None = None) -> None:
        kesalahan.append(Masalah(pesan, s.nomor, cabang))

    if s.lanjut.kosong and berikut[s.nomor] is None:
        salah(_("Step %(n)s is the last step: say which outcome it ends with.") % v, "lanjut")
    if s.jenis == JenisLangkah.KEPUTUSAN and s.tidak.kosong:
        salah(_("Step %(n)s is a YES/NO decision: say where NO leads.") % v, "tidak")
    if not s.tidak.kosong and s.jenis not in JENIS_BERCABANG:
        salah(
            _("Step %(n)s is not a decision, paraf or signature, so it cannot have a NO branch.")
            % v,
            "tidak",
        )
    for kunci, label, cabang in (("lanjut", _("YES/next"), s.lanjut), ("tidak", _("NO"), s.tidak)):
        v2 = {**v, "cabang": label, "tujuan": cabang.nomor, "hasil": cabang.hasil}
        if cabang.nomor is not None and cabang.nomor not in nomor_ada:
            salah(
                _(
                    "Step %(n)s: the %(cabang)s branch leads to step %(tujuan)s, which does not "
                    "exist."
                )
                % v2,
                kunci,
            )
        if cabang.hasil is not None and cabang.hasil not in hasil_ada:
            salah(
                _(
                    "Step %(n)s: the %(cabang)s branch ends with outcome '%(hasil)s', which does "
                    "not exist."
                )
                % v2,
                kunci,
            )
        if cabang.nomor == s.nomor:
            salah(_("Step %(n)s: a branch cannot lead to the step itself.") % v, kunci)
    if s.ada_paraf and s.jenis != JenisLangkah.TANDA_TANGAN:
        salah(
            _("Step %(n)s has initials before signing, but only a signature step can.") % v,
            "paraf",
        )
    if s.lanjut.nomor is not None and s.lanjut.nomor < s.nomor:
        salah(
            _("Step %(n)s: the YES/next branch must lead forward; only NO may send back.") % v,
            "lanjut",
        )
    return kesalahan


def _periksa_jangkauan(langkah: list[LangkahAlur], berikut: dict[int, int | None]) -> list[Masalah]:
    per_nomor = {s.nomor: s for s in langkah}
    tercapai: set[int] = set()
    antrian = [langkah[0].nomor]
    while antrian:
        n = antrian.pop()
        if n in tercapai:
            continue
        tercapai.add(n)
        antrian += [c.nomor for c in _tujuan(per_nomor[n], berikut) if c.nomor is not None]
    kesalahan = [
        Masalah(
            _("Step %(n)s can never be reached from step %(awal)s.")
            % {"n": s.nomor, "awal": langkah[0].nomor},
            s.nomor,
        )
        for s in langkah
        if s.nomor not in tercapai
    ]
    # Steps from which an outcome is reachable, grown backwards until nothing changes.
    berakhir = {s.nomor for s in langkah if any(c.hasil for c in _tujuan(s, berikut))}
    berubah = True
    while berubah:
        berubah = False
        for s in langkah:
            if s.nomor not in berakhir and any(
                c.nomor in berakhir for c in _tujuan(s, berikut) if c.nomor is not None
            ):
                berakhir.add(s.nomor)
                berubah = True
    kesalahan += [
        Masalah(_("From step %(n)s no end of the SOP can be reached.") % {"n": s.nomor}, s.nomor)
        for s in langkah
        if s.nomor not in berakhir
    ]
    return kesalahan


def periksa_surat(
    daftar: Iterable[LangkahAlur], varian_templat: Iterable[str], *, tanpa_surat: bool
) -> list[Masalah]:
    """Whether the service's letter is whole: a signature step signs a letter unless the service
    says it ends without one. `varian_templat`: the variants of its letter templates (not the
    notices of an outcome); "" is the template for every application."""
    varian = set(varian_templat)
    ttd = [
        s.nomor
        for s in sorted(daftar, key=lambda s: s.nomor)
        if s.jenis == JenisLangkah.TANDA_TANGAN
    ]
    if tanpa_surat:
        if varian:
            return [
                Masalah(
                    _(
                        "The service says it ends without a letter, yet it has a letter template: "
                        "untick 'ends without a letter' or delete the template."
                    )
                )
            ]
        return []
    if not varian:
        return [
            Masalah(
                _(
                    "Step %(n)s is a signature step, but the service has no letter template. Add "
                    "one (Letter templates), or tick 'ends without a letter' if it issues none."
                )
                % {"n": n},
                n,
            )
            for n in ttd
        ]
    kesalahan = []
    if not ttd:
        kesalahan.append(
            Masalah(_("The service has a letter template but no signature step: nobody signs it."))
        )
    if "" not in varian and not {VarianSurat.TERDAFTAR, VarianSurat.TIDAK_TERDAFTAR} <= varian:
        kesalahan.append(
            Masalah(
                _(
                    "The letter has a template for one DTKS result only: add the template for "
                    "the other result, or one for every application."
                )
            )
        )
    return kesalahan
