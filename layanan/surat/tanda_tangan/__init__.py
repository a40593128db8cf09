"""Signing letters behind a small contract, so a BSrE client can replace local signing.

`Penanda.tandatangani` takes the final PDF and the official's passphrase (entered at each signing,
never stored) and returns the PAdES-signed PDF; `buka` checks a passphrase without signing;
`periksa` validates a PDF's signature against the trusted roots; `alasan_tidak_siap` says, before
any passphrase is typed, why an official cannot sign now. Two implementations, chosen per office:
local (pyHanko with the official's PKCS#12, `lokal`) and BSrE's signing service (`bsre`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from layanan.models import OtoritasSertifikat, Pejabat


class TandaTanganGagal(Exception):
    """Signing refused; the message says why, in Indonesian (wrong passphrase, no certificate)."""


@dataclass(frozen=True)
class HasilPeriksa:
    ada_tanda_tangan: bool
    sah: bool  # intact, and made by a certificate that chains to a trusted root
    utuh: bool  # the signed bytes are unchanged
    penandatangan: str = ""
    keterangan: str = ""
    # The authority whose root the signature chained to; when `sah` is false only because that
    # authority's trust was withdrawn, it is named here with `ditarik` set.
    otoritas: OtoritasSertifikat | None = None
    ditarik: bool = False


@dataclass(frozen=True)
class Tampilan:
    """What the letter carries for this way of signing: the one character the service finds to
    put its visible signature on (none: no visible signature but ours), and the footer the
    service's terms require."""

    tag: str = ""
    kaki: str = ""


class Penanda(Protocol):
    tampilan: Tampilan

    def alasan_tidak_siap(self, pejabat: Pejabat | None) -> str:
        """Why this official cannot sign now, "" when nothing known stops them."""
        ...

    def buka(self, *, pejabat: Pejabat, frasa_sandi: str) -> None:
        """Raises TandaTanganGagal unless the passphrase opens the official's signing key (a
        batch checks it before it is queued, so a typo is told at once)."""
        ...

    def tandatangani(self, pdf: bytes, *, pejabat: Pejabat, frasa_sandi: str) -> bytes: ...

    def periksa(self, pdf: bytes, *, pada: dt.datetime | None = None) -> HasilPeriksa:
        """Validates the PDF's last signature as of `pada` — the moment the letter was signed,
        as our own record of it says — or now for a file we hold no record of: a certificate
        that expired after the letter was signed does not make the letter invalid."""
        ...
