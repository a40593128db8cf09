"""The flow check shared by the admin and the YAML import."""

import pytest

from layanan.katalog.alur import Cabang, LangkahAlur, periksa_alur


def L(nomor, jenis="aksi", lanjut=None, tidak=None):
    def cabang(v):
        if v is None:
            return Cabang()
        return Cabang(nomor=v) if isinstance(v, int) else Cabang(hasil=v)

    return LangkahAlur(nomor, jenis, cabang(lanjut), cabang(tidak))


HASIL = ["selesai", "tidak_lengkap"]


@pytest.mark.parametrize(
    "langkah",
    [
        [L(1), L(2, "keputusan", 3, "tidak_lengkap"), L(3, lanjut="selesai")],
        # Bima: numbers skip 3; YA jumps ahead, TIDAK goes to an action that ends elsewhere.
        [L(1), L(2, "keputusan", 5, 4), L(4, lanjut="tidak_lengkap"), L(5), L(6, lanjut="selesai")],
        # A paraf that sends the draft back to an earlier step.
        [L(1), L(2), L(3, "paraf", tidak=2), L(4, lanjut="selesai")],
    ],
)
def test_sound_flows_pass(langkah):
    assert periksa_alur(langkah, HASIL) == []


@pytest.mark.parametrize(
    ("langkah", "pesan"),
    [
        ([], "tidak memiliki langkah"),
        ([L(1), L(2)], "Langkah 2 adalah langkah terakhir"),
        ([L(1, "keputusan", 2), L(2, lanjut="selesai")], "ke mana TIDAK"),
        ([L(1, "keputusan", 7, "selesai"), L(2, lanjut="selesai")], "langkah 7, yang tidak ada"),
        ([L(1, lanjut="hilang")], "hasil 'hilang', yang tidak ada"),
        ([L(1, tidak="selesai"), L(2, lanjut="selesai")], "tidak dapat memiliki cabang TIDAK"),
        ([L(1), L(2, lanjut=1), L(3, lanjut="selesai")], "harus menuju ke depan"),
        ([L(1, lanjut=3), L(2), L(3, lanjut="selesai")], "Langkah 2 tidak pernah tercapai"),
        ([L(1), L(1, lanjut="selesai")], "dipakai dua kali"),
        (
            [L(1, "keputusan", 2, 1), L(2, lanjut="selesai")],
            "tidak dapat menuju ke langkah itu sendiri",
        ),
    ],
)
def test_broken_flows_are_refused_with_a_reason(langkah, pesan):
    kesalahan = periksa_alur(langkah, HASIL)
    assert any(pesan in k.pesan for k in kesalahan), kesalahan
