"""The index of a period, exactly as PermenPANRB 14/2017 computes it: NRR per element = sum of
its scores / number of answers to it; IKM = Σ (NRR × 1/n) × 25, rounded to two decimals once, at
the end; the category by the IKM's bands. Every intermediate value is a `Fraction`: nothing is
rounded before the end (a weight is 1/9, never 0.111).

`ikm_periode(kantor, mulai, selesai, layanan=None)` is what other pages (the Kadin's dashboard)
call for "the IKM of the period"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db.models import Count, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from layanan.ikm.sampel import sampel_minimal
from layanan.ikm.unsur import unsur_kantor
from layanan.models import JawabanIkm, Kantor, Layanan, NilaiIkm, Permohonan, StatusPermohonan


@dataclass(frozen=True)
class Kategori:
    mutu: str  # A, B, C, D
    label: str | Promise
    batas_bawah: Decimal  # the band's lowest IKM


# Highest band first: an IKM belongs to the first band whose lower edge it reaches.
KATEGORI: tuple[Kategori, ...] = (
    Kategori("A", _("Very good"), Decimal("88.31")),
    Kategori("B", _("Good"), Decimal("76.61")),
    Kategori("C", _("Less than good"), Decimal("65.00")),
    Kategori("D", _("Not good"), Decimal("25.00")),
)
KONVERSI = 25  # an average score of 1–4 becomes an index of 25–100


def bulatkan(nilai: Fraction, desimal: int = 2) -> Decimal:
    """`desimal` decimals (two for the index), halves up as the regulation's tables do, from
    the exact value: the only rounding there is, and only for showing or at the very end."""
    skala = 10**desimal
    return Decimal((nilai * skala + Fraction(1, 2)).__floor__()).scaleb(-desimal)


def kategori_dari(ikm: Decimal) -> Kategori:
    for k in KATEGORI:
        if ikm >= k.batas_bawah:
            return k
    return KATEGORI[-1]  # under 25 cannot happen with scores of 1–4


@dataclass(frozen=True)
class NrrUnsur:
    kode: str
    nama: str
    jumlah_nilai: int  # the sum of its scores
    jumlah_jawaban: int  # how many answered it
    nrr: Fraction
    nrr_tertimbang: Fraction  # NRR × weight

    @property
    def nilai_konversi(self) -> Decimal:
        """The element's own index (NRR × 25), for its quality letter."""
        return bulatkan(self.nrr * KONVERSI)

    @property
    def kategori(self) -> Kategori:
        return kategori_dari(self.nilai_konversi)

    def nrr_tampil(self, desimal: int = 2) -> Decimal:
        return bulatkan(self.nrr, desimal)

    @property
    def nrr_2(self) -> Decimal:
        return bulatkan(self.nrr, 2)

    @property
    def tertimbang_4(self) -> Decimal:
        return bulatkan(self.nrr_tertimbang, 4)


@dataclass(frozen=True)
class HasilIkm:
    mulai: dt.date
    selesai: dt.date
    jumlah_responden: int
    unsur: tuple[NrrUnsur, ...]  # the elements answered in the period, in questionnaire order
    tanpa_jawaban: tuple[str, ...]  # names of elements asked that nobody answered
    bobot: Fraction | None  # 1/n
    rata_tertimbang: Fraction | None  # Σ NRR × weight, exact
    ikm: Decimal | None  # two decimals
    kategori: Kategori | None
    populasi: int  # applications settled in the period
    sampel_minimal: int
    cukup_sampel: bool

    @property
    def rata_4(self) -> Decimal | None:
        return bulatkan(self.rata_tertimbang, 4) if self.rata_tertimbang is not None else None

    @property
    def terlemah(self) -> tuple[str, ...]:
        """The codes of the element(s) with the lowest NRR."""
        if not self.unsur:
            return ()
        rendah = min(u.nrr for u in self.unsur)
        return tuple(u.kode for u in self.unsur if u.nrr == rendah)

    @property
    def lemah(self) -> tuple[str, ...]:
        """Elements that need a follow-up plan: the weakest, and any below "Good"."""
        kurang = {u.kode for u in self.unsur if u.kategori.mutu in ("C", "D")}
        return tuple(u.kode for u in self.unsur if u.kode in kurang or u.kode in self.terlemah)


def _batas_waktu(kantor: Kantor, mulai: dt.date, selesai: dt.date) -> tuple[dt.datetime, ...]:
    zona = kantor.zona
    awal = dt.datetime.combine(mulai, dt.time.min, tzinfo=zona)
    akhir = dt.datetime.combine(selesai + dt.timedelta(days=1), dt.time.min, tzinfo=zona)
    return awal, akhir


def populasi(kantor: Kantor, mulai: dt.date, selesai: dt.date, layanan: Layanan | None) -> int:
    """The applications settled (finished) in the period: the survey's population."""
    awal, akhir = _batas_waktu(kantor, mulai, selesai)
    qs = Permohonan.objects.filter(
        kantor=kantor,
        status=StatusPermohonan.SELESAI,
        selesai_pada__gte=awal,
        selesai_pada__lt=akhir,
    )
    if layanan is not None:
        qs = qs.filter(layanan=layanan)
    return qs.count()


def hitung(
    jumlah: dict[str, tuple[int, int]], urutan: list[tuple[str, str]]
) -> tuple[tuple[NrrUnsur, ...], Fraction | None, Fraction | None, Decimal | None]:
    """From (sum, count) per element code, in the order `urutan` gives (code, name): the NRRs,
    the weight, the exact weighted average and the rounded index. Elements nobody answered are
    left out of n."""
    dijawab = [(kode, nama) for kode, nama in urutan if jumlah.get(kode, (0, 0))[1] > 0]
    if not dijawab:
        return (), None, None, None
    bobot = Fraction(1, len(dijawab))
    unsur = []
    for kode, nama in dijawab:
        total, banyak = jumlah[kode]
        nrr = Fraction(total, banyak)
        unsur.append(NrrUnsur(kode, nama, total, banyak, nrr, nrr * bobot))
    rata = sum((u.nrr_tertimbang for u in unsur), Fraction(0))
    return tuple(unsur), bobot, rata, bulatkan(rata * KONVERSI)


def ikm_periode(
    kantor: Kantor, mulai: dt.date, selesai: dt.date, layanan: Layanan | None = None
) -> HasilIkm:
    """The IKM of an office (or one of its services) for the days `mulai`..`selesai`."""
    jawaban = JawabanIkm.objects.filter(kantor=kantor, tanggal__gte=mulai, tanggal__lte=selesai)
    if layanan is not None:
        jawaban = jawaban.filter(layanan=layanan)
    baris = (
        NilaiIkm.objects.filter(jawaban__in=jawaban)
        .values("unsur")
        .annotate(total=Sum("nilai"), banyak=Count("pk"))
        .order_by()
    )
    jumlah = {b["unsur"]: (b["total"], b["banyak"]) for b in baris}
    daftar = unsur_kantor(kantor, semua=True)
    urutan = [(u.kode, str(u.nama)) for u in daftar]
    urutan += [(kode, kode) for kode in sorted(set(jumlah) - {k for k, _n in urutan})]
    unsur, bobot, rata, ikm = hitung(jumlah, urutan)
    responden = jawaban.count()
    pop = populasi(kantor, mulai, selesai, layanan)
    minimal = sampel_minimal(pop)
    return HasilIkm(
        mulai=mulai,
        selesai=selesai,
        jumlah_responden=responden,
        unsur=unsur,
        tanpa_jawaban=tuple(str(u.nama) for u in unsur_kantor(kantor) if u.kode not in jumlah),
        bobot=bobot,
        rata_tertimbang=rata,
        ikm=ikm,
        kategori=kategori_dari(ikm) if ikm is not None else None,
        populasi=pop,
        sampel_minimal=minimal,
        cukup_sampel=responden > 0 and responden >= minimal,
    )
