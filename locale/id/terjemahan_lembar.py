"""Indonesian translations for the SOP sheet: its PDF and the time-limit warning."""

T = {
    "Download PDF": "Unduh PDF",
    "Page": "Halaman",
    "The steps' time standards add up to %(total)s, %(lebih)s more than the service's time limit "
    "of %(batas)s. Check the steps' times or the time limit.": "Jumlah standar waktu "
    "langkah-langkahnya %(total)s, %(lebih)s melebihi batas waktu layanan %(batas)s. Periksa "
    "standar waktu langkah atau batas waktu layanan.",
}
