"""Notifications: citizens and staff told what happened, by e-mail and WhatsApp, reliably.

An event (an application accepted, a letter signed or revoked) writes its messages into the
outbox (models.Pesan) in its own transaction, through one function (services.catat_peristiwa)
called from the step engine's hook (kait) and the letter services; the worker sends them after
commit (kirim), each claimed once, with retries and back-off. Channels sit behind one small
contract (saluran). See docs/notifikasi.md."""
