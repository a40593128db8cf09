"""Walks under way get their current step's time standard, read from their own SOP snapshot
(`alur`), as the engine now writes it on entering a step."""

from django.db import migrations

UKURAN = 2000


def _menit(alur, nomor):
    langkah = (alur or {}).get("langkah", [])
    return next((s.get("menit") for s in langkah if s.get("nomor") == nomor), None)


def isi(apps, schema_editor):
    Permohonan = apps.get_model("layanan", "Permohonan")
    berjalan = Permohonan.objects.filter(langkah_nomor__isnull=False).only("alur", "langkah_nomor")
    ubah = []
    for p in berjalan.iterator(chunk_size=UKURAN):
        p.langkah_standar_menit = _menit(p.alur, p.langkah_nomor)
        if p.langkah_standar_menit is not None:
            ubah.append(p)
        if len(ubah) >= UKURAN:
            Permohonan.objects.bulk_update(ubah, ["langkah_standar_menit"])
            ubah = []
    Permohonan.objects.bulk_update(ubah, ["langkah_standar_menit"])


class Migration(migrations.Migration):
    dependencies = [
        ("layanan", "0019_indeks_kotak_tugas_antrean_standar_menit"),
    ]

    operations = [
        migrations.RunPython(isi, migrations.RunPython.noop, elidable=True),
    ]
