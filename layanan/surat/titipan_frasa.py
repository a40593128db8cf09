"""The passphrase of a batch that the worker signs, handed over so that nothing keeps it.

The signing passphrase must reach another process (the worker) yet never be left anywhere
readable later. The scheme:

1. The request checks the passphrase opens the signer's certificate (a typo is told at once),
   then encrypts it with a fresh random key (Fernet: AES-128-CBC with an HMAC-SHA256, and a
   timestamp). The ciphertext goes into the batch row; the key into the shared cache only, for
   `DINSOS_BATCH_KUNCI_DETIK` seconds (5 minutes). The task's own arguments hold only the
   batch's id, so the task-result table never sees either.
2. The worker, picking the batch up, reads and deletes the key from the cache and blanks the
   ciphertext in the row in one transaction, before it signs the first letter (a database
   constraint holds the ciphertext to queued batches). From then on the passphrase lives only
   in the worker's memory, for the run of that batch, as it lived in the request's before.
3. A key gone or expired (the worker did not start in time), or a ciphertext older than the same
   limit, fails the batch before anything is signed, asking the signer to type the passphrase
   again. A queued batch past the limit is blanked the same way by the next batch queued or run.
4. The passphrase is never logged, never a task's result and never in an exception's message;
   the few tracebacks the worker writes are scrubbed of it (`tanpa_frasa`).

Both halves are in one database while the batch waits (the cache is a database table in the
default setup), so a copy of the database taken in those minutes could open it; after pickup
neither half exists. A cache on another server (Redis, Memcached) separates them for that time.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.cache import cache


def _kunci_cache(batch_id: int) -> str:
    return f"batch-tugas:{batch_id}:kunci"


def titipkan(*, batch_id: int, frasa_sandi: str) -> str:
    """Puts a fresh key in the cache for this batch; returns the passphrase's ciphertext."""
    kunci = Fernet.generate_key()
    cache.set(_kunci_cache(batch_id), kunci, timeout=settings.DINSOS_BATCH_KUNCI_DETIK)
    return Fernet(kunci).encrypt(frasa_sandi.encode()).decode()


def ambil_kunci(batch_id: int) -> bytes | None:
    """The worker's side: the batch's key, taken out of the cache (None when gone or expired)."""
    kunci = cache.get(_kunci_cache(batch_id))
    cache.delete(_kunci_cache(batch_id))
    return kunci if isinstance(kunci, bytes) else None


def buang_kunci(batch_id: int) -> None:
    cache.delete(_kunci_cache(batch_id))


def buka(tersandi: str, kunci: bytes | None) -> str | None:
    """The passphrase again, or None when the key is missing or the ciphertext too old."""
    if not tersandi or kunci is None:
        return None
    try:
        teks = Fernet(kunci).decrypt(tersandi.encode(), ttl=settings.DINSOS_BATCH_KUNCI_DETIK)
    except (InvalidToken, ValueError):
        return None
    return teks.decode()


def tanpa_frasa(teks: str, frasa_sandi: str | None) -> str:
    """Any text the worker writes down (a traceback), with the passphrase blotted out."""
    return teks.replace(frasa_sandi, "[frasa sandi]") if frasa_sandi else teks
