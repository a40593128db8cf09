"""A case file (perkara) walked through an office's SOP: the smallest JalanSop there is."""

from django.db import models

from layanan.models import Kantor, Layanan
from layanan.models.jalan import JalanSop, RiwayatLangkahDasar, indeks_kotak_tugas


class Perkara(JalanSop):
    kantor = models.ForeignKey(Kantor, on_delete=models.PROTECT, related_name="+")
    layanan = models.ForeignKey(Layanan, on_delete=models.PROTECT, related_name="+")
    judul = models.CharField(max_length=100)
    dibuat_pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [indeks_kotak_tugas("perkara_kotak_tugas")]  # its inbox, as an application's


class RiwayatPerkara(RiwayatLangkahDasar):
    perkara = models.ForeignKey(Perkara, on_delete=models.PROTECT, related_name="riwayat")
