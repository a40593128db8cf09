"""Indonesian translations of the DTKS strings (sources, checks, imports); see terjemahan.py."""

T = {
    "The timeout must be between 0.5 and 15 seconds.": "Batas waktu harus antara 0,5 dan 15 detik.",
    "The longest one lookup may take, retries included (0.5–15 seconds).": "Waktu terlama untuk satu pencarian, termasuk percobaan ulang (0,5–15 detik).",
    "The check ran out of time before this lookup could be made.": "Pemeriksaan kehabisan waktu sebelum pencarian ini sempat dilakukan.",
    "The source did not answer within %(s)s seconds.": "Sumber tidak menjawab dalam %(s)s detik.",
}
