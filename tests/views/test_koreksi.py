"""Corrections before signing: after a send-back, the role the draft went back to corrects the
data with a reason; the timeline keeps before and after; the draft shows the new data and its
earlier initials no longer stand."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from layanan.demo import FRASA_TTD_DEMO
from layanan.models import Surat
from tests.factories import daftar, jalan
from tests.views.test_tugas import _kerjakan, _masuk, _tandatangani

pytestmark = pytest.mark.django_db


def _teks(isi: bytes) -> str:
    return " ".join(" ".join(h.extract_text() for h in PdfReader(io.BytesIO(isi)).pages).split())


def _dikembalikan():
    p = daftar("blitar")
    while p.langkah_nomor != 5:
        p = jalan(p)
    kabid, kadin = _masuk("blitar.kabid"), _masuk("blitar.kadin")
    _kerjakan(kabid, p, "paraf")
    _kerjakan(kadin, p, "kembali", "Nama sekolah salah")
    p.refresh_from_db()
    assert p.langkah_nomor == 4  # back with the petugas, who drafts
    return p


def test_the_petugas_corrects_a_field_after_a_send_back_and_the_draft_follows():
    p = _dikembalikan()
    petugas = _masuk("blitar.petugas")
    url = reverse("layanan:koreksi", args=[p.pk])
    halaman = petugas.get(url)
    assert halaman.status_code == 200
    data = {k: v for k, v in halaman.context["form"].initial.items() if v is not None}
    data.update(isian_nama_sekolah="SDN 2 Blitar", alasan="Salah tulis nama sekolah")
    jawab = petugas.post(url, data, follow=True)
    assert "Dikoreksi" in jawab.content.decode()
    p.refresh_from_db()
    assert p.isian["nama_sekolah"] == "SDN 2 Blitar"
    koreksi = p.riwayat.get(aksi="koreksi")
    assert "Salah tulis nama sekolah" in koreksi.catatan
    assert "SDN 1 → SDN 2 Blitar" in koreksi.catatan
    konsep = petugas.get(reverse("layanan:surat-konsep", args=[p.pk])).content
    assert "SDN 2 Blitar" in _teks(konsep)
    # The chain goes on: the Kabid initials the corrected draft, the Kadin signs it.
    _kerjakan(petugas, p, "selesai")
    _kerjakan(_masuk("blitar.kabid"), p, "paraf")
    _tandatangani(_masuk("blitar.kadin"), p, FRASA_TTD_DEMO)
    assert "SDN 2 Blitar" in _teks(Surat.objects.get(permohonan=p).berkas.read())


def test_no_correction_without_a_reason_or_outside_a_send_back_target():
    p = _dikembalikan()
    petugas = _masuk("blitar.petugas")
    url = reverse("layanan:koreksi", args=[p.pk])
    data = {k: v for k, v in petugas.get(url).context["form"].initial.items() if v is not None}
    data.update(isian_nama_sekolah="SDN 9", alasan="")
    jawab = petugas.post(url, data)
    assert jawab.status_code == 200 and "alasan" in jawab.context["form"].errors
    p.refresh_from_db()
    assert p.isian["nama_sekolah"] == "SDN 1"
    # The Kabid does not stand at step 4; the peksos's step 3 is no send-back target.
    assert _masuk("blitar.kabid").get(url).status_code == 404
    baru = daftar("blitar")
    assert (
        _masuk("blitar.peksos").get(reverse("layanan:koreksi", args=[baru.pk])).status_code == 404
    )
