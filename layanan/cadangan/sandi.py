"""Encryption of backup files: AES-256-GCM in 1 MiB chunks (the STREAM construction), so a file
of any size is encrypted and checked without holding it in memory.

A file is: MAGIC, a random 16-byte salt, then chunks, each a 4-byte length and the AES-GCM
ciphertext of up to 1 MiB. The file's key is HKDF-SHA256(master key, salt); each chunk's nonce is
its number and a last-chunk flag, so chunks cannot be reordered, dropped or the file cut short
without decryption failing. The master key (32 random bytes, URL-safe base64) comes from the
environment (DINSOS_CADANGAN_KUNCI) and is never written beside the backup.
"""

from __future__ import annotations

import base64
import io
import os
import struct
from collections.abc import Iterator
from typing import IO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"DINSOSC1"
POTONGAN = 1024 * 1024
_PANJANG = struct.Struct(">I")


class SandiGagal(Exception):
    """A wrong key, or a file changed, cut short or not a backup file."""


def kunci_baru() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def baca_kunci(teks: str) -> bytes:
    try:
        kunci = base64.urlsafe_b64decode(teks.strip().encode())
    except (ValueError, TypeError):
        kunci = b""
    if len(kunci) != 32:
        raise SandiGagal(
            "The backup key must be 32 bytes in URL-safe base64 (cadangkan --kunci-baru)."
        )
    return kunci


def _aead(kunci: bytes, garam: bytes) -> AESGCM:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=garam, info=b"dinsos-cadangan-1")
    return AESGCM(hkdf.derive(kunci))


def _nonce(nomor: int, akhir: bool) -> bytes:
    return nomor.to_bytes(11, "big") + (b"\x01" if akhir else b"\x00")


class PenulisSandi(io.RawIOBase):
    """A writable binary stream that encrypts into `tujuan`; close() writes the last chunk."""

    def __init__(self, tujuan: IO[bytes], kunci: bytes) -> None:
        super().__init__()
        self._tujuan = tujuan
        garam = os.urandom(16)
        self._aead = _aead(kunci, garam)
        self._kepala = MAGIC + garam
        tujuan.write(self._kepala)
        self._sisa = bytearray()
        self._nomor = 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self._sisa += data
        if len(self._sisa) > POTONGAN:
            isi = memoryview(self._sisa)
            awal = 0
            while len(self._sisa) - awal > POTONGAN:
                self._tulis(bytes(isi[awal : awal + POTONGAN]), akhir=False)
                awal += POTONGAN
            isi.release()
            del self._sisa[:awal]
        return len(data)

    def _tulis(self, isi: bytes, *, akhir: bool) -> None:
        sandi = self._aead.encrypt(_nonce(self._nomor, akhir), isi, self._kepala)
        self._tujuan.write(_PANJANG.pack(len(sandi)) + sandi)
        self._nomor += 1

    def close(self) -> None:
        if not self.closed:
            self._tulis(bytes(self._sisa), akhir=True)
            self._sisa.clear()
            self._tujuan.flush()
        super().close()


def _baca_pas(sumber: IO[bytes], n: int) -> bytes:
    data = sumber.read(n)
    if len(data) != n:
        raise SandiGagal("The backup file is cut short.")
    return data


def dekripsi(sumber: IO[bytes], kunci: bytes) -> Iterator[bytes]:
    """The plaintext, chunk by chunk; raises SandiGagal before yielding anything unverified."""
    kepala = sumber.read(len(MAGIC) + 16)
    if len(kepala) != len(MAGIC) + 16 or not kepala.startswith(MAGIC):
        raise SandiGagal("Not a backup file of Layanan Dinsos.")
    aead = _aead(kunci, kepala[len(MAGIC) :])
    nomor = 0
    while True:
        panjang = sumber.read(_PANJANG.size)
        if not panjang:
            raise SandiGagal("The backup file is cut short.")
        sandi = _baca_pas(sumber, _PANJANG.unpack(panjang)[0])
        for akhir in (False, True):
            try:
                isi = aead.decrypt(_nonce(nomor, akhir), sandi, kepala)
            except InvalidTag:
                continue
            break
        else:
            raise SandiGagal("Wrong backup key, or the backup file was changed.")
        yield isi
        if akhir:
            if sumber.read(1):
                raise SandiGagal("The backup file has data after its end.")
            return
        nomor += 1


class PembacaSandi(io.RawIOBase):
    """A readable binary stream over dekripsi(), for the deserializer."""

    def __init__(self, sumber: IO[bytes], kunci: bytes) -> None:
        super().__init__()
        self._potongan = dekripsi(sumber, kunci)
        self._sisa = memoryview(b"")  # a view: a read takes a slice without copying the rest

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray) -> int:  # type: ignore[override]
        while not self._sisa:
            try:
                self._sisa = memoryview(next(self._potongan))
            except StopIteration:
                return 0
        n = min(len(b), len(self._sisa))
        b[:n] = self._sisa[:n]
        self._sisa = self._sisa[n:]
        return n
