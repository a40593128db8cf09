"""Records made before the authority behind a signature was kept: each letter's authority, and an
official's public certificate chain, read back from the letters' own signatures.

Run once after upgrading (`manage.py lengkapi_otoritas`); running it again changes nothing more.
An official with no letter signed since their certificate was uploaded keeps an empty chain: the
signing page then checks only its end date before the passphrase, and everything at signing.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from asn1crypto import pem as asn1_pem
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko_certvalidator import CertificateValidator, ValidationContext

from layanan.models import Pejabat, Surat
from layanan.surat.tanda_tangan.sertifikat import (
    akar_otoritas,
    jalankan,
    otoritas_jangkar,
    sidik_der,
)


@dataclass(frozen=True)
class HasilLengkapi:
    surat: int
    pejabat: int
    tidak_terbaca: int


def lengkapi_dari_surat() -> HasilLengkapi:
    akar = akar_otoritas() + akar_otoritas(ditarik=True)
    tanpa_rantai = {
        p.pk: p for p in Pejabat.objects.exclude(sertifikat="").filter(sertifikat_pem="")
    }
    n_surat = n_pejabat = gagal = 0
    for surat in Surat.objects.filter(otoritas__isnull=True).order_by("-ditandatangani_pada"):
        try:
            penanda, lain, otoritas = _baca(surat, akar)
        except Exception:  # a missing file, a signature nobody can read: left as it is
            gagal += 1
            continue
        if otoritas is not None:
            Surat.objects.filter(pk=surat.pk).update(otoritas=otoritas)
            n_surat += 1
        pejabat = tanpa_rantai.get(surat.pejabat_id)
        if pejabat is not None and sidik_der(penanda.dump()) == pejabat.sertifikat_sidik:
            rantai = "".join(
                asn1_pem.armor("CERTIFICATE", c.dump()).decode() for c in [penanda, *lain]
            )
            Pejabat.objects.filter(pk=pejabat.pk).update(
                sertifikat_pem=rantai, sertifikat_otoritas=otoritas
            )
            del tanpa_rantai[pejabat.pk]
            n_pejabat += 1
    return HasilLengkapi(n_surat, n_pejabat, gagal)


def _baca(surat: Surat, akar: Any) -> tuple[Any, list[Any], Any]:
    with surat.berkas.open("rb") as f:
        tanda = PdfFileReader(io.BytesIO(f.read())).embedded_signatures[-1]
    penanda, lain = tanda.signer_cert, list(tanda.other_embedded_certs)
    konteks = ValidationContext(
        trust_roots=[c for c, _o in akar],
        allow_fetching=False,
        moment=surat.ditandatangani_pada,  # the authority it chained to when it was signed
    )
    validator = CertificateValidator(penanda, intermediate_certs=lain, validation_context=konteks)
    try:
        jalur = jalankan(validator.async_validate_usage({"digital_signature"}))
    except Exception:
        jalur = None
    return penanda, lain, otoritas_jangkar(jalur, akar) if jalur else None
