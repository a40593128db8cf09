"""Local PAdES signing with pyHanko and each official's PKCS#12, validated against our roots."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from layanan.models import Pejabat
from layanan.tanda_tangan import HasilPeriksa, TandaTanganGagal
from layanan.tanda_tangan.sertifikat import akar_terpercaya, periksa_p12


class PenandaLokal:
    def tandatangani(self, pdf: bytes, *, pejabat: Pejabat, frasa_sandi: str) -> bytes:
        if not pejabat.sertifikat:
            raise TandaTanganGagal(
                _("%(nama)s has no signing certificate yet; the administrator uploads it.")
                % {"nama": pejabat.nama}
            )
        with pejabat.sertifikat.open("rb") as f:
            p12 = f.read()
        periksa_p12(
            p12, frasa_sandi
        )  # trusted, in date and made for signing: now, not only at upload
        try:
            penanda = signers.SimpleSigner.load_pkcs12_data(
                p12, other_certs=[], passphrase=frasa_sandi.encode()
            )
        except (ValueError, TypeError):
            penanda = None
        if penanda is None:
            raise TandaTanganGagal(_("The passphrase is wrong."))
        keluar = signers.sign_pdf(
            IncrementalPdfFileWriter(io.BytesIO(pdf)),
            signers.PdfSignatureMetadata(
                field_name="TandaTangan",
                subfilter=SigSeedSubFilter.PADES,
                md_algorithm="sha256",
            ),
            signer=penanda,
        )
        return keluar.getvalue()

    def periksa(self, pdf: bytes) -> HasilPeriksa:
        tidak_terbaca = HasilPeriksa(
            False, False, False, keterangan=_("The file is not a readable PDF.")
        )
        try:
            tanda = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
        except Exception:
            return tidak_terbaca
        if not tanda:
            return HasilPeriksa(False, False, False, keterangan=_("The PDF carries no signature."))
        konteks = ValidationContext(trust_roots=akar_terpercaya(), allow_fetching=False)
        try:
            status = validate_pdf_signature(tanda[-1], konteks)
        except Exception:  # a forged /ByteRange, a broken CMS blob: anything a stranger uploads
            return HasilPeriksa(
                True, False, False, keterangan=_("The signature in this file cannot be read.")
            )
        nama = _nama_penanda(status.signing_cert.subject) if status.signing_cert else ""
        return HasilPeriksa(
            True, bool(status.bottom_line), bool(status.intact and status.valid), penandatangan=nama
        )


def _nama_penanda(subjek: Any) -> str:
    """The signer as a reader says it ("name, organisation"), without the certificate's English
    field labels ("Common Name: ..., Organization: ...") that pyHanko's human_friendly adds."""
    bagian = subjek.native
    return ", ".join(str(bagian[k]) for k in ("common_name", "organization_name") if bagian.get(k))


# ---------------------------------------------------------------------------
# Demo certificates: a self-made CA and one PKCS#12 per official (never for production)
# ---------------------------------------------------------------------------
def _nama(cn: str, org: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        ]
    )


def buat_ca(nama: str) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    kunci = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subjek = _nama(nama, nama)
    sekarang = dt.datetime.now(dt.UTC)
    sertifikat = (
        x509.CertificateBuilder()
        .subject_name(subjek)
        .issuer_name(subjek)
        .public_key(kunci.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(sekarang - dt.timedelta(days=1))
        .not_valid_after(sekarang + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(kunci, hashes.SHA256())
    )
    return kunci, sertifikat


def buat_p12(
    *, pejabat: Pejabat, ca: tuple[rsa.RSAPrivateKey, x509.Certificate], frasa_sandi: str
) -> bytes:
    ca_kunci, ca_sertifikat = ca
    kunci = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    sekarang = dt.datetime.now(dt.UTC)
    sertifikat = (
        x509.CertificateBuilder()
        .subject_name(_nama(pejabat.nama, str(pejabat.kantor)))
        .issuer_name(ca_sertifikat.subject)
        .public_key(kunci.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(sekarang - dt.timedelta(days=1))
        .not_valid_after(sekarang + dt.timedelta(days=730))
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(ca_kunci, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        pejabat.nama.encode(),
        kunci,
        sertifikat,
        [ca_sertifikat],
        serialization.BestAvailableEncryption(frasa_sandi.encode()),
    )
