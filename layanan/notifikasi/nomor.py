"""Citizens' WhatsApp/SMS numbers: written as people write them (0812-3456-7890), kept in the
one form providers take (+6281234567890), refused when they cannot be a mobile number."""

from __future__ import annotations

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

PESAN_NOMOR_SALAH = _("This is not a valid mobile number. Write it as 0812 3456 7890.")
PESAN_BUKAN_SELULER = _("This number is not a mobile number: WhatsApp and SMS need one.")
SELULER = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)


PESAN_KONTAK_KABAR = _("To be told, write a mobile number (0812 3456 7890) or an e-mail address.")


def alamat_kabar(kontak: str) -> tuple[str, str]:
    """(mobile number in +62 form, e-mail) of a contact typed as free text, or ("", "")."""
    kontak = kontak.strip()
    if "@" in kontak:
        try:
            validate_email(kontak)
        except ValidationError:
            return ("", "")
        return ("", kontak)
    try:
        return (normalkan(kontak), "") if kontak else ("", "")
    except ValidationError:
        return ("", "")


def normalkan(nomor: str) -> str:
    """08… → +628…; a foreign number must start with its +country code."""
    try:
        terurai = phonenumbers.parse(nomor.strip(), "ID")
    except phonenumbers.NumberParseException:
        raise ValidationError(PESAN_NOMOR_SALAH, code="nomor") from None
    if not phonenumbers.is_valid_number(terurai):
        raise ValidationError(PESAN_NOMOR_SALAH, code="nomor")
    if phonenumbers.number_type(terurai) not in SELULER:
        raise ValidationError(PESAN_BUKAN_SELULER, code="seluler")
    return phonenumbers.format_number(terurai, phonenumbers.PhoneNumberFormat.E164)
