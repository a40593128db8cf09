from django.db import migrations, models

STATUS = models.CharField(
    choices=[("draf", "Draft"), ("aktif", "Active"), ("ditarik", "Withdrawn")],
    default="draf",
    editable=False,
    help_text="Only an active service takes applications.",
    max_length=10,
    verbose_name="status",
)
TANPA_SURAT = models.BooleanField(
    default=False,
    help_text=(
        "Tick when the service issues no letter: its signature step is then signed like any "
        "other step. Otherwise a signature step needs a letter template."
    ),
    verbose_name="ends without a letter",
)


class Migration(migrations.Migration):
    dependencies = [
        ("layanan", "0023_sumber_dtks"),
    ]

    operations = [
        migrations.AddField(model_name="historicallayanan", name="status", field=STATUS),
        migrations.AddField(model_name="historicallayanan", name="tanpa_surat", field=TANPA_SURAT),
        migrations.AddField(model_name="layanan", name="status", field=STATUS),
        migrations.AddField(model_name="layanan", name="tanpa_surat", field=TANPA_SURAT),
    ]
