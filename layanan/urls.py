"""URLs of layanan (namespace `layanan`)."""

from django.urls import path

from layanan.views import sop

app_name = "layanan"

urlpatterns = [
    path("", sop.beranda, name="beranda"),
    path("kantor/<slug:kode_kantor>/layanan/<slug:kode>/sop/", sop.sop_lembar, name="sop-lembar"),
]
