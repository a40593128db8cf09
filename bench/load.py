"""Production load (issue 17): gunicorn with the production settings on PostgreSQL and an S3
server, measured by a load generator on the same machine in the same run.

    python bench/load.py                 # a throwaway PostgreSQL (bin/pg-sementara) unless
                                         # DATABASE_URL names a PostgreSQL server
    python bench/load.py --seconds 20 --letters 200

Two gunicorn instances of two workers each and one db_worker share one fresh database and one
moto S3 server on loopback (tests/klaster.py, the multi-node test's deployment). Prints one
`name value` line per figure:

- `trivial.rps`, `inbox.rps`, `inbox.ratio`: requests per second, for `--seconds` each (in
  interleaved slices), from `--clients` concurrent clients on one instance, of a trivial view
  and of a signer's inbox (`/tugas/`, Solok's Kepala Dinas with the letters' applications
  waiting), both asked by the same signed-in signer; the target ratio is at least 0.5. The
  trivial view is `/favicon.ico`, Django's RedirectView through every middleware (WhiteNoise
  does not serve it): with the signer's cookie it costs what any request of theirs costs
  (session, user, office), which is what the inbox is compared with. `trivial.anonymous_rps`:
  the same view without a cookie, for reference;
- `download.rss_growth_mb_100`: growth of the instance's gunicorn workers' resident memory over
  100 downloads of a `--scan-mb` scan stored in the bucket (streamed: flat);
- `numbering.duplicates`, `numbering.gaps`: `--letters` letters signed by concurrent clients,
  half in Solok and half in Blitar, alternating between the two instances (both must be 0);
  `numbering.refused` counts signings the product refused (the signer would read why: printed
  on stderr), `numbering.seconds` how long they took.
"""

from __future__ import annotations

import argparse
import http.client
import io
import os
import re
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(AKAR))

from tests.klaster import FRASA_TTD, Klaster  # noqa: E402


def _rps(port: int, jalur: str, cookie: str, klien: int, detik: float) -> float:
    """Requests per second of `klien` threads asking for `jalur` for `detik` seconds."""
    selesai = [0] * klien
    akhir = time.monotonic() + detik

    def jalan(n: int) -> None:
        while time.monotonic() < akhir:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            c.request("GET", jalur, headers={"Cookie": cookie})
            jawab = c.getresponse()
            jawab.read()
            c.close()
            assert jawab.status in (200, 301), (jalur, jawab.status)
            selesai[n] += 1

    mulai = time.monotonic()
    utas = [threading.Thread(target=jalan, args=(n,)) for n in range(klien)]
    for u in utas:
        u.start()
    for u in utas:
        u.join()
    return sum(selesai) / (time.monotonic() - mulai)


def _bandingkan(
    port: int, jalur: list[tuple[str, str]], klien: int, detik: float, putaran: int = 6
) -> list[float]:
    """Requests per second of each (path, cookie), measured in `putaran` interleaved slices of
    `detik / putaran` seconds each: on a shared machine the load of other work changes within
    a run, and both sides of a ratio should meet the same changes (STACK.md: "compare ratios
    from one run")."""
    jumlah = [0.0] * len(jalur)
    for _ in range(putaran):
        for i, (j, cookie) in enumerate(jalur):
            jumlah[i] += _rps(port, j, cookie, klien, detik / putaran) * (detik / putaran)
    return [n / detik for n in jumlah]


def _cookie(sesi) -> str:
    return "; ".join(f"{k}={v}" for k, v in sesi.cookies.items())


def _pekerja(master: int) -> list[str]:
    """A gunicorn master's workers (its children)."""
    return sorted(Path(f"/proc/{master}/task/{master}/children").read_text().split())


def _rss_mb(master: int) -> float:
    """Resident memory of a gunicorn master's workers, in MB."""
    halaman = os.sysconf("SC_PAGE_SIZE")
    return sum(
        int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * halaman for pid in _pekerja(master)
    ) / (1024 * 1024)


def _scan_besar(mb: float) -> bytes:
    """A PNG of noise (it does not compress) of about `mb` megabytes."""
    from PIL import Image

    sisi = int((mb * 1024 * 1024 / 3) ** 0.5)
    keluar = io.BytesIO()
    Image.frombytes("RGB", (sisi, sisi), os.urandom(sisi * sisi * 3)).save(keluar, "PNG")
    return keluar.getvalue()


def ukur_unduhan(k: Klaster, data: dict, mb: float) -> float:
    loket = data["loket"]
    petugas = k.masuk(0, "blitar.petugas")
    isi = _scan_besar(mb)
    jawab = petugas.kirim(
        "/loket/baru/kip/", loket["data"], files={loket["berkas"]: ("scan.png", isi, "image/png")}
    )
    assert jawab.status_code == 302, jawab.text[:500]
    ((scan_pk, pk),) = k.sql(
        "SELECT id, permohonan_id FROM layanan_pindaian ORDER BY id DESC LIMIT 1"
    )
    jalur = f"/permohonan/{pk}/pindaian/{scan_pk}/"
    cookie = _cookie(petugas)

    def unduh() -> int:
        c = http.client.HTTPConnection("127.0.0.1", k.port[0], timeout=120)
        c.request("GET", jalur, headers={"Cookie": cookie})
        jawab = c.getresponse()
        n = 0
        while blok := jawab.read(256 * 1024):
            n += len(blok)
        c.close()
        return n

    master = k.gunicorn[0].pid  # type: ignore[union-attr]
    for _ in range(3):
        # Every worker has served downloads (imports, connections, buffers) before measuring:
        # concurrently, since sequential requests may all be taken by the same worker.
        with ThreadPoolExecutor(4) as kolam:
            list(kolam.map(lambda _: unduh(), range(12)))
        pekerja, sebelum = _pekerja(master), _rss_mb(master)
        for _ in range(100):
            assert unduh() > mb * 1024 * 1024 * 0.9
        if _pekerja(master) == pekerja:
            return _rss_mb(master) - sebelum
        # gunicorn replaced a worker meanwhile (max_requests, after the rps runs' thousands of
        # requests): a fresh process's memory against an old one's says nothing; again.
        print("# a worker was replaced during the downloads: measured again", file=sys.stderr)
    raise RuntimeError("gunicorn replaced a worker during every attempt")


def ukur_penomoran(k: Klaster, data: dict, klien: int) -> tuple[int, int, float, int]:
    tugas = []
    sesi = {}
    for daftar in data["tanda_tangan"].values():
        for n, s in enumerate(daftar):
            i = n % 2
            kunci = (s["penanda"], i)
            if kunci not in sesi:
                sesi[kunci] = k.masuk(i, s["penanda"])
            tugas.append((sesi[kunci], i, s))
    tugas.sort(key=lambda t: t[2]["pk"] % 7)  # the two offices interleaved

    def tanda(t) -> str:
        s, i, surat = t
        jawab = s.kirim(
            f"/permohonan/{surat['pk']}/surat/tandatangani/",
            {
                "frasa_sandi": FRASA_TTD,
                "versi": surat["versi"],
                "sidik_konsep": surat["sidik_konsep"],
            },
            i,
        )
        if jawab.status_code == 302 and jawab.headers["Location"] != f"/permohonan/{surat['pk']}/":
            return "ok"
        # Refused: the application's page says why (the message the signer would read).
        halaman = s.buka(f"/permohonan/{surat['pk']}/", i).text
        pesan = re.findall(r'class="alert[^"]*"[^>]*>\s*(.*?)\s*<', halaman, re.S)
        return f"{jawab.status_code} {pesan[:1]}"

    mulai = time.monotonic()
    with ThreadPoolExecutor(klien) as kolam:
        kode = list(kolam.map(tanda, tugas))
    detik = time.monotonic() - mulai
    ditolak = Counter(k for k in kode if k != "ok")
    for alasan, n in ditolak.most_common(3):
        print(f"# refused {n}: {alasan}", file=sys.stderr)
    ganda = celah = 0
    for (kantor,) in k.sql("SELECT DISTINCT kantor_id FROM layanan_surat"):
        urutan = [
            u
            for (u,) in k.sql(
                "SELECT urutan FROM layanan_surat WHERE kantor_id = %s "
                "AND tahun = extract(year FROM now())",
                kantor,
            )
        ]
        ganda += len(urutan) - len(set(urutan))
        celah += max(urutan, default=0) - len(set(urutan))
    ditandatangani = k.sql(
        "SELECT count(*) FROM layanan_surat WHERE permohonan_id = ANY(%s)",
        [t[2]["pk"] for t in tugas],
    )[0][0]
    assert ditandatangani == kode.count("ok"), (ditandatangani, kode.count("ok"))
    return ganda, celah, detik, sum(ditolak.values())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--letters", type=int, default=200)
    parser.add_argument("--scan-mb", type=float, default=4.5)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        perintah = [str(AKAR / "bin" / "pg-sementara"), sys.executable, *sys.argv]
        os.execv(perintah[0], perintah)
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        k = Klaster(Path(tmp), os.environ["DATABASE_URL"], proses_gunicorn=2, pekerja=1)
        try:
            mulai = time.monotonic()
            setengah = args.letters // 2
            data = k.mulai(
                {
                    "tanda_tangan": {"solok": setengah, "blitar": args.letters - setengah},
                    "loket": "blitar",
                }
            )
            print(f"# set up in {time.monotonic() - mulai:.0f} s", file=sys.stderr)
            penanda = data["tanda_tangan"]["solok"][0]["penanda"]
            kadin = _cookie(k.masuk(0, penanda))
            _rps(k.port[0], "/tugas/", kadin, args.clients, 2)  # warm
            trivial, kotak, anonim = _bandingkan(
                k.port[0],
                [("/favicon.ico", kadin), ("/tugas/", kadin), ("/favicon.ico", "")],
                args.clients,
                args.seconds,
            )
            print(f"trivial.rps {trivial:.0f}")
            print(f"inbox.rps {kotak:.0f}")
            print(f"inbox.ratio {kotak / trivial:.2f}")
            print(f"trivial.anonymous_rps {anonim:.0f}")
            print(f"download.rss_growth_mb_100 {ukur_unduhan(k, data, args.scan_mb):.1f}")
            ganda, celah, detik, ditolak = ukur_penomoran(k, data, args.clients * 2)
            print(f"numbering.duplicates {ganda}")
            print(f"numbering.gaps {celah}")
            print(f"numbering.refused {ditolak}")
            print(f"numbering.seconds {detik:.1f}")
        finally:
            k.berhenti()


if __name__ == "__main__":
    main()
