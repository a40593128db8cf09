"""The development channel: a message is written to the log, and counts as sent."""

from __future__ import annotations

import logging

from layanan.notifikasi.saluran import HasilKirim, PesanKeluar

logger = logging.getLogger("layanan.notifikasi")


class SaluranLog:
    def kirim(self, pesan: PesanKeluar) -> HasilKirim:
        logger.info("notifikasi %s → %s: %s", pesan.kunci, pesan.penerima, pesan.isi)
        return HasilKirim(True, id_penyedia=f"log-{pesan.kunci}")
