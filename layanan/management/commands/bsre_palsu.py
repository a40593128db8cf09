"""`manage.py bsre_palsu --kantor blitar`: for the demo only, run the fake BSrE service of the
tests on loopback and switch an office to it: its root trusted (a superuser's act, done here for
the demo), each signing official given a demo NIK registered with the demo passphrase. Prints the
environment the web server needs (DINSOS_BSRE_ALAMAT and the credentials), then serves until
interrupted. Never in production: the fake's certificate authority is made up on each start."""

from __future__ import annotations

import os
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from layanan.demo import FRASA_TTD_DEMO
from layanan.models import Kantor, OtoritasSertifikat, Pejabat, PengaturanBsre

NAMA_AKAR = "Root BSrE palsu (demo)"


class Command(BaseCommand):
    help = "Demo only: run the fake BSrE service and switch an office to it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kantor", default="blitar")
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--versi", choices=["v1", "v2"], default="v1")

    def handle(self, *args: Any, **opsi: Any) -> None:
        if not settings.DEBUG and not os.environ.get("DINSOS_DEMO"):
            raise CommandError("Demo only: run with DJANGO_DEBUG=1 (or DINSOS_DEMO=1).")
        from cryptography import x509

        from layanan.surat.tanda_tangan.otoritas import otoritas_tambah
        from tests.bsre_palsu import BsrePalsu

        kantor = Kantor.objects.get(kode=opsi["kantor"])
        palsu = BsrePalsu().mulai(opsi["port"])
        OtoritasSertifikat.objects.filter(nama=NAMA_AKAR).delete()
        sertifikat = x509.load_pem_x509_certificate(palsu.otoritas.pem.encode())
        otoritas_tambah(nama=NAMA_AKAR, sertifikat=sertifikat, oleh=None)
        for i, pejabat in enumerate(Pejabat.objects.filter(kantor=kantor, aktif=True), start=1):
            nik = pejabat.nik or f"{kantor.pk:04d}0101700{i:03d}"[-16:].rjust(16, "3")
            Pejabat.objects.filter(pk=pejabat.pk).update(nik=nik)
            palsu.daftar(nik, FRASA_TTD_DEMO, nama=pejabat.nama)
        PengaturanBsre.objects.update_or_create(
            kantor=kantor,
            defaults={"aktif": True, "versi": opsi["versi"], "alamat": palsu.url},
        )
        self.stdout.write(
            f"Fake BSrE {opsi['versi']} at {palsu.url} for {kantor}. Start the web server with:\n"
            f"  DINSOS_BSRE_ALAMAT={palsu.url} DINSOS_BSRE_PENGGUNA={palsu.pengguna_api} "
            f"DINSOS_BSRE_SANDI={palsu.sandi_api}\n"
            f"Officials sign with the demo passphrase. Ctrl-C stops it."
        )
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            palsu.berhenti()
