"""The index as PermenPANRB 14/2017 computes it: a period's IKM matches a hand computation with
real fractions; the bands' edges; the Krejcie–Morgan table; periods."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from layanan.ikm import hitung as h
from layanan.ikm.periode import periode_dari_kode
from layanan.ikm.sampel import TABEL_KREJCIE_MORGAN, sampel_minimal
from layanan.ikm.services import Isian, JawabanDitolak, jawaban_simpan
from layanan.models import (
    JawabanIkm,
    JawabanTetap,
    Kantor,
    Layanan,
    NilaiIkm,
    PengaturanIkm,
    SaluranIkm,
    UnsurTambahanIkm,
)
from tests.factories import user

HARI = dt.date(2026, 2, 10)


@pytest.fixture
def kantor(db) -> Kantor:
    """Metro asks the regulation's nine elements only (Blitar adds one of its own)."""
    return Kantor.objects.get(kode="metro")


@pytest.fixture
def layanan(kantor) -> Layanan:
    return Layanan.objects.get(kantor=kantor, kode="kip")


KODE = [f"u{i}" for i in range(1, 10)]


def _isi(kantor, nilai, *, tanggal=HARI, layanan=None):
    return jawaban_simpan(
        kantor=kantor,
        isian=Isian(
            umur=40, jenis_kelamin="P", pendidikan="sma", pekerjaan="lainnya", nilai=nilai,
            layanan=layanan,
        ),
        saluran=SaluranIkm.KERTAS,
        tanggal=tanggal,
        oleh=user("metro.admin"),
    )  # fmt: skip


@pytest.mark.parametrize(
    "rata, ikm, mutu",
    [
        ("3.5324", "88.31", "A"),  # the regulation's edge: A starts here
        ("3.532", "88.30", "B"),
        ("3.0644", "76.61", "B"),
        ("3.064", "76.60", "C"),
        ("2.60", "65.00", "C"),
        ("2.5996", "64.99", "D"),
        ("1", "25.00", "D"),
        ("4", "100.00", "A"),
    ],
)
def test_the_bands_edges(rata, ikm, mutu):
    nilai = h.bulatkan(Fraction(rata) * 25)
    assert nilai == Decimal(ikm)
    assert h.kategori_dari(nilai).mutu == mutu


def test_rounding_happens_once_at_the_end():
    # Nine NRRs of 3.5324/… each rounded first would drift; the exact sum does not.
    jumlah = {k: (35324, 10000) for k in KODE}
    _unsur, bobot, rata, ikm = h.hitung(jumlah, [(k, k) for k in KODE])
    assert bobot == Fraction(1, 9) and rata == Fraction(35324, 10000)
    assert ikm == Decimal("88.31")
    assert h.bulatkan(Fraction(1, 8)) == Decimal("0.13")  # halves go up


def test_a_period_matches_a_hand_computation(kantor, layanan):
    jawaban = [
        [4, 3, 3, 4, 3, 4, 4, 2, 3],
        [3, 3, 2, 4, 3, 3, 4, 3, 3],
        [4, 4, 3, 4, 4, 4, 3, 2, 4],
        [2, 3, 3, 4, 3, 3, 3, 3, 2],
        [4, 4, 4, 4, 3, 4, 4, 3, 3],
        [3, 2, 3, 4, 3, 3, 4, 1, 3],
        [4, 3, 4, 4, 4, 3, 4, 2, 3],
    ]
    for baris in jawaban:
        _isi(kantor, dict(zip(KODE, baris, strict=True)), layanan=layanan)
    _isi(kantor, dict.fromkeys(KODE, 1), tanggal=dt.date(2026, 4, 1))  # next quarter: not counted
    hasil = h.ikm_periode(kantor, dt.date(2026, 1, 1), dt.date(2026, 3, 31))

    # By hand: each column's sum over 7 answers, each NRR times 1/9, the sum times 25.
    # Column sums 24, 22, 22, 28, 23, 24, 26, 16, 21 (206 points).
    nrr = [Fraction(s, 7) for s in (24, 22, 22, 28, 23, 24, 26, 16, 21)]
    harapan = sum(n * Fraction(1, 9) for n in nrr) * 25
    assert harapan == Fraction(206 * 25, 63)  # 81.746031… (no float keeps it exactly)
    assert hasil.jumlah_responden == 7
    assert [u.nrr for u in hasil.unsur] == nrr
    assert hasil.bobot == Fraction(1, 9)
    assert hasil.rata_tertimbang * 25 == harapan
    assert hasil.ikm == Decimal("81.75")
    assert hasil.kategori.mutu == "B" and str(hasil.kategori.label) == "Baik"
    assert hasil.terlemah == ("u8",)  # 16/7
    assert "u8" in hasil.lemah
    # Per service: the same answers (the next quarter's had no service).
    assert h.ikm_periode(kantor, dt.date(2026, 1, 1), dt.date(2026, 3, 31), layanan).ikm == (
        hasil.ikm
    )


def test_hand_computation_of_the_sum(kantor):
    jawaban = [[4, 3, 3, 4, 3, 4, 4, 2, 3], [3, 3, 2, 4, 3, 3, 4, 3, 3]]
    for baris in jawaban:
        _isi(kantor, dict(zip(KODE, baris, strict=True)))
    hasil = h.ikm_periode(kantor, HARI, HARI)
    # 30 + 28 = 58 points over 18 element answers: 58/18 × 25 = 80.5555… → 80.56, B.
    assert hasil.rata_tertimbang == Fraction(58, 18)
    assert hasil.ikm == Decimal("80.56") and hasil.kategori.mutu == "B"


def test_an_office_element_makes_the_weights_one_tenth(kantor):
    UnsurTambahanIkm.objects.create(
        kantor=kantor, kode="antrean", nama="Antrean", pertanyaan="Bagaimana antreannya?",
        jawaban_1="Buruk", jawaban_2="Cukup", jawaban_3="Baik", jawaban_4="Sangat baik",
    )  # fmt: skip
    _isi(kantor, {**dict.fromkeys(KODE, 4), "antrean": 1})
    hasil = h.ikm_periode(kantor, HARI, HARI)
    assert hasil.bobot == Fraction(1, 10)
    assert hasil.rata_tertimbang == Fraction(37, 10)  # (9×4 + 1) / 10
    assert hasil.ikm == Decimal("92.50") and hasil.terlemah == ("antrean",)


def test_partial_answers_count_only_their_own_elements(kantor):
    PengaturanIkm.objects.update_or_create(kantor=kantor, defaults={"izinkan_sebagian": True})
    _isi(kantor, dict.fromkeys(KODE, 4))
    _isi(kantor, {"u1": 1})  # only the first element
    hasil = h.ikm_periode(kantor, HARI, HARI)
    assert hasil.unsur[0].nrr == Fraction(5, 2) and hasil.unsur[0].jumlah_jawaban == 2
    assert all(u.nrr == 4 and u.jumlah_jawaban == 1 for u in hasil.unsur[1:])
    assert hasil.rata_tertimbang == (Fraction(5, 2) + 8 * 4) / 9


def test_a_half_filled_questionnaire_is_refused_naming_the_missing(kantor):
    with pytest.raises(JawabanDitolak) as exc:
        _isi(kantor, {k: 3 for k in KODE[:7]})
    assert "Penanganan pengaduan" in str(exc.value) and "Sarana dan prasarana" in str(exc.value)
    assert not JawabanIkm.objects.filter(kantor=kantor).exists()


def test_an_answer_cannot_be_changed(kantor):
    jawaban = _isi(kantor, dict.fromkeys(KODE, 3))
    jawaban.umur = 20
    with pytest.raises(JawabanTetap):
        jawaban.save()
    with pytest.raises(JawabanTetap):
        NilaiIkm.objects.filter(jawaban=jawaban).update(nilai=4)
    with pytest.raises(JawabanTetap):
        JawabanIkm.objects.filter(pk=jawaban.pk).delete()


def test_no_answers_no_index(kantor):
    hasil = h.ikm_periode(kantor, dt.date(2030, 1, 1), dt.date(2030, 12, 31))
    assert hasil.ikm is None and hasil.kategori is None and not hasil.cukup_sampel
    assert len(hasil.tanpa_jawaban) == 9


def test_the_krejcie_morgan_table_is_the_formula_rounded():
    # s = X²NP(1−P) / (d²(N−1) + X²P(1−P)), X² = 3.841, P = 0.5, d = 0.05: every row within one.
    for n, s in TABEL_KREJCIE_MORGAN:
        rumus = 3.841 * n * 0.25 / (0.0025 * (n - 1) + 3.841 * 0.25)
        assert abs(rumus - s) <= 1, (n, s, rumus)


@pytest.mark.parametrize(
    "populasi, sampel",
    [(0, 0), (7, 7), (10, 10), (100, 80), (101, 86), (278, 162), (1000, 278), (10**7, 384)],
)
def test_the_sample_needed(populasi, sampel):
    assert sampel_minimal(populasi) == sampel


@pytest.mark.parametrize(
    "kode, mulai, selesai",
    [
        ("2026", "2026-01-01", "2026-12-31"),
        ("2026-s2", "2026-07-01", "2026-12-31"),
        ("2026-tw1", "2026-01-01", "2026-03-31"),
        ("2026-tw4", "2026-10-01", "2026-12-31"),
    ],
)
def test_periods(kode, mulai, selesai):
    p = periode_dari_kode(kode)
    assert (p.mulai.isoformat(), p.selesai.isoformat()) == (mulai, selesai)


@pytest.mark.parametrize("kode", ["", "2026-tw5", "2026-s3", "2026-tw0", "abc", "1999", "2026-x1"])
def test_bad_periods_are_none(kode):
    assert periode_dari_kode(kode) is None
