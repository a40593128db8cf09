"""Fonnte (an Indonesian WhatsApp gateway): POST /send with the device token in Authorization,
form fields target and message; it answers 200 with {"status": false, "reason": …} on refusal."""

from __future__ import annotations

from layanan.notifikasi.saluran import HasilKirim, PesanKeluar
from layanan.notifikasi.saluran.http import Gagal, minta, tanpa_plus

ALAMAT = "https://api.fonnte.com"


class SaluranFonnte:
    def __init__(self, *, alamat: str, token: str):
        self.alamat, self.token = (alamat or ALAMAT).rstrip("/"), token

    def kirim(self, pesan: PesanKeluar) -> HasilKirim:
        if not self.token:
            return HasilKirim.ditolak("Fonnte: token missing")
        try:
            jawaban = minta(
                f"{self.alamat}/send",
                form={"target": tanpa_plus(pesan.penerima), "message": pesan.isi},
                headers={"Authorization": self.token},
            )
        except Gagal as exc:
            return exc.hasil
        if not isinstance(jawaban, dict) or not jawaban.get("status"):
            alasan = str(jawaban.get("reason") if isinstance(jawaban, dict) else jawaban)[:300]
            return HasilKirim.ditolak(f"Fonnte: {alasan}")
        ids = jawaban.get("id") or [""]
        return HasilKirim(True, id_penyedia=str(ids[0] if isinstance(ids, list) else ids))
