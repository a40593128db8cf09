"""Whether a signing certificate may sign our letters: opened with its passphrase, within its
validity period, made for signing, and chained to a certificate authority that only the national
superuser trusts (OtoritasSertifikat). Checked when it is uploaded and again at every signing, so
an office administrator cannot make a signer the verification page would call valid.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, ObjectIdentifier
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import (
    ExpiredError,
    NotYetValidError,
    PathBuildingError,
    PathValidationError,
    RevokedError,
)

from layanan.models import OtoritasSertifikat, Pejabat
from layanan.surat.tanda_tangan import TandaTanganGagal

T = TypeVar("T")

# Extended key usages that allow signing documents (when the certificate limits its use at all).
EKU_TANDA_TANGAN = {
    ExtendedKeyUsageOID.EMAIL_PROTECTION,
    ObjectIdentifier("1.3.6.1.5.5.7.3.36"),  # id-kp-documentSigning (RFC 9336)
    ObjectIdentifier("1.2.840.113583.1.1.5"),  # Adobe Authentic Documents Trust
    ObjectIdentifier("1.3.6.1.4.1.311.10.3.12"),  # Microsoft document signing
    ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE,
}


@dataclass(frozen=True)
class InfoSertifikat:
    subjek: str
    penerbit: str
    berlaku_sampai: dt.datetime
    sidik: str  # SHA-256 of the certificate
    otoritas: OtoritasSertifikat | None = None  # the trusted authority its chain reached
    rantai_pem: str = ""  # the certificate, then its chain: public, no key


def buka_p12(
    isi: bytes, frasa_sandi: str
) -> tuple[object, x509.Certificate, list[x509.Certificate]]:
    """The key, certificate and chain of a PKCS#12 file, or why not."""
    try:
        kunci, sertifikat, lain = pkcs12.load_key_and_certificates(isi, frasa_sandi.encode())
    except ValueError as exc:
        raise TandaTanganGagal(
            _("The passphrase is wrong, or this is not a PKCS#12 certificate file.")
        ) from exc
    if kunci is None or sertifikat is None:
        raise TandaTanganGagal(_("The file holds no signing key and certificate."))
    return kunci, sertifikat, list(lain)


def akar_terpercaya() -> list[asn1_x509.Certificate]:
    """The roots the national superuser trusts now; nothing an office can add."""
    return [c for c, _o in akar_otoritas()]


Akar = list[tuple[asn1_x509.Certificate, OtoritasSertifikat]]


def akar_otoritas(*, ditarik: bool = False) -> Akar:
    """Each trusted root with its authority; with `ditarik`, the ones whose trust was withdrawn
    (only to say why a chain fails, never to make it valid)."""
    qs = OtoritasSertifikat.objects.filter(ditarik_pada__isnull=not ditarik)
    return [(_asn1(x509.load_pem_x509_certificate(o.sertifikat_pem.encode())), o) for o in qs]


def otoritas_jangkar(jalur: Any, akar: Akar) -> OtoritasSertifikat | None:
    """The authority whose root a validation path ends at."""
    jangkar = getattr(getattr(jalur, "trust_anchor", None), "authority", None)
    sertifikat = getattr(jangkar, "certificate", None)
    if sertifikat is None:
        return None
    return next((o for c, o in akar if c.dump() == sertifikat.dump()), None)


def sidik_der(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


def periksa_sertifikat(
    sertifikat: x509.Certificate,
    rantai: list[x509.Certificate],
    *,
    pada: dt.datetime | None = None,
) -> InfoSertifikat:
    """The certificate may sign now (or at `pada`), or TandaTanganGagal saying why not."""
    pada = pada or timezone.now()
    if pada < sertifikat.not_valid_before_utc:
        raise TandaTanganGagal(
            _("The signing certificate is not valid yet: it is valid from %(tanggal)s.")
            % {"tanggal": _tanggal(sertifikat.not_valid_before_utc)}
        )
    if pada > sertifikat.not_valid_after_utc:
        raise TandaTanganGagal(
            _("The signing certificate has expired: it was valid until %(tanggal)s.")
            % {"tanggal": _tanggal(sertifikat.not_valid_after_utc)}
        )
    _periksa_penggunaan(sertifikat)
    akar = akar_otoritas()
    try:
        jalur = _validasi(sertifikat, rantai, [c for c, _o in akar], pada)
    except (ExpiredError, NotYetValidError) as exc:
        raise TandaTanganGagal(
            _("A certificate of the chain is outside its validity period.")
        ) from exc
    except RevokedError as exc:
        raise TandaTanganGagal(_("The signing certificate was revoked.")) from exc
    except (PathBuildingError, PathValidationError) as exc:
        raise TandaTanganGagal(_pesan_tidak_terpercaya(sertifikat, rantai, pada)) from exc
    return InfoSertifikat(
        subjek=sertifikat.subject.rfc4514_string(),
        penerbit=sertifikat.issuer.rfc4514_string(),
        berlaku_sampai=sertifikat.not_valid_after_utc,
        sidik=sidik_der(sertifikat.public_bytes(serialization.Encoding.DER)),
        otoritas=otoritas_jangkar(jalur, akar),
        rantai_pem="".join(
            c.public_bytes(serialization.Encoding.PEM).decode() for c in [sertifikat, *rantai]
        ),
    )


def _validasi(
    sertifikat: x509.Certificate,
    rantai: list[x509.Certificate],
    akar: list[asn1_x509.Certificate],
    pada: dt.datetime,
) -> Any:
    konteks = ValidationContext(trust_roots=akar, allow_fetching=False, moment=pada)
    validator = CertificateValidator(
        _asn1(sertifikat), intermediate_certs=[_asn1(c) for c in rantai], validation_context=konteks
    )
    return jalankan(validator.async_validate_usage({"digital_signature"}))


def _pesan_tidak_terpercaya(
    sertifikat: x509.Certificate, rantai: list[x509.Certificate], pada: dt.datetime
) -> str:
    """Why a chain reaches no trusted authority: one whose trust was withdrawn, or none at all."""
    ditarik = akar_otoritas(ditarik=True)
    if ditarik:
        try:
            jalur = _validasi(sertifikat, rantai, [c for c, _o in ditarik], pada)
        except Exception:  # any failure: it does not chain to a withdrawn one either
            jalur = None
        otoritas = otoritas_jangkar(jalur, ditarik)
        if otoritas is not None and otoritas.ditarik_pada is not None:
            return _(
                "The signing certificate was issued by %(ca)s, which this system no longer "
                "trusts: the national administrator withdrew its trust on %(tanggal)s."
            ) % {"ca": otoritas.nama, "tanggal": _tanggal(otoritas.ditarik_pada)}
    return _(
        "The signing certificate was not issued by a certificate authority this system "
        "trusts (BSrE). Only the national administrator can add one."
    )


def _tanggal(waktu: dt.datetime) -> str:
    return date_format(timezone.localtime(waktu), "j F Y")


def periksa_p12(isi: bytes, frasa_sandi: str, *, pada: dt.datetime | None = None) -> InfoSertifikat:
    _kunci, sertifikat, rantai = buka_p12(isi, frasa_sandi)
    return periksa_sertifikat(sertifikat, rantai, pada=pada)


def alasan_tidak_siap(pejabat: Pejabat | None, *, pada: dt.datetime | None = None) -> str:
    """Why this official cannot sign now, said before any passphrase is typed; "" when they can
    as far as the public part of the certificate tells (the passphrase itself is tried at
    signing, where every check runs again)."""
    if pejabat is None:
        return _("Your account is not linked to an official; ask the administrator.")
    if not pejabat.sertifikat:
        return _("%(nama)s has no signing certificate yet; the administrator uploads it.") % {
            "nama": pejabat.nama
        }
    pada = pada or timezone.now()
    if pejabat.sertifikat_pem:
        try:
            sertifikat, *rantai = x509.load_pem_x509_certificates(pejabat.sertifikat_pem.encode())
            periksa_sertifikat(sertifikat, rantai, pada=pada)
        except TandaTanganGagal as exc:
            return str(exc)
        except ValueError:  # stored by our own upload check: unreadable means tampered with
            return _("The signing certificate cannot be read; the administrator uploads it again.")
        return ""
    # Uploaded before the chain was kept: here only its end date is known.
    sampai = pejabat.sertifikat_berlaku_sampai
    if sampai is not None and pada > sampai:
        return _("The signing certificate has expired: it was valid until %(tanggal)s.") % {
            "tanggal": _tanggal(sampai)
        }
    return ""


def _periksa_penggunaan(sertifikat: x509.Certificate) -> None:
    try:
        dasar = sertifikat.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        dasar = None
    if dasar is not None and dasar.ca:
        raise TandaTanganGagal(_("This is a certificate authority's certificate, not a signer's."))
    try:
        kegunaan = sertifikat.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound as exc:
        raise TandaTanganGagal(_("The certificate does not say it may sign documents.")) from exc
    if not (kegunaan.digital_signature or kegunaan.content_commitment):
        raise TandaTanganGagal(_("The certificate is not made for signing documents."))
    try:
        tambahan = sertifikat.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not EKU_TANDA_TANGAN & set(tambahan):
        raise TandaTanganGagal(_("The certificate is not made for signing documents."))


def jalankan(coro: Coroutine[Any, Any, T]) -> T:
    """pyhanko-certvalidator is async; this is called from sync code, which may itself run
    inside an event loop (Playwright's, in the browser tests): then in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with ThreadPoolExecutor(max_workers=1) as pelaksana:
        return pelaksana.submit(asyncio.run, coro).result()


def _asn1(sertifikat: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(sertifikat.public_bytes(serialization.Encoding.DER))
