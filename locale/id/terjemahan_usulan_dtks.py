"""Indonesian translations of the DTKS proposals register (each checked person under their own
name); see terjemahan.py."""

T = {
    "People to propose to DTKS": "Orang yang diusulkan ke DTKS",
    "Everyone whose latest check found them not registered: applicants, and the people their "
    "applications name (a child, say), each under their own name. The office proposes them "
    "through SIKS-NG; the ministry decides.": "Setiap orang yang pada pengecekan terakhir tidak terdaftar: pemohon, dan orang yang "
    "disebut dalam permohonannya (misalnya anak), masing-masing dengan namanya sendiri. Kantor "
    "mengusulkan mereka melalui SIKS-NG; penetapannya oleh Kementerian Sosial.",
    "name not recorded": "nama tidak tercatat",
}
