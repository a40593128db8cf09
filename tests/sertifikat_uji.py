"""Certificates for tests: authorities in and out of date, signers chained to them, as PEM."""

from __future__ import annotations

import datetime as dt

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from layanan.models import OtoritasSertifikat, Pejabat

KEGUNAAN_KOSONG = dict.fromkeys(
    [
        "digital_signature",
        "content_commitment",
        "key_encipherment",
        "data_encipherment",
        "key_agreement",
        "key_cert_sign",
        "crl_sign",
        "encipher_only",
        "decipher_only",
    ],
    False,
)


def buat_ca(
    nama: str,
    *,
    mulai: dt.timedelta = dt.timedelta(days=-1),
    sampai: dt.timedelta = dt.timedelta(days=3650),
    ca: bool = True,
) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    kunci = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subjek = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, nama)])
    sekarang = dt.datetime.now(dt.UTC)
    pembuat = (
        x509.CertificateBuilder()
        .subject_name(subjek)
        .issuer_name(subjek)
        .public_key(kunci.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(sekarang + mulai)
        .not_valid_after(sekarang + sampai)
    )
    if ca:
        pembuat = pembuat.add_extension(
            x509.BasicConstraints(ca=True, path_length=None), critical=True
        ).add_extension(
            x509.KeyUsage(**{**KEGUNAAN_KOSONG, "key_cert_sign": True, "crl_sign": True}),
            critical=True,
        )
    return kunci, pembuat.sign(kunci, hashes.SHA256())


def buat_penanda(
    ca: tuple[rsa.RSAPrivateKey, x509.Certificate],
    *,
    mulai: dt.timedelta = dt.timedelta(days=-1),
    sampai: dt.timedelta = dt.timedelta(days=365),
) -> x509.Certificate:
    ca_kunci, ca_sertifikat = ca
    kunci = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    sekarang = dt.datetime.now(dt.UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Penanda Uji")]))
        .issuer_name(ca_sertifikat.subject)
        .public_key(kunci.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(sekarang + mulai)
        .not_valid_after(sekarang + sampai)
        .add_extension(
            x509.KeyUsage(**{**KEGUNAAN_KOSONG, "digital_signature": True}), critical=True
        )
        .sign(ca_kunci, hashes.SHA256())
    )


def pem(*sertifikat: x509.Certificate) -> str:
    return "".join(s.public_bytes(serialization.Encoding.PEM).decode() for s in sertifikat)


def der(sertifikat: x509.Certificate) -> bytes:
    return sertifikat.public_bytes(serialization.Encoding.DER)


def percayai(nama: str = "CA Uji Terpercaya") -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    """A CA the national superuser trusts."""
    from layanan.surat.tanda_tangan.otoritas import otoritas_tambah

    ca = buat_ca(nama)
    otoritas_tambah(nama=nama, sertifikat=ca[1], oleh=None)
    return ca


def pasang_rantai(pejabat: Pejabat, *sertifikat: x509.Certificate) -> None:
    """What the upload check keeps of an official's certificate: its public chain."""
    Pejabat.objects.filter(pk=pejabat.pk).update(sertifikat_pem=pem(*sertifikat))
    pejabat.refresh_from_db()


def otoritas_demo() -> OtoritasSertifikat:
    return OtoritasSertifikat.objects.get(nama__startswith="CA Demo")
