"""A body written as plain paragraphs becomes the sandbox's template text: text escaped,
paragraphs and data rows laid out, variables and tags kept."""

import pytest

from layanan.surat.paragraf import ke_templat
from layanan.surat.templat_aman import render_aman

KONTEKS = {
    "pemohon": {"nama": "Siti <Aminah> & Co", "nik": "3572"},
    "dtks_orang": [
        {"subjek": "Pemohon", "nik": "1", "keterangan": "Terdaftar"},
        {"subjek": "Anak", "nik": "2", "keterangan": "Tidak terdaftar"},
    ],
    "ya": True,
}


def _isi(teks: str) -> str:
    return render_aman(ke_templat(teks), KONTEKS)


def test_paragraphs_are_separated_by_a_blank_line_and_lines_are_kept():
    assert _isi("Satu\ndua\n\n\nTiga") == "<p>Satu<br>\ndua</p>\n<p>Tiga</p>"
    assert _isi("Satu\r\n\r\nDua") == "<p>Satu</p>\n<p>Dua</p>"


def test_text_is_text_and_values_are_escaped():
    assert _isi("a <b>x</b> & {{ pemohon.nama }}") == (
        "<p>a &lt;b&gt;x&lt;/b&gt; &amp; Siti &lt;Aminah&gt; &amp; Co</p>"
    )


def test_bold_in_pairs_and_a_lone_star_pair_stays():
    assert _isi("benar **terdaftar** dan ** saja") == (
        "<p>benar <strong>terdaftar</strong> dan ** saja</p>"
    )
    assert _isi("**{{ pemohon.nik }}**") == "<p><strong>3572</strong></p>"


def test_label_colon_value_lines_make_one_aligned_table():
    keluar = _isi("bahwa:\n\nNama : {{ pemohon.nama }}\nNIK :\nCatatan: tanpa spasi")
    assert keluar.count('<table class="data">') == 1
    assert '<td class="label">Nama</td><td class="titik">:</td><td>Siti &lt;Aminah' in keluar
    assert '<td class="label">NIK</td><td class="titik">:</td><td></td>' in keluar
    assert "<p>Catatan: tanpa spasi</p>" in keluar  # "Label: text" stays a sentence


def test_a_loop_around_a_row_stays_inside_the_table():
    keluar = _isi("{% for o in dtks_orang %}\n{{ o.subjek }} : NIK {{ o.nik }}\n{% endfor %}")
    assert keluar.count("<table") == 1
    assert keluar.count("<tr>") == 2


def test_a_tag_line_between_paragraphs_makes_them_conditional():
    teks = "{% if ya %}\nDiberikan.\n{% else %}\nNama : x\n{% endif %}\nAkhir"
    assert _isi(teks) == "\n<p>Diberikan.</p>\n\n<p>Akhir</p>"
    assert "<table" in render_aman(ke_templat(teks), {**KONTEKS, "ya": False})


def test_a_colon_in_a_tag_does_not_make_a_row():
    assert "<table" not in _isi('{{ pemohon.nama|default:"a : b" }}')


@pytest.mark.parametrize(
    "teks",
    ["{% if ya %}\nNama : x", "Nama : x\n{% endif %}", "{% for o in dtks_orang %}\nA : b\n"],
)
def test_unbalanced_tags_are_left_for_the_sandbox_to_refuse(teks):
    from layanan.surat.templat_aman import TemplatTidakAman

    with pytest.raises(TemplatTidakAman):
        _isi(teks)
