"""Every PDF the product issues is tagged PDF/A-3a (issue 'Accessible', item 8): the receipt, the
note of missing documents, the draft and the signed letter, the notice, the SOP sheet, the
complaint's forwarding letter, the monthly report - and nothing renders a PDF but layanan.pdf. A letter's
signature is an incremental update: the signed file still claims and keeps its conformance, and
the signature still validates."""

import io
import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature

from layanan.models import Kantor, Surat
from tests import berkas_uji
from tests.factories import daftar, sampai_selesai
from tests.pdf_arsip import jenis_struktur, masalah_arsip
from tests.test_pengaduan import aduan
from tests.views.test_tugas import _masuk

pytestmark = pytest.mark.django_db


def _pdf(response) -> bytes:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response.content


def test_receipt_and_note_of_missing_documents():
    petugas = _masuk("blitar.petugas")
    for p in (daftar("blitar"), daftar("blitar", lengkap=False)):
        isi = _pdf(petugas.get(reverse("layanan:tanda-terima", args=[p.pk])))
        assert masalah_arsip(isi) == []
        assert "/Table" in jenis_struktur(isi)


def test_the_signed_letter_keeps_its_conformance_and_its_signature():
    kantor = Kantor.objects.get(kode="solok")
    kantor.logo.save("solok.png", ContentFile(berkas_uji.png()), save=True)
    p = daftar("solok")
    konsep = _pdf(_masuk("solok.petugas").get(reverse("layanan:surat-konsep", args=[p.pk])))
    assert masalah_arsip(konsep) == []
    sampai_selesai(p)
    isi = Surat.objects.get(permohonan=p).berkas.read()
    assert masalah_arsip(isi) == []
    assert "/Figure" in jenis_struktur(isi)  # the emblem and the QR code, each with its text
    ttd = PdfFileReader(io.BytesIO(isi)).embedded_signatures[0]
    status = validate_pdf_signature(ttd)
    assert status.intact and status.valid
    assert status.coverage.name == "ENTIRE_FILE"


def test_the_notice_and_the_sop_sheet():
    p = daftar("bima", terdaftar=False)
    sampai_selesai(p)
    operator = _masuk("bima.operator")
    assert masalah_arsip(_pdf(operator.get(reverse("layanan:pemberitahuan", args=[p.pk])))) == []
    lembar = operator.get(reverse("layanan:sop-pdf", args=["bima", "pip"]))
    assert masalah_arsip(_pdf(lembar)) == []


def test_a_document_without_its_tags_is_caught():
    """The checker can fail: an untagged PDF of the same letter is reported."""
    from weasyprint import HTML

    isi = HTML(string="<html><body><p>Tanpa tag</p></body></html>").write_pdf()
    masalah = masalah_arsip(isi)
    assert "XMP does not claim PDF/A-3a" in masalah[0] or "not marked as tagged" in masalah
    assert "no structure tree" in masalah


def test_the_complaints_forwarding_letter_and_the_monthly_report():
    from layanan.dasbor.laporan import render_laporan
    from layanan.dasbor.periode import Periode

    p = aduan()
    petugas = _masuk("metro.petugas")
    petugas.post(
        reverse("layanan:pengaduan-aksi", args=[p.pk]),
        {
            "aksi": "teruskan",
            "versi": p.versi,
            "teruskan-tujuan": "Bank Penyalur",
            "teruskan-jawaban": "Diteruskan.",
        },
    )
    surat = _pdf(petugas.get(reverse("layanan:pengaduan-surat-penerusan", args=[p.pk])))
    assert masalah_arsip(surat) == []
    laporan = render_laporan(Kantor.objects.get(kode="metro"), Periode.bulan(2026, 11))
    assert masalah_arsip(laporan) == []
    assert "/Table" in jenis_struktur(laporan)


def test_nothing_renders_a_pdf_but_the_one_pipeline():
    """layanan.pdf.render_pdf fixes the variant (PDF/A-3a, tagged), the fonts and the fetcher
    that reads only our own files: a PDF made elsewhere would skip all three."""
    akar = Path(__file__).resolve().parents[1] / "layanan"
    lain = [
        str(path.relative_to(akar))
        for path in akar.rglob("*.py")
        if path.name != "pdf.py" or path.parent != akar
        if re.search(r"\bweasyprint\b|\.write_pdf\(", path.read_text())
    ]
    assert lain == []
