"""The certificate authorities the national superuser trusts: reading an uploaded CA certificate,
adding one, withdrawing (or restoring) its trust, and what was signed under it.

Withdrawing trust deletes nothing. From that moment no certificate it issued can sign, no upload
chaining to it is accepted, and the public verification page no longer calls a letter signed
under it valid: it says that the authority's trust was withdrawn and when. The letters stay in
the registers; the page of the authority lists them, so their offices can revoke and replace them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from asn1crypto import pkcs12 as asn1_pkcs12
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from layanan.models import OtoritasSertifikat, Pejabat, Pengguna, StatusSurat, Surat
from layanan.surat.tanda_tangan.sertifikat import sidik_der

BATAS_BERKAS = 64 * 1024  # a CA certificate is 1–3 kB; a chain of a few, at most 20 kB
PESAN_BUKAN_SUPERUSER = gettext_lazy(
    "Only the national administrator decides which certificate authorities are trusted."
)


class OtoritasDitolak(Exception):
    """The certificate or the action is refused; the message says why, in Indonesian."""


def baca_sertifikat_ca(isi: bytes, *, pada: dt.datetime | None = None) -> x509.Certificate:
    """One certificate authority's certificate, in force now, from a PEM or DER file or text."""
    if not isi.strip():
        raise OtoritasDitolak(_("Upload the certificate file or paste its PEM text."))
    if len(isi) > BATAS_BERKAS:
        raise OtoritasDitolak(
            _("A certificate authority's certificate is a few kilobytes; this is far larger.")
        )
    sertifikat = _muat(isi)
    try:
        dasar = sertifikat.extensions.get_extension_for_class(x509.BasicConstraints).value
    except (x509.ExtensionNotFound, ValueError):
        dasar = None
    if dasar is None or not dasar.ca:
        raise OtoritasDitolak(
            _(
                "This is not a certificate authority's certificate (it does not say it is a CA): "
                "it may be an official's own. Upload the certificate of the authority that "
                "issues them."
            )
        )
    try:
        kegunaan = sertifikat.extensions.get_extension_for_class(x509.KeyUsage).value
    except (x509.ExtensionNotFound, ValueError):
        kegunaan = None
    if kegunaan is not None and not kegunaan.key_cert_sign:
        raise OtoritasDitolak(_("This authority's certificate may not sign certificates."))
    pada = pada or timezone.now()
    if pada > sertifikat.not_valid_after_utc:
        raise OtoritasDitolak(
            _("This certificate expired on %(tanggal)s.")
            % {"tanggal": _tanggal(sertifikat.not_valid_after_utc)}
        )
    if pada < sertifikat.not_valid_before_utc:
        raise OtoritasDitolak(
            _("This certificate is valid only from %(tanggal)s.")
            % {"tanggal": _tanggal(sertifikat.not_valid_before_utc)}
        )
    return sertifikat


def _muat(isi: bytes) -> x509.Certificate:
    if b"-----BEGIN" in isi:
        try:
            semua = x509.load_pem_x509_certificates(isi)
        except ValueError:
            semua = []
        if len(semua) > 1:
            raise OtoritasDitolak(
                _(
                    "The file holds %(n)s certificates: upload the authority's own certificate, "
                    "one at a time."
                )
                % {"n": len(semua)}
            )
        if semua:
            return semua[0]
    else:
        try:
            return x509.load_der_x509_certificate(isi)
        except ValueError:
            pass
        if _adalah_p12(isi):
            raise OtoritasDitolak(
                _(
                    "This is a PKCS#12 file (an official's certificate with its key): it is "
                    "uploaded on the official's page, never here."
                )
            )
    raise OtoritasDitolak(_("This is not an X.509 certificate (PEM or DER)."))


def _adalah_p12(isi: bytes) -> bool:
    try:
        asn1_pkcs12.Pfx.load(isi, strict=True)["auth_safe"]["content_type"].native  # noqa: B018
    except (ValueError, TypeError, KeyError):
        return False
    return True


def sidik_sertifikat(sertifikat: x509.Certificate) -> str:
    return sidik_der(sertifikat.public_bytes(serialization.Encoding.DER))


def sudah_ada(sertifikat: x509.Certificate) -> OtoritasSertifikat | None:
    return OtoritasSertifikat.objects.filter(sidik=sidik_sertifikat(sertifikat)).first()


def _superuser(oleh: Pengguna | None) -> None:
    if oleh is not None and not oleh.is_superuser:
        raise OtoritasDitolak(str(PESAN_BUKAN_SUPERUSER))


@transaction.atomic
def otoritas_tambah(
    *, nama: str, sertifikat: x509.Certificate, oleh: Pengguna | None
) -> OtoritasSertifikat:
    """Trust a certificate authority (`oleh` None: the demo loader, no person)."""
    _superuser(oleh)
    lama = sudah_ada(sertifikat)
    if lama is not None:
        raise OtoritasDitolak(
            _("This certificate is already recorded, as %(nama)s.") % {"nama": lama.nama}
        )
    return OtoritasSertifikat.objects.create(
        nama=nama.strip(),
        sertifikat_pem=sertifikat.public_bytes(serialization.Encoding.PEM).decode(),
        sidik=sidik_sertifikat(sertifikat),
    )


@transaction.atomic
def otoritas_tarik(*, otoritas: OtoritasSertifikat, oleh: Pengguna, alasan: str) -> None:
    """Withdraw trust: who, when and why kept on the row and in its history."""
    _superuser(oleh)
    o = OtoritasSertifikat.objects.select_for_update().get(pk=otoritas.pk)
    if o.ditarik_pada is not None:
        raise OtoritasDitolak(_("Its trust was already withdrawn."))
    if not alasan.strip():
        raise OtoritasDitolak(_("Say why its trust is withdrawn."))
    o.ditarik_pada, o.ditarik_oleh, o.alasan_tarik = timezone.now(), oleh, alasan.strip()[:2000]
    o._change_reason = str(_("Trust withdrawn"))  # type: ignore[attr-defined]
    o.save(update_fields=["ditarik_pada", "ditarik_oleh", "alasan_tarik"])


@transaction.atomic
def otoritas_pulihkan(*, otoritas: OtoritasSertifikat, oleh: Pengguna) -> None:
    """Trust it again (a withdrawal made by mistake); the history keeps both."""
    _superuser(oleh)
    o = OtoritasSertifikat.objects.select_for_update().get(pk=otoritas.pk)
    if o.ditarik_pada is None:
        raise OtoritasDitolak(_("It is trusted already."))
    o.ditarik_pada, o.ditarik_oleh, o.alasan_tarik = None, None, ""
    o._change_reason = str(_("Trust restored"))  # type: ignore[attr-defined]
    o.save(update_fields=["ditarik_pada", "ditarik_oleh", "alasan_tarik"])


@dataclass(frozen=True)
class InfoCa:
    subjek: str
    penerbit: str
    nomor_seri: str
    berlaku_mulai: dt.datetime
    berlaku_sampai: dt.datetime
    sidik: str  # SHA-256, as AA:BB:...
    kedaluwarsa: bool


def info_ca(otoritas: OtoritasSertifikat) -> InfoCa | None:
    try:
        c = x509.load_pem_x509_certificate(otoritas.sertifikat_pem.encode())
    except ValueError:
        return None
    sidik = sidik_sertifikat(c).upper()
    return InfoCa(
        subjek=c.subject.rfc4514_string(),
        penerbit=c.issuer.rfc4514_string(),
        nomor_seri=f"{c.serial_number:X}",
        berlaku_mulai=c.not_valid_before_utc,
        berlaku_sampai=c.not_valid_after_utc,
        sidik=":".join(sidik[i : i + 2] for i in range(0, len(sidik), 2)),
        kedaluwarsa=timezone.now() > c.not_valid_after_utc,
    )


@dataclass(frozen=True)
class YangDitandatangani:
    """What was signed under an authority: the officials whose certificate chains to it (as
    checked at upload) and the letters whose signature chained to it when they were signed."""

    pejabat: list[Pejabat]
    jumlah_surat: int
    surat_per_status: list[tuple[str, int]]
    surat_terakhir: list[Surat]


def yang_ditandatangani(otoritas: OtoritasSertifikat, *, batas: int = 50) -> YangDitandatangani:
    surat = Surat.objects.filter(otoritas=otoritas)
    per_status = dict(surat.values_list("status").annotate(n=Count("pk")).order_by())
    return YangDitandatangani(
        pejabat=list(otoritas.pejabat.select_related("kantor", "peran").order_by("kantor", "nama")),
        jumlah_surat=sum(per_status.values()),
        surat_per_status=[
            (str(status.label), per_status[status.value])
            for status in StatusSurat
            if per_status.get(status.value)
        ],
        surat_terakhir=list(
            surat.select_related("kantor", "pejabat").order_by("-ditandatangani_pada")[:batas]
        ),
    )


def _tanggal(waktu: dt.datetime) -> str:
    return date_format(timezone.localtime(waktu), "j F Y")
