"""Indonesian translations of the UI's rough edges (issue "Right letters, right records", items
12-14): dates typed day-first, file inputs, step messages, labels."""

T = {
    # A table's row-number column; "No" alone is the answer to a yes/no question.
    "No.": "No",
    "full name": "nama lengkap",
    # templates/admin/search_form.html: Django's own, copied to translate the icon's alt text.
    ("%(counter)s result", "%(counter)s results"): "%(counter)s hasil",
    "%(full_result_count)s total": "%(full_result_count)s total",
    "Show all": "Tampilkan semua",
    # Dates typed day-first, and the calendar (layanan/forms/widgets.py, static/js/tanggal.js).
    "dd/mm/yyyy": "hh/bb/tttt",
    "Type a date that exists, day first: dd/mm/yyyy, e.g. 22/07/1992.": "Ketik tanggal yang ada, dengan hari lebih dulu: hh/bb/tttt, mis. 22/07/1992.",
    "Choose a date from the calendar": "Pilih tanggal dari kalender",
    "Calendar": "Kalender",
    "Previous month": "Bulan sebelumnya",
    "Next month": "Bulan berikutnya",
    "Month": "Bulan",
    "Year": "Tahun",
    "Today": "Hari ini",
    "Close": "Tutup",
    # File inputs (templates/partials/_pilih_berkas.html, static/js/berkas.js).
    "Choose file": "Pilih berkas",
    "No file chosen": "Belum ada berkas dipilih",
    "is larger than %(mb)s MB, the most a scan may be, so it was not sent. Make it smaller "
    "(scan at a lower resolution, or save the photo smaller), then choose it again.": "lebih besar dari %(mb)s MB, batas satu pindaian, sehingga tidak dikirim. Perkecil dulu "
    "(pindai dengan resolusi lebih rendah, atau simpan fotonya lebih kecil), lalu pilih lagi.",
    # The application page and the queue (issue 13).
    "Why the letter is revoked": "Alasan pencabutan surat",
    "(no number: not accepted, documents incomplete)": "(tanpa nomor: tidak diterima, berkas tidak lengkap)",
    "(no number yet)": "(belum bernomor)",
    # A step's success message (layanan/views/tugas.py): what was done, then what comes next.
    "Step %(nomor)s done": "Langkah %(nomor)s selesai",
    "Step %(nomor)s answered YES": "Langkah %(nomor)s dijawab YA",
    "Step %(nomor)s answered NO": "Langkah %(nomor)s dijawab TIDAK",
    "Step %(nomor)s initialled": "Langkah %(nomor)s diparaf",
    "Step %(nomor)s signed": "Langkah %(nomor)s ditandatangani",
    "Step %(nomor)s sent back": "Langkah %(nomor)s dikembalikan",
    "%(langkah)s; the application goes to %(peran)s to be initialled (step %(nomor)s).": "%(langkah)s; permohonan diteruskan ke %(peran)s untuk diparaf (langkah %(nomor)s).",
    "%(langkah)s; the application goes to %(peran)s to be signed (step %(nomor)s).": "%(langkah)s; permohonan diteruskan ke %(peran)s untuk ditandatangani (langkah %(nomor)s).",
    "%(langkah)s; the application goes to %(peran)s for a YES/NO decision (step %(nomor)s).": "%(langkah)s; permohonan diteruskan ke %(peran)s untuk diputuskan YA/TIDAK (langkah %(nomor)s).",
    "%(langkah)s; the application goes to %(peran)s for step %(nomor)s.": "%(langkah)s; permohonan diteruskan ke %(peran)s untuk langkah %(nomor)s.",
    "%(langkah)s; the application goes back to %(peran)s, step %(nomor)s.": "%(langkah)s; permohonan dikembalikan ke %(peran)s, langkah %(nomor)s.",
    "%(langkah)s; the applicant's own step %(nomor)s follows, recorded at the loket (%(peran)s).": "%(langkah)s; berikutnya langkah %(nomor)s oleh pemohon sendiri, dicatat di loket (%(peran)s).",
    "%(langkah)s; the application is finished: %(hasil)s.": "%(langkah)s; permohonan selesai: %(hasil)s.",
    "%(langkah)s.": "%(langkah)s.",
}
