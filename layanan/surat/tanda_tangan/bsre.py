"""Signing through BSrE's signing service (BSSN), v1 (multipart) or v2 (JSON), chosen per office.

The official's NIK and passphrase go to the service with the letter; the signed letter comes back
and is checked here as the public page will check it — the signature intact, covering the whole
file, chained to a root the national superuser trusts, over the very letter we sent — before the
caller stores anything. The passphrase lives only in this call: it is never stored, never logged
(each call is logged without it) and cut out of anything the service says back.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import logging
import os
import time
import urllib.error
import urllib.request
import uuid
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import SignatureCoverageLevel
from pypdf import PdfReader

from layanan.models import Pejabat, PengaturanBsre
from layanan.models.bsre import alamat_diizinkan, nama_env_validator
from layanan.surat.tanda_tangan import HasilPeriksa, Tampilan, TandaTanganGagal
from layanan.surat.tanda_tangan.gambar_bsre import gambar_ttd
from layanan.surat.tanda_tangan.lokal import periksa_penuh

logger = logging.getLogger(__name__)

# Since 2024 the service takes a single character as the marker it puts the signature on.
TAG = "^"
KAKI = (
    "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang "
    "diterbitkan oleh Balai Besar Sertifikasi Elektronik (BSrE), BSSN"
)
LEBAR, TINGGI = 150, 48  # the visible signature, in points, from the tag upwards
UKURAN_MAKS = 30_000_000  # bytes of one answer
# The status is asked while a page renders: never longer than this, whatever the office set.
BATAS_STATUS = 8
KODE_FRASA_SALAH, KODE_TAK_TERDAFTAR = 2031, 2011

PESAN_FRASA_SALAH = gettext_lazy("BSrE says the passphrase is wrong. Nothing was signed.")
PESAN_TAK_TERDAFTAR = gettext_lazy(
    "This NIK is not registered with BSrE; register with BSrE (through the region's registration "
    "authority) before signing."
)
PESAN_TANPA_NIK = gettext_lazy(
    "%(nama)s has no NIK recorded for BSrE signing; the administrator adds it."
)
PESAN_WAKTU_HABIS = gettext_lazy(
    "BSrE's signing service did not answer in time. Nothing was signed and no number was used; "
    "try again."
)
PESAN_TAK_TERJANGKAU = gettext_lazy(
    "BSrE's signing service cannot be reached now. Nothing was signed; try again later."
)
PESAN_GANGGUAN = gettext_lazy(
    "BSrE's signing service failed (error %(kode)s). Nothing was signed and no number was used; "
    "try again later."
)
PESAN_KREDENSIAL = gettext_lazy(
    "BSrE refused this office's credentials; ask the administrator to check the BSrE settings."
)
PESAN_TANPA_KREDENSIAL = gettext_lazy(
    "The server holds no BSrE credentials for this office (%(env)s); ask the server's operator."
)
PESAN_ALAMAT = gettext_lazy(
    "This office's BSrE address is not one the server allows; ask the administrator."
)
PESAN_DITOLAK = gettext_lazy("BSrE refused to sign: %(pesan)s")
PESAN_JAWABAN_ANEH = gettext_lazy(
    "BSrE's signing service gave an answer this system cannot read. Nothing was signed."
)
PESAN_KEMBALIAN_TIDAK_SAH = gettext_lazy(
    "The letter that came back from BSrE is not validly signed (%(alasan)s). Nothing was issued."
)
PESAN_KEMBALIAN_LAIN = gettext_lazy(
    "The letter that came back from BSrE is not the letter that was sent. Nothing was issued."
)

PESAN_STATUS = {
    "EXPIRED": gettext_lazy(
        "Your BSrE certificate has expired. Renew it with BSrE before signing."
    ),
    "RENEW": gettext_lazy(
        "Your BSrE certificate is being renewed. You can sign once BSrE has issued it."
    ),
    "WAITING_FOR_VERIFICATION": gettext_lazy(
        "Your BSrE registration is waiting for BSrE's verification. You can sign once it is issued."
    ),
    "NEW": gettext_lazy(
        "Your BSrE registration is not finished yet. You can sign once the certificate is issued."
    ),
    "NO_CERTIFICATE": gettext_lazy(
        "You have no BSrE certificate yet. Ask the region's registration authority for one."
    ),
    "NOT_REGISTERED": PESAN_TAK_TERDAFTAR,
    "SUSPEND": gettext_lazy(
        "Your BSrE certificate is suspended. Contact BSrE or the region's registration authority."
    ),
    "REVOKE": gettext_lazy(
        "Your BSrE certificate was revoked. Ask the region's registration authority for a new one."
    ),
}
PESAN_STATUS_LAIN = gettext_lazy("BSrE says your certificate cannot sign now (status %(status)s).")


class _TanpaAlih(urllib.request.HTTPRedirectHandler):
    """A redirect is an error: the allowed address is the only one the server calls."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_pembuka = urllib.request.build_opener(_TanpaAlih)


def pesan_status(status: str) -> str:
    if status in PESAN_STATUS:
        return str(PESAN_STATUS[status])
    return str(PESAN_STATUS_LAIN) % {"status": status[:40]}


class PenandaBsre:
    """One office's BSrE signing. One instance may sign a batch: a passphrase the service called
    wrong is not sent again (BSrE locks an account after repeated wrong passphrases), and each
    letter it signs it checks in full, keeping that result for the caller's `periksa`."""

    tampilan = Tampilan(tag=TAG, kaki=KAKI)

    def __init__(self, pengaturan: PengaturanBsre) -> None:
        self.pengaturan = pengaturan
        self._frasa_salah: set[str] = set()
        self._diperiksa: dict[str, HasilPeriksa] = {}

    # -- the contract --------------------------------------------------------------------------
    def alasan_tidak_siap(self, pejabat: Pejabat | None) -> str:
        if pejabat is None:
            return _("Your account is not linked to an official; ask the administrator.")
        if not pejabat.nik:
            return str(PESAN_TANPA_NIK) % {"nama": pejabat.nama}
        try:
            status = self.status(pejabat.nik)
        except TandaTanganGagal as exc:
            return str(exc)
        return "" if status == "ISSUE" else pesan_status(status)

    def buka(self, *, pejabat: Pejabat, frasa_sandi: str) -> None:
        """The service checks a passphrase only by signing: here, everything known before."""
        if alasan := self.alasan_tidak_siap(pejabat):
            raise TandaTanganGagal(alasan)
        if not frasa_sandi:
            raise TandaTanganGagal(str(PESAN_FRASA_SALAH))

    def tandatangani(self, pdf: bytes, *, pejabat: Pejabat, frasa_sandi: str) -> bytes:
        if not pejabat.nik:
            raise TandaTanganGagal(str(PESAN_TANPA_NIK) % {"nama": pejabat.nama})
        sidik_frasa = hashlib.sha256(frasa_sandi.encode()).hexdigest()
        if sidik_frasa in self._frasa_salah:
            raise TandaTanganGagal(str(PESAN_FRASA_SALAH))
        try:
            if self.pengaturan.versi == "v2":
                hasil = self._tandatangani_v2(pdf, pejabat.nik, frasa_sandi)
            else:
                hasil = self._tandatangani_v1(pdf, pejabat.nik, frasa_sandi)
        except _FrasaSalah:
            self._frasa_salah.add(sidik_frasa)
            raise TandaTanganGagal(str(PESAN_FRASA_SALAH)) from None
        self._diperiksa[hashlib.sha256(hasil).hexdigest()] = periksa_kembalian(pdf, hasil)
        return hasil

    def periksa(self, pdf: bytes, *, pada: Any = None) -> HasilPeriksa:
        if pada is None:
            hasil = self._diperiksa.pop(hashlib.sha256(pdf).hexdigest(), None)
            if hasil is not None:  # checked in full a moment ago, on these very bytes
                return hasil
        return periksa_penuh(pdf, pada=pada)

    # -- the service ---------------------------------------------------------------------------
    def status(self, nik: str) -> str:
        """The certificate status BSrE gives this NIK: ISSUE, EXPIRED, SUSPEND..."""
        if self.pengaturan.versi == "v2":
            badan = json.dumps({"nik": nik}).encode()
            kode, _kepala, isi = self._panggil(
                "POST", "/api/v2/user/check/status", badan, "application/json", nik, BATAS_STATUS
            )
        else:
            kode, _kepala, isi = self._panggil(
                "GET", f"/api/user/status/{nik}", None, "", nik, BATAS_STATUS
            )
        data = _json(isi)
        if kode == 200 and isinstance(data.get("status"), str):
            return str(data["status"]).upper()
        if data.get("status_code") == KODE_TAK_TERDAFTAR:
            return "NOT_REGISTERED"
        raise _galat(kode, data, "")

    def _tandatangani_v1(self, pdf: bytes, nik: str, frasa: str) -> bytes:
        medan = {
            "nik": nik,
            "passphrase": frasa,
            "tampilan": "visible",
            "image": "true",
            "tag_koordinat": TAG,
            "width": str(LEBAR),
            "height": str(TINGGI),
            "reason": "Dokumen dinas",
            "location": self.pengaturan.kantor.nama_daerah,
        }
        berkas = {"file": ("surat.pdf", pdf, "application/pdf")}
        berkas["imageTTD"] = ("ttd.png", gambar_ttd(), "image/png")
        badan, jenis = _multipart(medan, berkas)
        kode, _kepala, isi = self._panggil("POST", "/api/sign/pdf", badan, jenis, nik)
        if kode != 200:
            raise _galat(kode, _json(isi), frasa)
        if not isi.startswith(b"%PDF"):
            raise TandaTanganGagal(str(PESAN_JAWABAN_ANEH))
        return isi

    def _tandatangani_v2(self, pdf: bytes, nik: str, frasa: str) -> bytes:
        badan = {
            "nik": nik,
            "passphrase": frasa,
            "signatureProperties": [
                {
                    "tampilan": "VISIBLE",
                    "imageBase64": base64.b64encode(gambar_ttd()).decode(),
                    "tag_koordinat": TAG,
                    "width": LEBAR,
                    "height": TINGGI,
                    "location": self.pengaturan.kantor.nama_daerah,
                    "reason": "Dokumen dinas",
                }
            ],
            "file": [base64.b64encode(pdf).decode()],
        }
        kode, _kepala, isi = self._panggil(
            "POST", "/api/v2/sign/pdf", json.dumps(badan).encode(), "application/json", nik
        )
        data = _json(isi)
        if kode != 200:
            raise _galat(kode, data, frasa)
        try:
            hasil = base64.b64decode(data["file"][0], validate=True)
        except (KeyError, IndexError, TypeError, ValueError):
            raise TandaTanganGagal(str(PESAN_JAWABAN_ANEH)) from None
        if not hasil.startswith(b"%PDF"):
            raise TandaTanganGagal(str(PESAN_JAWABAN_ANEH))
        return hasil

    def _panggil(
        self,
        metode: str,
        jalur: str,
        badan: bytes | None,
        jenis: str,
        nik: str,
        batas_detik: float | None = None,
    ) -> tuple[int, dict[str, str], bytes]:
        p = self.pengaturan
        detik = min(p.batas_waktu, batas_detik or p.batas_waktu)
        if not alamat_diizinkan(p.alamat):  # checked at every call, not only when saved
            raise TandaTanganGagal(str(PESAN_ALAMAT))
        permintaan = urllib.request.Request(p.alamat.rstrip("/") + jalur, data=badan, method=metode)
        permintaan.add_header("Authorization", "Basic " + _kredensial(p))
        permintaan.add_header("Accept", "application/json, application/pdf")
        if jenis:
            permintaan.add_header("Content-Type", jenis)
        mulai = time.monotonic()
        batas = mulai + detik
        kode = 0
        try:
            try:
                jawaban = _pembuka.open(permintaan, timeout=detik)
            except urllib.error.HTTPError as exc:
                jawaban = exc
            with jawaban:
                kode = jawaban.status or 0
                isi = _baca(jawaban, batas)
                kepala = {k.lower(): v for k, v in jawaban.headers.items()}
        except TimeoutError:
            raise TandaTanganGagal(str(PESAN_WAKTU_HABIS)) from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            if isinstance(getattr(exc, "reason", None), TimeoutError):
                raise TandaTanganGagal(str(PESAN_WAKTU_HABIS)) from None
            raise TandaTanganGagal(str(PESAN_TAK_TERJANGKAU)) from None
        finally:  # every call, never the passphrase; the NIK only by its last digits
            logger.info(
                "BSrE %s %s %s -> %s in %d ms (NIK ...%s)",
                p.versi,
                metode,
                jalur.replace(nik, "{nik}"),
                kode or "no answer",
                (time.monotonic() - mulai) * 1000,
                nik[-4:],
            )
        return kode, kepala, isi


class _FrasaSalah(TandaTanganGagal):
    """BSrE refused the passphrase (2031): this signer never sends it again (BSrE locks accounts)."""


def _kredensial(p: PengaturanBsre) -> str:
    nilai = []
    for nama in (p.env_pengguna, p.env_sandi):
        try:
            nama_env_validator(nama)
        except Exception:
            raise TandaTanganGagal(str(PESAN_ALAMAT)) from None
        isi = os.environ.get(nama, "")
        if not isi:
            raise TandaTanganGagal(str(PESAN_TANPA_KREDENSIAL) % {"env": nama})
        nilai.append(isi)
    return base64.b64encode(":".join(nilai).encode()).decode()


def _baca(jawaban: Any, batas: float) -> bytes:
    """The answer, within the call's total time (a socket timeout restarts on every byte)."""
    potongan: list[bytes] = []
    jumlah = 0
    while chunk := jawaban.read(65536):
        jumlah += len(chunk)
        if jumlah > UKURAN_MAKS:
            raise ValueError("answer too large")
        if time.monotonic() > batas:
            raise TimeoutError
        potongan.append(chunk)
    return b"".join(potongan)


def _json(isi: bytes) -> dict[str, Any]:
    try:
        data = json.loads(isi)
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _galat(kode: int, data: dict[str, Any], frasa: str) -> TandaTanganGagal:
    """What an answer other than success means, in the signer's words."""
    if kode in (401, 403):
        return TandaTanganGagal(str(PESAN_KREDENSIAL))
    if kode >= 500 or kode < 400:  # a failure, a redirect (never followed), no answer
        return TandaTanganGagal(str(PESAN_GANGGUAN) % {"kode": kode})
    status_kode = data.get("status_code")
    if status_kode == KODE_FRASA_SALAH:
        return _FrasaSalah(str(PESAN_FRASA_SALAH))
    if status_kode == KODE_TAK_TERDAFTAR:
        return TandaTanganGagal(str(PESAN_TAK_TERDAFTAR))
    pesan = str(data.get("error") or data.get("message") or "")[:200]
    if frasa:
        pesan = pesan.replace(frasa, "•••")
    if not pesan:
        return TandaTanganGagal(str(PESAN_JAWABAN_ANEH))
    return TandaTanganGagal(str(PESAN_DITOLAK) % {"pesan": f"{pesan} ({status_kode or kode})"})


def _multipart(
    medan: dict[str, str], berkas: dict[str, tuple[str, bytes, str]]
) -> tuple[bytes, str]:
    batas = uuid.uuid4().hex
    bagian: list[bytes] = []
    for nama, nilai in medan.items():
        bagian.append(
            f'--{batas}\r\nContent-Disposition: form-data; name="{nama}"\r\n\r\n'.encode()
            + nilai.encode()
            + b"\r\n"
        )
    for nama, (berkas_nama, isi, jenis) in berkas.items():
        kepala = (
            f'--{batas}\r\nContent-Disposition: form-data; name="{nama}"; '
            f'filename="{berkas_nama}"\r\nContent-Type: {jenis}\r\n\r\n'
        )
        bagian.append(kepala.encode() + isi + b"\r\n")
    bagian.append(f"--{batas}--\r\n".encode())
    return b"".join(bagian), f"multipart/form-data; boundary={batas}"


def periksa_kembalian(asli: bytes, hasil: bytes) -> HasilPeriksa:
    """What came back is our letter, signed over all of it, validly: or TandaTanganGagal."""
    if not hasil.startswith(asli) and _teks(hasil) != _teks(asli):
        raise TandaTanganGagal(str(PESAN_KEMBALIAN_LAIN))
    periksa = periksa_penuh(hasil)
    if not periksa.sah:
        alasan = periksa.keterangan or _("the signature does not validate")
        raise TandaTanganGagal(str(PESAN_KEMBALIAN_TIDAK_SAH) % {"alasan": alasan})
    tanda = PdfFileReader(io.BytesIO(hasil)).embedded_signatures[-1]
    if tanda.evaluate_signature_coverage() != SignatureCoverageLevel.ENTIRE_FILE:
        raise TandaTanganGagal(
            str(PESAN_KEMBALIAN_TIDAK_SAH) % {"alasan": _("part of the file is not signed")}
        )
    return periksa


def _teks(pdf: bytes) -> list[str]:
    """The text of every page (a service that rewrites the file keeps it, and only it)."""
    try:
        return [h.extract_text() for h in PdfReader(io.BytesIO(pdf)).pages]
    except Exception:
        return ["\0"]  # unreadable: never equal to a readable letter
