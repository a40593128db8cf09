"""SMS through an HTTP gateway (the office's operator or aggregator): POST its address with a
bearer token and JSON {to, from, text, reference}; it answers {"id": …}. `reference` is our
message id, so a gateway that deduplicates by it never sends one twice."""

from __future__ import annotations

from layanan.notifikasi.saluran import HasilKirim, PesanKeluar
from layanan.notifikasi.saluran.http import Gagal, minta


class SaluranSms:
    def __init__(self, *, alamat: str, token: str, pengirim: str):
        self.alamat, self.token, self.pengirim = alamat, token, pengirim

    def kirim(self, pesan: PesanKeluar) -> HasilKirim:
        if not (self.alamat and self.token):
            return HasilKirim.ditolak("SMS: gateway address or token missing")
        data = {"to": pesan.penerima, "from": self.pengirim, "text": pesan.isi}
        try:
            jawaban = minta(
                self.alamat,
                json_data={**data, "reference": pesan.kunci},
                headers={"Authorization": f"Bearer {self.token}"},
            )
        except Gagal as exc:
            return exc.hasil
        if not isinstance(jawaban, dict) or not jawaban.get("id"):
            return HasilKirim.ditolak(f"SMS: unexpected answer {str(jawaban)[:200]}")
        return HasilKirim(True, id_penyedia=str(jawaban["id"]))
