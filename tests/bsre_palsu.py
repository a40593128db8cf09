"""A faithful fake of BSrE's signing service, v1 (multipart) and v2 (JSON), on loopback.

It checks Basic auth and the fields as public clients of the service send them (the visible
signature placed by a single-character `tag_koordinat` it finds in the PDF's text), answers the
service's errors (2031 wrong passphrase, 2011 not registered) and user statuses, and signs for
real with pyHanko and a certificate authority of its own, whose root a test registers as trusted.
`gangguan` makes it misbehave on demand: slow, 5xx, an unsigned or altered or different PDF.
Not a mock of our client: it knows nothing of it.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from PIL import Image
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.stamp import TextStampStyle
from pypdf import PdfReader

STATUS = (
    "ISSUE",
    "EXPIRED",
    "RENEW",
    "WAITING_FOR_VERIFICATION",
    "NEW",
    "NO_CERTIFICATE",
    "NOT_REGISTERED",
    "SUSPEND",
    "REVOKE",
)
GANGGUAN = ("lambat", "500", "502", "tanpa_tanda", "ubah", "dokumen_lain", "alih", "sampah")


def _nama(cn: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Balai Besar Sertifikasi Elektronik Uji"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        ]
    )


def _kegunaan(**ya: bool) -> x509.KeyUsage:
    semua = [
        "digital_signature",
        "content_commitment",
        "key_encipherment",
        "data_encipherment",
        "key_agreement",
        "key_cert_sign",
        "crl_sign",
        "encipher_only",
        "decipher_only",
    ]
    return x509.KeyUsage(**{k: ya.get(k, False) for k in semua})


class OtoritasPalsu:
    """The fake's root and one signing certificate per registered NIK."""

    def __init__(self) -> None:
        self.kunci = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        sekarang = dt.datetime.now(dt.UTC)
        subjek = _nama("Root CA BSrE Uji (palsu)")
        self.sertifikat = (
            x509.CertificateBuilder()
            .subject_name(subjek)
            .issuer_name(subjek)
            .public_key(self.kunci.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(sekarang - dt.timedelta(days=1))
            .not_valid_after(sekarang + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(_kegunaan(key_cert_sign=True, crl_sign=True), critical=True)
            .sign(self.kunci, hashes.SHA256())
        )

    @property
    def pem(self) -> str:
        return self.sertifikat.public_bytes(serialization.Encoding.PEM).decode()

    def penanda(self, nama: str) -> signers.SimpleSigner:
        kunci = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        sekarang = dt.datetime.now(dt.UTC)
        sertifikat = (
            x509.CertificateBuilder()
            .subject_name(_nama(nama))
            .issuer_name(self.sertifikat.subject)
            .public_key(kunci.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(sekarang - dt.timedelta(days=1))
            .not_valid_after(sekarang + dt.timedelta(days=365))
            .add_extension(
                _kegunaan(digital_signature=True, content_commitment=True), critical=True
            )
            .sign(self.kunci, hashes.SHA256())
        )
        p12 = pkcs12.serialize_key_and_certificates(
            b"bsre", kunci, sertifikat, [self.sertifikat], serialization.NoEncryption()
        )
        penanda = signers.SimpleSigner.load_pkcs12_data(p12, other_certs=[], passphrase=None)
        assert penanda is not None
        return penanda


@dataclass
class PenggunaPalsu:
    frasa: str
    status: str = "ISSUE"
    penanda: signers.SimpleSigner | None = None


@dataclass
class BsrePalsu:
    """Start with `mulai()`; `url` is its base address; `permintaan` what it was sent (the
    fields, without files); `gangguan` one of GANGGUAN, or None."""

    pengguna_api: str = "dinsos-uji"
    sandi_api: str = "sandi-api-uji"
    otoritas: OtoritasPalsu = field(default_factory=OtoritasPalsu)
    akun: dict[str, PenggunaPalsu] = field(default_factory=dict)
    gangguan: str | None = None
    lambat_detik: float = 3.0
    permintaan: list[dict[str, Any]] = field(default_factory=list)
    dokumen: dict[str, bytes] = field(default_factory=dict)
    _server: ThreadingHTTPServer | None = None
    _berhenti: bool = False

    def daftar(self, nik: str, frasa: str, *, nama: str = "Pejabat Uji", status: str = "ISSUE"):
        self.akun[nik] = PenggunaPalsu(frasa, status, self.otoritas.penanda(nama))

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def mulai(self, port: int = 0) -> BsrePalsu:
        palsu = self

        class Penangan(_Penangan):
            bsre = palsu

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Penangan)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def berhenti(self) -> None:
        if self._server is not None and not self._berhenti:
            self._berhenti = True
            self._server.shutdown()
            self._server.server_close()

    # -- the service's behaviour, shared by v1 and v2 ----------------------------------------
    def status(self, nik: str) -> str:
        akun = self.akun.get(nik)
        return akun.status if akun else "NOT_REGISTERED"

    def tandatangani(self, pdf: bytes, nik: str, frasa: str, tampil: dict[str, Any]):
        """(http code, error dict) or (200, signed PDF)."""
        akun = self.akun.get(nik)
        if akun is None:
            return 400, {"error": "User tidak terdaftar", "status_code": 2011}
        if akun.status != "ISSUE":
            return 400, {"error": f"Sertifikat user {akun.status}", "status_code": 2021}
        if frasa != akun.frasa:
            return 400, {"error": "Passphrase anda salah", "status_code": 2031}
        if not pdf.startswith(b"%PDF"):
            return 400, {"error": "File bukan PDF", "status_code": 2041}
        kotak = None
        if tampil["visible"]:
            tag = tampil.get("tag")
            if tag is not None:
                if len(tag) != 1:
                    return 400, {"error": "Tag koordinat harus 1 karakter", "status_code": 2052}
                kotak = cari_tag(pdf, tag, tampil["lebar"], tampil["tinggi"])
                if kotak is None:
                    return 400, {"error": "Tag koordinat tidak ditemukan", "status_code": 2051}
            else:
                kotak = tampil.get("kotak")
            if kotak is None:
                return 400, {"error": "Posisi tanda tangan tidak lengkap", "status_code": 2050}
            if not tampil.get("gambar") and not tampil.get("link_qr"):
                return 400, {"error": "Gambar atau linkQR wajib", "status_code": 2053}
        if self.gangguan == "tanpa_tanda":
            return 200, pdf
        if self.gangguan == "dokumen_lain":
            pdf = _pdf_lain()
        hasil = _tanda(pdf, akun.penanda, kotak, tampil)
        if self.gangguan == "ubah":
            ubah = bytearray(hasil)
            ubah[len(pdf) // 2] ^= 0x01
            hasil = bytes(ubah)
        return 200, hasil


def cari_tag(pdf: bytes, tag: str, lebar: float, tinggi: float):
    """(page index, box) of the tag's first occurrence: the box from the tag's baseline up."""
    temu: list[tuple[int, float, float]] = []
    for i, halaman in enumerate(PdfReader(io.BytesIO(pdf)).pages):

        def lihat(teks: str, cm: Any, tm: Any, _font: Any, _ukuran: Any, i: int = i) -> None:
            if tag in teks and not temu:
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                temu.append((i, x, y))

        halaman.extract_text(visitor_text=lihat)
        if temu:
            i, x, y = temu[0]
            return i, (int(x), int(y), int(x + lebar), int(y + tinggi))
    return None


def _tanda(pdf: bytes, penanda: Any, kotak: Any, tampil: dict[str, Any]) -> bytes:
    penulis = IncrementalPdfFileWriter(io.BytesIO(pdf))
    nama = f"BSrE_{uuid.uuid4().hex[:8]}"
    gaya = None
    if kotak is not None:
        halaman, box = kotak
        fields.append_signature_field(penulis, fields.SigFieldSpec(nama, on_page=halaman, box=box))
        latar = Image.open(io.BytesIO(tampil["gambar"])) if tampil.get("gambar") else None
        gaya = TextStampStyle(
            stamp_text="",
            background=PdfImage(latar) if latar is not None else None,
            border_width=0,
        )
    meta = signers.PdfSignatureMetadata(
        field_name=nama,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=tampil.get("reason") or None,
        location=tampil.get("location") or None,
    )
    keluar = signers.PdfSigner(meta, signer=penanda, stamp_style=gaya).sign_pdf(penulis)
    return keluar.getvalue()


def _pdf_lain() -> bytes:
    from weasyprint import HTML

    return HTML(string="<p>Surat lain ^</p>").write_pdf()


class _Penangan(BaseHTTPRequestHandler):
    bsre: BsrePalsu
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _jawab(self, kode: int, isi: bytes | dict[str, Any], kepala: dict[str, str] | None = None):
        if isinstance(isi, dict):
            badan, jenis = json.dumps(isi).encode(), "application/json"
        else:
            badan, jenis = isi, "application/pdf"
        self.send_response(kode)
        self.send_header("Content-Type", jenis)
        self.send_header("Content-Length", str(len(badan)))
        for k, v in (kepala or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(badan)

    def _izin(self) -> bool:
        harap = base64.b64encode(f"{self.bsre.pengguna_api}:{self.bsre.sandi_api}".encode())
        if self.headers.get("Authorization", "") != "Basic " + harap.decode():
            self._jawab(401, {"error": "Unauthorized", "status_code": 401})
            return False
        return True

    def _badan(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _ganggu(self) -> bool:
        g = self.bsre.gangguan
        if g == "lambat":
            time.sleep(self.bsre.lambat_detik)
        elif g in ("500", "502"):
            self._jawab(int(g), b"<html>Bad Gateway</html>")
            return True
        elif g == "alih":
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.1:1/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return True
        elif g == "sampah":
            self._jawab(200, b"<html>maintenance</html>")
            return True
        return False

    def do_GET(self) -> None:
        self.bsre.permintaan.append({"metode": "GET", "jalur": self.path})
        if not self._izin() or self._ganggu():
            return
        if self.path.startswith("/api/user/status/"):
            nik = self.path.rsplit("/", 1)[1]
            status = self.bsre.status(nik)
            if status == "NOT_REGISTERED":
                self._jawab(400, {"error": "User tidak terdaftar", "status_code": 2011})
            else:
                self._jawab(200, {"status_code": 1111, "status": status, "message": status})
        elif self.path.startswith("/api/sign/download/"):
            isi = self.bsre.dokumen.get(self.path.rsplit("/", 1)[1])
            self._jawab(200, isi) if isi else self._jawab(404, {"error": "Dokumen tidak ada"})
        else:
            self._jawab(404, {"error": "Not found"})

    def do_POST(self) -> None:
        badan = self._badan()
        if not self._izin():
            self.bsre.permintaan.append({"metode": "POST", "jalur": self.path})
            return
        rute = {
            "/api/sign/pdf": self._v1_tanda,
            "/api/v2/sign/pdf": self._v2_tanda,
            "/api/v2/user/check/status": self._v2_status,
        }
        fungsi = rute.get(self.path)
        if fungsi is None:
            self._jawab(404, {"error": "Not found"})
            return
        fungsi(badan)

    def _v1_tanda(self, badan: bytes) -> None:
        jenis = self.headers.get("Content-Type", "")
        if not jenis.startswith("multipart/form-data"):
            self._jawab(400, {"error": "Harus multipart/form-data", "status_code": 2040})
            return
        pesan = BytesParser(policy=HTTP).parsebytes(
            f"Content-Type: {jenis}\r\n\r\n".encode() + badan
        )
        medan: dict[str, str] = {}
        berkas: dict[str, bytes] = {}
        for bagian in pesan.iter_parts():
            nama = bagian.get_param("name", header="content-disposition")
            muatan = bagian.get_payload(decode=True)
            isi = muatan if isinstance(muatan, bytes) else b""
            if bagian.get_filename():
                berkas[str(nama)] = isi
            else:
                medan[str(nama)] = isi.decode()
        self.bsre.permintaan.append(
            {"metode": "POST", "jalur": self.path, "medan": medan, "berkas": sorted(berkas)}
        )
        if self._ganggu():
            return
        wajib = {"nik", "passphrase", "tampilan"} - medan.keys()
        if wajib or "file" not in berkas or medan["tampilan"] not in ("visible", "invisible"):
            self._jawab(400, {"error": f"Parameter kurang: {sorted(wajib)}", "status_code": 2040})
            return
        tampil: dict[str, Any] = {"visible": medan["tampilan"] == "visible"}
        if "tag_koordinat" in medan:
            tampil["tag"] = medan["tag_koordinat"]
        elif {"page", "xAxis", "yAxis", "width", "height"} <= medan.keys():
            x, y = float(medan["xAxis"]), float(medan["yAxis"])
            b = (int(x), int(y), int(x + float(medan["width"])), int(y + float(medan["height"])))
            tampil["kotak"] = (int(medan["page"]) - 1, b)
        tampil["lebar"] = float(medan.get("width") or 100)
        tampil["tinggi"] = float(medan.get("height") or 50)
        if medan.get("image") == "true":
            tampil["gambar"] = berkas.get("imageTTD")
        tampil["link_qr"] = medan.get("linkQR")
        tampil["reason"], tampil["location"] = medan.get("reason"), medan.get("location")
        kode, isi = self.bsre.tandatangani(
            berkas["file"], medan["nik"], medan["passphrase"], tampil
        )
        if kode != 200:
            self._jawab(kode, isi)
            return
        id_dokumen = uuid.uuid4().hex
        self.bsre.dokumen[id_dokumen] = isi
        self._jawab(200, isi, {"id_dokumen": id_dokumen})

    def _v2_json(self, badan: bytes) -> dict[str, Any] | None:
        if not self.headers.get("Content-Type", "").startswith("application/json"):
            self._jawab(400, {"error": "Harus application/json", "status_code": 2040})
            return None
        try:
            data = json.loads(badan)
        except ValueError:
            self._jawab(400, {"error": "JSON tidak valid", "status_code": 2040})
            return None
        return data if isinstance(data, dict) else None

    def _v2_status(self, badan: bytes) -> None:
        data = self._v2_json(badan)
        self.bsre.permintaan.append({"metode": "POST", "jalur": self.path, "json": data})
        if data is None or self._ganggu():
            return
        status = self.bsre.status(str(data.get("nik", "")))
        self._jawab(200, {"status": status, "message": status})

    def _v2_tanda(self, badan: bytes) -> None:
        data = self._v2_json(badan)
        if data is None:
            return
        catatan = {k: v for k, v in data.items() if k != "file"}
        self.bsre.permintaan.append({"metode": "POST", "jalur": self.path, "json": catatan})
        if self._ganggu():
            return
        sifat = (data.get("signatureProperties") or [{}])[0]
        berkas = data.get("file") or []
        if "nik" not in data or "passphrase" not in data or len(berkas) != 1:
            self._jawab(400, {"error": "Parameter kurang", "status_code": 2040})
            return
        tampil: dict[str, Any] = {"visible": sifat.get("tampilan") == "VISIBLE"}
        if "tag_koordinat" in sifat:
            tampil["tag"] = sifat["tag_koordinat"]
        elif {"page", "originX", "originY", "width", "height"} <= sifat.keys():
            x, y = float(sifat["originX"]), float(sifat["originY"])
            b = (int(x), int(y), int(x + float(sifat["width"])), int(y + float(sifat["height"])))
            tampil["kotak"] = (int(sifat["page"]) - 1, b)
        tampil["lebar"] = float(sifat.get("width") or 100)
        tampil["tinggi"] = float(sifat.get("height") or 50)
        if sifat.get("imageBase64"):
            tampil["gambar"] = base64.b64decode(sifat["imageBase64"])
        tampil["reason"], tampil["location"] = sifat.get("reason"), sifat.get("location")
        kode, isi = self.bsre.tandatangani(
            base64.b64decode(berkas[0]), str(data["nik"]), str(data["passphrase"]), tampil
        )
        if kode != 200:
            self._jawab(kode, isi)
            return
        waktu = dt.datetime.now(dt.UTC).isoformat()
        self._jawab(200, {"file": [base64.b64encode(isi).decode()], "time": waktu})
