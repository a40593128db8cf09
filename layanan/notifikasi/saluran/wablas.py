"""Wablas (an Indonesian WhatsApp gateway): POST {server}/api/send-message with the token in
Authorization, form fields phone and message; {"status": true, "data": {"messages": [{"id"}]}}."""

from __future__ import annotations

from layanan.notifikasi.saluran import HasilKirim, PesanKeluar
from layanan.notifikasi.saluran.http import Gagal, minta, tanpa_plus

ALAMAT = "https://solo.wablas.com"


class SaluranWablas:
    def __init__(self, *, alamat: str, token: str):
        self.alamat, self.token = (alamat or ALAMAT).rstrip("/"), token

    def kirim(self, pesan: PesanKeluar) -> HasilKirim:
        if not self.token:
            return HasilKirim.ditolak("Wablas: token missing")
        try:
            jawaban = minta(
                f"{self.alamat}/api/send-message",
                form={"phone": tanpa_plus(pesan.penerima), "message": pesan.isi},
                headers={"Authorization": self.token},
            )
        except Gagal as exc:
            return exc.hasil
        if not isinstance(jawaban, dict) or not jawaban.get("status"):
            alasan = str(jawaban.get("message") if isinstance(jawaban, dict) else jawaban)
            return HasilKirim.ditolak(f"Wablas: {alasan[:300]}")
        try:
            return HasilKirim(True, id_penyedia=str(jawaban["data"]["messages"][0]["id"]))
        except (KeyError, IndexError, TypeError):
            return HasilKirim(True)
