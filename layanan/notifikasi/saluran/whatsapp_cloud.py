"""WhatsApp Cloud API (Meta): a business-initiated message must be an approved template, so the
message goes as its template's name with the body's parameters (our rendered text is kept in
the outbox for staff, not sent). POST {base}/{phone-number-id}/messages with a bearer token."""

from __future__ import annotations

from layanan.notifikasi.saluran import HasilKirim, PesanKeluar
from layanan.notifikasi.saluran.http import Gagal, minta, tanpa_plus

ALAMAT = "https://graph.facebook.com/v21.0"


class SaluranWhatsappCloud:
    def __init__(self, *, alamat: str, nomor_id: str, token: str, bahasa: str = "id"):
        self.alamat = (alamat or ALAMAT).rstrip("/")
        self.nomor_id, self.token, self.bahasa = nomor_id, token, bahasa

    def kirim(self, pesan: PesanKeluar) -> HasilKirim:
        if not (self.nomor_id and self.token and pesan.templat):
            return HasilKirim.ditolak("WhatsApp Cloud: phone number id, token or template missing")
        data = {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": tanpa_plus(pesan.penerima),
            "type": "template",
            "template": {
                "name": pesan.templat,
                "language": {"code": self.bahasa},
                "components": [
                    {
                        "type": "body",
                        "parameters": [{"type": "text", "text": p} for p in pesan.parameter],
                    }
                ],
            },
        }
        try:
            jawaban = minta(
                f"{self.alamat}/{self.nomor_id}/messages",
                json_data=data,
                headers={"Authorization": f"Bearer {self.token}"},
            )
        except Gagal as exc:
            return exc.hasil
        try:
            return HasilKirim(True, id_penyedia=str(jawaban["messages"][0]["id"]))
        except (KeyError, IndexError, TypeError):
            return HasilKirim.ditolak(f"unexpected answer: {str(jawaban)[:200]}")
