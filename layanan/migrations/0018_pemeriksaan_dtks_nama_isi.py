"""Names for the DTKS checks made before checks kept one, from what each application recorded.

The applicant's check takes the applicant's name; the check of a NIK field `nik_<x>` (the child)
takes the field `nama_<x>` of the same application, if the NIK there is the one checked. Any
other check keeps an empty name: unknown, never another person's.
"""

from django.db import migrations

LABEL_PEMOHON = "Pemohon"  # services.dtks.LABEL_PEMOHON, as stored


def isi_nama(apps, schema_editor):
    PemeriksaanDtks = apps.get_model("layanan", "PemeriksaanDtks")
    KolomIsian = apps.get_model("layanan", "KolomIsian")
    kode_nik = {
        (k.layanan_id, k.label): k.kode
        for k in KolomIsian.objects.filter(tipe="nik", kode__startswith="nik_")
    }
    berubah = []
    for cek in (
        PemeriksaanDtks.objects.filter(nama="")
        .select_related("permohonan__pemohon")
        .iterator(chunk_size=2000)
    ):
        p = cek.permohonan
        if cek.subjek == LABEL_PEMOHON and cek.nik == p.pemohon.nik:
            cek.nama = p.pemohon.nama
        elif (kode := kode_nik.get((p.layanan_id, cek.subjek))) and p.isian.get(kode) == cek.nik:
            cek.nama = str(p.isian.get("nama_" + kode.removeprefix("nik_")) or "").strip()[:150]
        if cek.nama:
            berubah.append(cek)
    PemeriksaanDtks.objects.bulk_update(berubah, ["nama"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("layanan", "0017_pemeriksaan_dtks_nama")]

    operations = [migrations.RunPython(isi_nama, migrations.RunPython.noop, elidable=True)]
