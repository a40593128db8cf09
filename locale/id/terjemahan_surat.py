"""Indonesian for letters that say what is true: deciding persons, signature blocks, hand-over."""

T = {
    "The applicant": "Pemohon",
    "The person of one service field (e.g. the child)": "Orang pada satu isian layanan (mis. anak)",
    "Everyone checked: all must be registered": "Semua yang dicek: semuanya harus terdaftar",
    "Everyone checked: one registered is enough": "Semua yang dicek: cukup satu terdaftar",
    "public name": "nama publik",
    "The service as citizens read it on receipts, the status page and letters, e.g. “Pengaduan Penerima Bantuan Pangan Non Tunai (BPNT)”. Empty: the short name.": "Nama layanan sebagaimana dibaca warga pada tanda terima, halaman status, dan surat, mis. “Pengaduan Penerima Bantuan Pangan Non Tunai (BPNT)”. Kosong: nama singkat.",
    "whose DTKS result decides": "hasil DTKS siapa yang menentukan",
    "Decides the DTKS YES/NO step and which letter (registered or not) is drafted.": "Menentukan langkah YA/TIDAK DTKS dan surat mana (terdaftar atau tidak) yang dikonsep.",
    "deciding field": "isian penentu",
    "Code of the NIK field whose person decides, when that is the rule.": "Kode isian NIK yang orangnya menentukan, bila itu aturannya.",
    "Name the field whose person decides.": "Sebutkan isian yang orangnya menentukan.",
    "Holds the position": "Pejabat definitif",
    "Plt. (acting, pelaksana tugas)": "Plt. (pelaksana tugas)",
    "Plh. (daily stand-in, pelaksana harian)": "Plh. (pelaksana harian)",
    "holds the position as": "kedudukan",
    "signs on behalf of (a.n.)": "menandatangani atas nama (a.n.)",
    "The head's position, as written, when this official signs for them, e.g. “Kepala Dinas Sosial Kota Blitar”. Empty: signs in their own name.": "Jabatan pimpinan, sebagaimana ditulis, bila pejabat ini menandatangani atas namanya, mis. “Kepala Dinas Sosial Kota Blitar”. Kosong: menandatangani atas nama sendiri.",
    "through (u.b.)": "untuk beliau (u.b.)",
    "For u.b.: the position between the head and this official, e.g. “Sekretaris”.": "Untuk u.b.: jabatan di antara pimpinan dan pejabat ini, mis. “Sekretaris”.",
    "u.b. is used only with a.n.": "u.b. hanya dipakai bersama a.n.",
    "handed over at": "diserahkan pada",
    "received by": "diterima oleh",
    "The letter was revoked: its replacement must be signed before it is handed over.": "Surat sudah dicabut: surat penggantinya harus ditandatangani sebelum diserahkan.",
    "It was replaced by a new letter under a new number.": "Surat ini telah diganti dengan surat baru bernomor baru.",
    "The replacement was handed over on %(tanggal)s.": "Surat pengganti telah diserahkan pada %(tanggal)s.",
    "The replacement has not been handed over yet.": "Surat pengganti belum diserahkan.",
    "The draft follows these DTKS results": "Konsep surat mengikuti hasil DTKS berikut",
    "does not decide": "tidak menentukan",
}
T.update(
    {
        "Signed and issued": "Ditandatangani dan diterbitkan",
        "Replaced": "Diganti",
        "Handed over": "Diserahkan",
        "letter record": "catatan surat",
        "letter records": "catatan surat",
        "at": "pada",
    }
)
