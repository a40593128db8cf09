"""Local PAdES signing with pyHanko and each official's PKCS#12, validated against our roots."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from typing import Any

from cryptography import x509
from cryptography.x509.oid import NameOID
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from layanan.models import OtoritasSertifikat, Pejabat
from layanan.surat.tanda_tangan import HasilPeriksa, Tampilan, TandaTanganGagal
from layanan.surat.tanda_tangan.sertifikat import (
    Akar,
    InfoSertifikat,
    akar_otoritas,
    alasan_tidak_siap,
    buka_p12,
    jalankan,
    otoritas_jangkar,
    periksa_sertifikat,
)

Kunci = tuple[int, str, str]


def sekarang() -> dt.datetime:
    """The moment a file we hold no signing record of is validated at (a test sets it)."""
    return dt.datetime.now(dt.UTC)


class PenandaLokal:
    """Signs with the official's PKCS#12. One instance may sign a batch: the certificate is
    opened and checked once (its key decrypted with the passphrase), kept in this object's
    memory only, and forgotten with it at the end of the request.

    The PDFs it has just signed it checks from its own record: the bytes are the ones pyHanko
    wrote (their digest says so), so what can make them invalid is the certificate's trust at
    this moment — its chain to a root trusted now, not withdrawn, in date — and that is checked
    again for every letter. Parsing the signed file back (≈60 % of a full check, pyHanko reads
    the signature's hex string byte by byte) is left to files it did not sign."""

    tampilan = Tampilan()

    def __init__(self) -> None:
        self._terbuka: dict[Kunci, signers.SimpleSigner] = {}
        self._sertifikat: dict[Kunci, tuple[x509.Certificate, list[x509.Certificate]]] = {}
        self._keluaran: dict[str, Kunci] = {}  # digest of a PDF signed here → its signer
        self._jalur: dict[Kunci, tuple[tuple[tuple[int, str], ...], InfoSertifikat]] = {}

    def buka(self, *, pejabat: Pejabat, frasa_sandi: str) -> None:
        self._buka(pejabat, frasa_sandi)

    def alasan_tidak_siap(self, pejabat: Pejabat | None) -> str:
        return alasan_tidak_siap(pejabat)

    def tandatangani(self, pdf: bytes, *, pejabat: Pejabat, frasa_sandi: str) -> bytes:
        kunci = self._kunci(pejabat, frasa_sandi)
        # pyHanko's own sync wrapper calls asyncio.run, which fails in a thread whose event
        # loop runs already (a worker that drives a browser): `jalankan` knows both cases.
        keluar = jalankan(
            signers.async_sign_pdf(
                IncrementalPdfFileWriter(io.BytesIO(pdf)),
                signers.PdfSignatureMetadata(
                    field_name="TandaTangan",
                    subfilter=SigSeedSubFilter.PADES,
                    md_algorithm="sha256",
                ),
                signer=self._buka(pejabat, frasa_sandi),
            )
        )
        hasil = keluar.getvalue()
        self._keluaran[hashlib.sha256(hasil).hexdigest()] = kunci
        return hasil

    def _kunci(self, pejabat: Pejabat, frasa_sandi: str) -> Kunci:
        # The passphrase's digest is part of it, so a wrong one in a batch is not the right one.
        return (
            pejabat.pk,
            pejabat.sertifikat.name,
            hashlib.sha256(frasa_sandi.encode()).hexdigest(),
        )

    def _buka(self, pejabat: Pejabat, frasa_sandi: str) -> signers.SimpleSigner:
        if not pejabat.sertifikat:
            raise TandaTanganGagal(
                _("%(nama)s has no signing certificate yet; the administrator uploads it.")
                % {"nama": pejabat.nama}
            )
        kunci = self._kunci(pejabat, frasa_sandi)
        if kunci in self._terbuka:
            return self._terbuka[kunci]
        with pejabat.sertifikat.open("rb") as f:
            p12 = f.read()
        # Trusted, in date and made for signing: checked at signing, not only at upload.
        _kunci_p12, sertifikat, rantai = buka_p12(p12, frasa_sandi)
        periksa_sertifikat(sertifikat, rantai)
        try:
            penanda = signers.SimpleSigner.load_pkcs12_data(
                p12, other_certs=[], passphrase=frasa_sandi.encode()
            )
        except (ValueError, TypeError):
            penanda = None
        if penanda is None:
            raise TandaTanganGagal(_("The passphrase is wrong."))
        self._terbuka[kunci] = penanda
        self._sertifikat[kunci] = (sertifikat, rantai)
        return penanda

    def _periksa_sendiri(self, kunci: Kunci) -> HasilPeriksa:
        sertifikat, rantai = self._sertifikat[kunci]
        # The chain's answer depends on the roots trusted now and on the moment: with the same
        # roots (one small query, every letter) and within every certificate's validity, the
        # path validated for the previous letter is still the answer.
        akar_kini = tuple(
            OtoritasSertifikat.objects.filter(ditarik_pada__isnull=True)
            .order_by("pk")
            .values_list("pk", "sidik")
        )
        kini = sekarang()
        tersimpan = self._jalur.get(kunci)
        if (
            tersimpan is not None
            and tersimpan[0] == akar_kini
            and _berlaku(sertifikat, rantai, kini)
        ):
            info = tersimpan[1]
        else:
            try:
                info = periksa_sertifikat(sertifikat, rantai, pada=kini)
            except TandaTanganGagal as exc:
                self._jalur.pop(kunci, None)
                return HasilPeriksa(True, False, True, keterangan=str(exc))
            self._jalur[kunci] = (akar_kini, info)
        nama = ", ".join(
            str(a.value)
            for oid in (NameOID.COMMON_NAME, NameOID.ORGANIZATION_NAME)
            for a in sertifikat.subject.get_attributes_for_oid(oid)[:1]
        )
        return HasilPeriksa(True, True, True, penandatangan=nama, otoritas=info.otoritas)

    def periksa(self, pdf: bytes, *, pada: dt.datetime | None = None) -> HasilPeriksa:
        if pada is None:
            kunci = self._keluaran.pop(hashlib.sha256(pdf).hexdigest(), None)
            if kunci is not None:
                return self._periksa_sendiri(kunci)
        return periksa_penuh(pdf, pada=pada)


def periksa_penuh(pdf: bytes, *, pada: dt.datetime | None = None) -> HasilPeriksa:
    """The full check of a file: its last signature parsed, intact, and chained to a root the
    national superuser trusts (at `pada`, or now)."""
    tidak_terbaca = HasilPeriksa(
        False, False, False, keterangan=_("The file is not a readable PDF.")
    )
    try:
        tanda = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    except Exception:
        return tidak_terbaca
    if not tanda:
        return HasilPeriksa(False, False, False, keterangan=_("The PDF carries no signature."))
    akar = akar_otoritas()
    try:
        status = _validasi(tanda[-1], akar, pada)
    except Exception:  # a forged /ByteRange, a broken CMS blob: anything a stranger uploads
        return HasilPeriksa(
            True, False, False, keterangan=_("The signature in this file cannot be read.")
        )
    nama = _nama_penanda(status.signing_cert.subject) if status.signing_cert else ""
    utuh = bool(status.intact and status.valid)
    if status.bottom_line:
        otoritas = otoritas_jangkar(status.validation_path, akar)
        return HasilPeriksa(True, True, True, penandatangan=nama, otoritas=otoritas)
    ditarik = akar_otoritas(ditarik=True) if utuh else []
    if ditarik:  # would a root whose trust was withdrawn have made it valid? Then say so.
        lama = _validasi(tanda[-1], ditarik, pada)
        otoritas = otoritas_jangkar(lama.validation_path, ditarik) if lama.bottom_line else None
        if otoritas is not None:
            return HasilPeriksa(
                True, False, True, penandatangan=nama, otoritas=otoritas, ditarik=True
            )
    return HasilPeriksa(True, False, utuh, penandatangan=nama)


def _validasi(tanda: Any, akar: Akar, pada: dt.datetime | None) -> Any:
    konteks = ValidationContext(
        trust_roots=[c for c, _o in akar], allow_fetching=False, moment=pada or sekarang()
    )
    # Through `jalankan`, as signing: pyHanko's sync wrapper calls asyncio.run.
    return jalankan(
        async_validate_pdf_signature(embedded_sig=tanda, signer_validation_context=konteks)
    )


def _berlaku(
    sertifikat: x509.Certificate, rantai: list[x509.Certificate], pada: dt.datetime
) -> bool:
    return all(
        c.not_valid_before_utc <= pada <= c.not_valid_after_utc for c in [sertifikat, *rantai]
    )


def _nama_penanda(subjek: Any) -> str:
    """The signer as a reader says it ("name, organisation"), without the certificate's English
    field labels ("Common Name: ..., Organization: ...") that pyHanko's human_friendly adds."""
    bagian = subjek.native
    return ", ".join(str(bagian[k]) for k in ("common_name", "organization_name") if bagian.get(k))
