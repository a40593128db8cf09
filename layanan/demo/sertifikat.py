"""Demo certificates: a self-made CA and one PKCS#12 per official, for the demo offices and the
tests. Never for production: a real deployment's certificates come from BSrE, and only the national
superuser trusts an authority (OtoritasSertifikat)."""

from __future__ import annotations

import datetime as dt

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from layanan.models import Pejabat


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
