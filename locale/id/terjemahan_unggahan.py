"""Indonesian translations of the scan checks (layanan/unggahan.py): active PDFs, image bombs."""

T = {
    "The PDF contains a script (JavaScript or an XFA form), which is not accepted. Print it to a "
    "new PDF or scan the paper instead.": "PDF memuat skrip (JavaScript atau formulir XFA), yang tidak diterima. Cetak ulang ke "
    "PDF baru atau pindai kertasnya.",
    "The PDF runs an action by itself when it is opened or viewed (opening a web address, another "
    "file or a network folder, sending data...), which is not accepted. Print it to a new PDF or "
    "scan the paper instead.": "PDF menjalankan tindakan dengan sendirinya saat dibuka atau dilihat (membuka alamat "
    "web, berkas lain atau folder jaringan, mengirim data, dan sebagainya), yang tidak diterima. "
    "Cetak ulang ke PDF baru atau pindai kertasnya.",
    "The PDF contains a link or button that starts a program, opens another file or a network "
    "folder, sends data or plays media, which is not accepted. Print it to a new PDF or scan the "
    "paper instead.": "PDF memuat tautan atau tombol yang menjalankan program, membuka berkas lain atau "
    "folder jaringan, mengirim data, atau memutar media, yang tidak diterima. Cetak ulang ke PDF "
    "baru atau pindai kertasnya.",
    "The PDF carries embedded files or media, which are not accepted. Print it to a new PDF or "
    "scan the paper instead.": "PDF memuat berkas sisipan atau media, yang tidak diterima. Cetak ulang ke PDF baru "
    "atau pindai kertasnya.",
    "The PDF has too many parts or revisions to be checked. Print it to a new PDF or scan the "
    "paper instead.": "PDF ini terlalu banyak bagian atau revisinya sehingga tidak dapat diperiksa. Cetak "
    "ulang ke PDF baru atau pindai kertasnya.",
    "The image is too large: more than %(piksel)s pixels (width × height). Scan it at a lower "
    "resolution (300 dpi is plenty) and try again.": "Gambar terlalu besar: lebih dari %(piksel)s piksel (lebar × tinggi). Pindai ulang "
    "dengan resolusi lebih rendah (300 dpi sudah cukup) lalu coba lagi.",
}
