"""Step records written before the engine copied the subject's office and SOP onto them: copied
from their application or complaint."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def isi(apps, schema_editor):
    for riwayat, subjek, kolom in (
        ("RiwayatLangkah", "Permohonan", "permohonan_id"),
        ("RiwayatPengaduan", "Pengaduan", "pengaduan_id"),
    ):
        Riwayat = apps.get_model("layanan", riwayat)
        Subjek = apps.get_model("layanan", subjek)
        milik = Subjek.objects.filter(pk=OuterRef(kolom))
        Riwayat.objects.filter(kantor__isnull=True).update(
            kantor_id=Subquery(milik.values("kantor_id")[:1]),
            layanan_id=Subquery(milik.values("layanan_id")[:1]),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("layanan", "0038_riwayat_kantor_layanan"),
    ]

    operations = [migrations.RunPython(isi, migrations.RunPython.noop, elidable=True)]
