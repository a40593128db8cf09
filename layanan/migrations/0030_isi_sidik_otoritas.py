"""Each trusted certificate authority's SHA-256 fingerprint, from the certificate it holds."""

import hashlib

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.db import migrations


def isi_sidik(apps, schema_editor):
    OtoritasSertifikat = apps.get_model("layanan", "OtoritasSertifikat")
    terpakai = set()
    for otoritas in OtoritasSertifikat.objects.filter(sidik="").order_by("pk"):
        try:
            sertifikat = x509.load_pem_x509_certificate(otoritas.sertifikat_pem.encode())
        except ValueError:
            continue  # unreadable: it trusts nothing (akar_terpercaya skips it too)
        sidik = hashlib.sha256(sertifikat.public_bytes(serialization.Encoding.DER)).hexdigest()
        if sidik in terpakai:
            continue  # the same certificate twice: the first row stands for it
        terpakai.add(sidik)
        OtoritasSertifikat.objects.filter(pk=otoritas.pk).update(sidik=sidik)


class Migration(migrations.Migration):
    dependencies = [("layanan", "0029_otoritas_tarik")]

    operations = [migrations.RunPython(isi_sidik, migrations.RunPython.noop, elidable=True)]
