"""Indonesian translations of the security strings (login lockout, size and rate limits, TLS);
see terjemahan.py."""

T = {
    "Too many failed log-in attempts": "Terlalu banyak percobaan masuk yang gagal",
    (
        "This account cannot log in from your address for %(menit)s minute after too many wrong passwords.",
        "This account cannot log in from your address for %(menit)s minutes after too many wrong passwords.",
    ): "Akun ini tidak dapat masuk dari alamat Anda selama %(menit)s menit karena terlalu banyak kata sandi yang salah.",
    "If you forgot your password, ask your office administrator: they can also unlock the account now.": "Jika Anda lupa kata sandi, hubungi administrator kantor Anda: ia juga dapat membuka kunci akun ini sekarang.",
    "Back to log in": "Kembali ke halaman masuk",
    "Too large": "Terlalu besar",
    "What you sent is too large": "Yang Anda kirim terlalu besar",
    "This page accepts at most %(batas)s. Nothing was received; go back and send a smaller file.": "Halaman ini menerima paling banyak %(batas)s. Tidak ada yang diterima; kembali dan kirim berkas yang lebih kecil.",
}
