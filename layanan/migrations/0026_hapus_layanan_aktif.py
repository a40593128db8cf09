from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("layanan", "0025_isi_status_layanan"),
    ]

    operations = [
        migrations.RemoveField(model_name="historicallayanan", name="aktif"),
        migrations.RemoveField(model_name="layanan", name="aktif"),
    ]
