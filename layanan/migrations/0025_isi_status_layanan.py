"""Every service that took applications stays active; one switched off is withdrawn."""

from django.db import migrations


def isi_status(apps, schema_editor):
    for nama in ("Layanan", "HistoricalLayanan"):
        model = apps.get_model("layanan", nama)
        model.objects.filter(aktif=True).update(status="aktif")
        model.objects.filter(aktif=False).update(status="ditarik")


def kembalikan(apps, schema_editor):
    for nama in ("Layanan", "HistoricalLayanan"):
        model = apps.get_model("layanan", nama)
        model.objects.update(aktif=False)
        model.objects.filter(status="aktif").update(aktif=True)


class Migration(migrations.Migration):
    dependencies = [
        ("layanan", "0024_layanan_status"),
    ]

    operations = [migrations.RunPython(isi_status, kembalikan, elidable=True)]
