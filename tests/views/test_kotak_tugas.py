"""The inbox page's cost (bench/load.py inbox.ratio): its rows rendered without a template loop,
the navbar's three menu choices read in one query; both saying what they said before."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from layanan.dasbor.akses import boleh_dasbor
from layanan.ikm.selectors import boleh_kelola
from layanan.models import Pemohon, Pengguna
from layanan.pengaduan.selectors import Akses
from layanan.templatetags.menu import Menu, _baca
from tests.factories import daftar, jalan

pytestmark = pytest.mark.django_db


def test_the_navbar_menu_is_one_query_and_answers_as_each_page_decides():
    diperiksa = 0
    for user in Pengguna.objects.select_related("kantor").order_by("pk"):
        if not user.kantor_id:
            continue
        with CaptureQueriesContext(connection) as kueri:
            menu = _baca(user)
        assert len(kueri) == 1, user.username
        lama = Menu(
            dasbor=boleh_dasbor(user),
            pengaduan=Akses(user).menu,
            ikm=boleh_kelola(user),
        )
        assert menu == lama, user.username
        diperiksa += 1
    # Every kind of answer occurs among the demo's staff (a test that compared only "no").
    semua = [_baca(u) for u in Pengguna.objects.exclude(kantor=None)]
    for bagian in ("dasbor", "pengaduan", "ikm"):
        assert {getattr(m, bagian) for m in semua} == {True, False}, bagian
    assert diperiksa > 10


def test_the_inbox_rows_say_what_the_template_said_and_escape_the_applicant():
    p = daftar("blitar")
    Pemohon.objects.filter(pk=p.pemohon_id).update(nama='<b>Ani</b> "& Co"')
    while p.langkah_nomor < 3:
        p = jalan(p)
    from django.test import Client

    from layanan.demo import KATA_SANDI_DEMO
    from tests.factories import pelaku

    klien = Client()
    assert klien.login(username=pelaku(p).username, password=KATA_SANDI_DEMO)
    with CaptureQueriesContext(connection) as kueri:
        html = klien.get(reverse("layanan:tugas-saya")).content.decode()
    kartu = re.search(rf'value="{p.pk}"\s+form="form-batch"(.*?)</li>', html, re.S)
    assert kartu, html
    baris = kartu.group(1)
    assert "&lt;b&gt;Ani&lt;/b&gt; &quot;&amp; Co&quot;" in baris and "<b>" not in baris
    assert f'action="/permohonan/{p.pk}/mulai/"' in baris
    assert 'name="csrfmiddlewaretoken"' in baris
    assert re.search(r'class="badge [^"]+">(Tepat waktu|Hampir terlambat|Terlambat)<', baris)
    assert re.search(r"(sisa|lewat) \d+ menit kerja", baris)
    assert f'aria-label="Pilih {p.nomor_registrasi}"' in html
    siap = p.langkah_siap_pada.astimezone(dt.timezone(dt.timedelta(hours=7)))
    assert f"{siap.day} " in baris and f"{siap.year} {siap:%H:%M}" in baris
    # Session, user, office; the user's roles, the page of applications; the navbar's menu.
    assert len(kueri) <= 6, [q["sql"][:80] for q in kueri.captured_queries]


def test_the_inbox_as_plain_rows_keeps_the_order_over_several_roles():
    from layanan import selectors
    from layanan.models import Peran

    p1, p2 = daftar("blitar"), daftar("blitar")
    p2 = jalan(p2)
    orang = Pengguna.objects.get(username="blitar.petugas")
    for p in (p1, p2):
        orang.peran.add(Peran.objects.get(pk=p.peran_saat_ini_id))
    kotak = selectors.tugas_untuk(orang)
    assert len(kotak.per_peran) >= 2
    model = [p.pk for p in kotak[0:26]]
    assert {p1.pk, p2.pk} <= set(model)
    assert [d["pk"] for d in kotak.sebagai_data()[0:26]] == model
