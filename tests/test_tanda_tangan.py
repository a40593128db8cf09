"""Local PAdES signing: a signed letter validates, a one-byte change does not, the passphrase
is checked and never stored."""

import datetime as dt
import subprocess

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from cryptography.x509.oid import NameOID
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from weasyprint import HTML

from layanan.demo import FRASA_TTD_DEMO
from layanan.demo.sertifikat import buat_ca
from layanan.models import OtoritasSertifikat, Pejabat, Surat
from layanan.surat.tanda_tangan import TandaTanganGagal
from layanan.surat.tanda_tangan.lokal import PenandaLokal
from tests.admin.helpers import data_dari_halaman

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _kosongkan_batas():
    cache.clear()  # the verification page's rate limit counts across tests


@pytest.fixture
def pdf() -> bytes:
    return HTML(string="<h1>SURAT KETERANGAN</h1><p>Nomor 460/1/410.105/2026</p>").write_pdf()


@pytest.fixture
def kadin() -> Pejabat:
    return Pejabat.objects.get(kantor__kode="blitar", peran__kode="kadin")


def test_signed_pdf_validates_and_names_the_signer(pdf, kadin):
    penanda = PenandaLokal()
    ditandatangani = penanda.tandatangani(pdf, pejabat=kadin, frasa_sandi=FRASA_TTD_DEMO)
    hasil = penanda.periksa(ditandatangani)
    assert hasil.ada_tanda_tangan and hasil.utuh and hasil.sah
    assert hasil.penandatangan.startswith(f"{kadin.nama}, ")  # name, organisation
    assert "Common Name" not in hasil.penandatangan  # no English field labels on a public page


def test_a_one_byte_change_breaks_it(pdf, kadin, tmp_path):
    penanda = PenandaLokal()
    ditandatangani = bytearray(penanda.tandatangani(pdf, pejabat=kadin, frasa_sandi=FRASA_TTD_DEMO))
    i = len(pdf) // 2  # inside the original document, which the signature covers
    ditandatangani[i] ^= 0x01
    hasil = penanda.periksa(bytes(ditandatangani))
    assert not hasil.utuh and not hasil.sah


def test_a_standard_reader_agrees(pdf, kadin, tmp_path):
    path = tmp_path / "surat.pdf"
    path.write_bytes(PenandaLokal().tandatangani(pdf, pejabat=kadin, frasa_sandi=FRASA_TTD_DEMO))
    keluar = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    assert "Signature Validation: Signature is Valid." in keluar


def test_wrong_passphrase_and_missing_certificate_are_refused(pdf, kadin):
    with pytest.raises(TandaTanganGagal, match="salah"):
        PenandaLokal().tandatangani(pdf, pejabat=kadin, frasa_sandi="tebakan")
    kadin.sertifikat = ""
    with pytest.raises(TandaTanganGagal, match="belum memiliki sertifikat"):
        PenandaLokal().tandatangani(pdf, pejabat=kadin, frasa_sandi=FRASA_TTD_DEMO)


def test_unsigned_or_unreadable_files_are_not_letters(pdf):
    assert not PenandaLokal().periksa(pdf).ada_tanda_tangan
    assert not PenandaLokal().periksa(b"bukan pdf").ada_tanda_tangan


# ---------------------------------------------------------------------------
# Trust comes from the national superuser: an office administrator cannot mint a valid signer
# ---------------------------------------------------------------------------
def _p12_sendiri(
    *,
    ca=None,
    nama: str = "Drs. Hendro Wicaksono, M.Si.",
    mulai: dt.timedelta = dt.timedelta(days=-1),
    sampai: dt.timedelta = dt.timedelta(days=365),
    tanda_tangan: bool = True,
) -> bytes:
    """A PKCS#12 as anyone can make one with OpenSSL: its own CA unless one is given."""
    ca_kunci, ca_sertifikat = ca or buat_ca("CA Palsu Dinsos")
    kunci = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    sekarang = dt.datetime.now(dt.UTC)
    kegunaan = dict.fromkeys(
        [
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
    sertifikat = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, nama)]))
        .issuer_name(ca_sertifikat.subject)
        .public_key(kunci.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(sekarang + mulai)
        .not_valid_after(sekarang + sampai)
        .add_extension(x509.KeyUsage(digital_signature=tanda_tangan, **kegunaan), critical=True)
        .sign(ca_kunci, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        b"x", kunci, sertifikat, [ca_sertifikat], BestAvailableEncryption(b"rahasia")
    )


def tandatangani_sendiri(p12: bytes) -> bytes:
    """A PDF signed with any PKCS#12 (passphrase "rahasia"), bypassing every trust check."""
    import io

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    pdf = HTML(string="<p>SURAT PALSU</p>").write_pdf()
    penanda = signers.SimpleSigner.load_pkcs12_data(p12, other_certs=[], passphrase=b"rahasia")
    return signers.sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf)),
        signers.PdfSignatureMetadata(field_name="TandaTangan"),
        signer=penanda,
    ).getvalue()


def _ca_demo():
    """The trusted demo CA's key is not kept; make a trusted CA of our own as the superuser would."""
    ca = buat_ca("CA Uji Terpercaya")
    OtoritasSertifikat.objects.create(
        nama="CA Uji Terpercaya",
        sertifikat_pem=ca[1].public_bytes(serialization.Encoding.PEM).decode(),
    )
    return ca


def _unggah(client, pejabat: Pejabat, p12: bytes, frasa: str = "rahasia"):
    url = reverse("admin:layanan_pejabat_change", args=[pejabat.pk])
    data = data_dari_halaman(client.get(url))
    data.pop("sertifikat", None)
    berkas = SimpleUploadedFile("ttd.p12", p12, content_type="application/x-pkcs12")
    return client.post(url, {**data, "sertifikat": berkas, "frasa_sandi_periksa": frasa})


def test_an_office_administrator_cannot_upload_a_self_made_certificate(admin_a, kadin):
    sebelum = kadin.sertifikat.name
    response = _unggah(admin_a, kadin, _p12_sendiri())
    galat = " ".join(response.context["adminform"].form.errors["sertifikat"])
    assert "tidak diterbitkan oleh otoritas sertifikat yang dipercaya" in galat
    kadin.refresh_from_db()
    assert kadin.sertifikat.name == sebelum


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        ({"sampai": dt.timedelta(days=-1), "mulai": dt.timedelta(days=-30)}, "kedaluwarsa"),
        ({"mulai": dt.timedelta(days=10)}, "belum berlaku"),
        ({"tanda_tangan": False}, "tidak dibuat untuk menandatangani"),
    ],
)
def test_a_trusted_certificate_out_of_date_or_not_for_signing_is_refused(
    admin_a, kadin, ubah, pesan
):
    response = _unggah(admin_a, kadin, _p12_sendiri(ca=_ca_demo(), **ubah))
    assert pesan in " ".join(response.context["adminform"].form.errors["sertifikat"])


def test_a_wrong_passphrase_or_a_broken_file_is_refused_at_upload(admin_a, kadin):
    baik = _p12_sendiri(ca=_ca_demo())
    assert "Frasa sandi salah" in " ".join(
        _unggah(admin_a, kadin, baik, frasa="keliru").context["adminform"].form.errors["sertifikat"]
    )
    rusak = b"\x30\x82\x01\x00" + b"\x00" * 256  # starts like DER, is nothing
    assert "bukan berkas sertifikat PKCS#12" in " ".join(
        _unggah(admin_a, kadin, rusak).context["adminform"].form.errors["sertifikat"]
    )


def test_a_trusted_certificate_is_accepted_and_described(admin_a, kadin):
    response = _unggah(admin_a, kadin, _p12_sendiri(ca=_ca_demo()))
    assert response.status_code == 302
    kadin.refresh_from_db()
    assert "Hendro" in kadin.sertifikat_subjek and kadin.sertifikat_berlaku_sampai
    assert len(kadin.sertifikat_sidik) == 64


def test_signing_checks_the_certificate_again(pdf, kadin):
    """A file placed without the admin form (or trust withdrawn since) signs nothing."""
    kadin.sertifikat.save("palsu.p12", ContentFile(_p12_sendiri()), save=True)
    with pytest.raises(TandaTanganGagal, match="tidak diterbitkan oleh otoritas"):
        PenandaLokal().tandatangani(pdf, pejabat=kadin, frasa_sandi="rahasia")


def test_only_the_national_superuser_manages_trusted_authorities(admin_a, superadmin):
    daftar = reverse("admin:layanan_otoritassertifikat_changelist")
    assert admin_a.get(daftar).status_code == 403
    assert admin_a.get(reverse("admin:layanan_otoritassertifikat_add")).status_code == 403
    assert superadmin.get(daftar).status_code == 200
    bukan_ca = _p12_sendiri()  # a signer's certificate is not an authority
    _kunci, sertifikat, _lain = pkcs12.load_key_and_certificates(bukan_ca, b"rahasia")
    response = superadmin.post(
        reverse("admin:layanan_otoritassertifikat_add"),
        {"nama": "X", "teks_pem": sertifikat.public_bytes(serialization.Encoding.PEM).decode()},
    )
    assert "teks_pem" in response.context["adminform"].form.errors


def test_the_verification_page_says_valid_only_when_the_stored_signature_validates(kadin):
    from tests.factories import daftar, sampai_selesai

    p = daftar("blitar")
    sampai_selesai(p)
    surat = Surat.objects.get()
    url = reverse("layanan:verifikasi", args=[surat.token])
    assert "sah" in Client().get(url).content.decode()
    # The stored bytes replaced by a letter signed under a CA nobody trusted.
    with surat.berkas.open("wb") as f:
        f.write(tandatangani_sendiri(_p12_sendiri()))
    halaman = Client().get(url).content.decode()
    assert "tidak tervalidasi" in halaman
    assert "diterbitkan dan ditandatangani di sini, dan sah" not in halaman
