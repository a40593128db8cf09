import pytest
from django.core.exceptions import ValidationError

from layanan.notifikasi.nomor import PESAN_BUKAN_SELULER, PESAN_NOMOR_SALAH, normalkan


@pytest.mark.parametrize(
    ("ditulis", "disimpan"),
    [
        ("081234567890", "+6281234567890"),
        ("0812-3456-7890", "+6281234567890"),
        ("0812 3456 7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("+60123456789", "+60123456789"),  # a Malaysian mobile, written with its country code
    ],
)
def test_numbers_are_normalised_to_e164(ditulis, disimpan):
    assert normalkan(ditulis) == disimpan


@pytest.mark.parametrize("ditulis", ["08123", "12345", "0812345678901234", "halo", "", "+62"])
def test_invalid_numbers_are_refused(ditulis):
    with pytest.raises(ValidationError) as exc:
        normalkan(ditulis)
    assert exc.value.messages == [str(PESAN_NOMOR_SALAH)]


def test_a_landline_is_refused_for_whatsapp():
    with pytest.raises(ValidationError) as exc:
        normalkan("(021) 1234567")
    assert exc.value.messages == [str(PESAN_BUKAN_SELULER)]
