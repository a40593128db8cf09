"""The e-mail channel: Django's mail (EMAIL_BACKEND, any SMTP server), plain text."""

from __future__ import annotations

import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.message import make_msgid

from layanan.notifikasi.saluran import HasilKirim, PesanKeluar

# The server answered, and refused this recipient or the message: sending again will not help.
DITOLAK = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


class SaluranEmail:
    def kirim(self, pesan: PesanKeluar) -> HasilKirim:
        # Our own Message-ID, so the provider's id is known before the server answers.
        msgid = make_msgid(idstring=pesan.kunci, domain=_domain())
        email = EmailMessage(
            subject=pesan.subjek,
            body=pesan.isi,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[pesan.penerima],
            headers={"Message-ID": msgid, "Auto-Submitted": "auto-generated"},
        )
        try:
            terkirim = email.send(fail_silently=False)
        except DITOLAK as exc:
            if isinstance(exc, smtplib.SMTPDataError) and 400 <= exc.smtp_code < 500:
                return HasilKirim.gagal_sementara(f"SMTP {exc.smtp_code}: {exc.smtp_error!r}")
            return HasilKirim.ditolak(f"{type(exc).__name__}: {exc}")
        except (TimeoutError, smtplib.SMTPException, OSError) as exc:
            return HasilKirim.gagal_sementara(f"{type(exc).__name__}: {exc}")
        if not terkirim:
            return HasilKirim.gagal_sementara("not sent")
        return HasilKirim(True, id_penyedia=msgid)


def _domain() -> str:
    alamat = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)
    return alamat[1].strip(">") if len(alamat) == 2 else "localhost"
