"""Editing an SOP in the admin: a sound change is saved; a broken flow is refused with a reason."""

import pytest
from django.urls import reverse

from layanan.models import Langkah
from tests.admin.helpers import data_dari_halaman

pytestmark = pytest.mark.django_db


def _url(layanan):
    return reverse("admin:layanan_layanan_change", args=[layanan.pk])


def _data(client, layanan):
    response = client.get(_url(layanan))
    assert response.status_code == 200
    return data_dari_halaman(response)


def _prefix_langkah(data, nomor):
    for key, value in data.items():
        if key.startswith("langkah-") and key.endswith("-nomor") and value == nomor:
            return key.removesuffix("nomor")
    raise AssertionError(nomor)


def test_changing_a_time_standard_is_saved_and_shown_on_the_sheet(admin_a, layanan_a):
    data = _data(admin_a, layanan_a)
    data[_prefix_langkah(data, 3) + "waktu_nilai"] = 100
    response = admin_a.post(_url(layanan_a), data)
    assert response.status_code == 302, response.context["errors"]
    assert Langkah.objects.get(layanan=layanan_a, nomor=3).waktu_nilai == 100
    assert layanan_a.langkah.last().history.exists()
    sheet = admin_a.get(reverse("layanan:sop-lembar", args=["blitar", "kip"]))
    assert "475 menit" in sheet.content.decode()


def _pesan(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_steps_longer_than_the_time_limit_are_saved_with_a_warning(admin_a, layanan_a):
    # SOP Blitar: 480 minutes of steps against "1 hari kerja"; step 3 from 105 to 120 minutes.
    data = _data(admin_a, layanan_a)
    data[_prefix_langkah(data, 3) + "waktu_nilai"] = 120
    response = admin_a.post(_url(layanan_a), data, follow=True)
    assert Langkah.objects.get(layanan=layanan_a, nomor=3).waktu_nilai == 120
    peringatan = [m for m in response.context["messages"] if m.level_tag == "warning"]
    assert [str(m) for m in peringatan] == [
        "Jumlah standar waktu langkah-langkahnya 495 menit (1 hari kerja 15 menit), 15 menit "
        "melebihi batas waktu layanan 480 menit (8 jam = 1 hari kerja). Periksa standar waktu "
        "langkah atau batas waktu layanan."
    ]


def test_shortening_the_time_limit_below_the_steps_is_warned(admin_a, layanan_a):
    layanan_a.batas_waktu_hari_kerja = 2
    layanan_a.save()
    data = _data(admin_a, layanan_a)
    data["batas_waktu_hari_kerja"] = 1
    data[_prefix_langkah(data, 3) + "waktu_nilai"] = 106
    response = admin_a.post(_url(layanan_a), data, follow=True)
    assert any(", 1 menit melebihi batas waktu layanan" in m for m in _pesan(response))


def test_steps_within_the_time_limit_save_without_a_warning(admin_a, layanan_a):
    response = admin_a.post(_url(layanan_a), _data(admin_a, layanan_a), follow=True)
    assert response.redirect_chain
    assert not [m for m in response.context["messages"] if m.level_tag == "warning"]


def test_step_page_warns_when_the_steps_pass_the_limit(admin_a, layanan_a):
    langkah = Langkah.objects.get(layanan=layanan_a, nomor=3)
    url = reverse("admin:layanan_langkah_change", args=[langkah.pk])
    data = data_dari_halaman(admin_a.get(url))
    data["waktu_nilai"] = 120
    response = admin_a.post(url, data, follow=True)
    assert any("melebihi batas waktu layanan" in m for m in _pesan(response))


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        ({"tidak_nomor": 9, "tidak_hasil": ""}, "menuju langkah 9, yang tidak ada"),
        ({"tidak_nomor": "", "tidak_hasil": ""}, "tentukan ke mana TIDAK menuju"),
        ({"lanjut_nomor": 1}, "harus menuju ke depan"),
    ],
)
def test_a_broken_flow_is_refused_and_nothing_changes(admin_a, layanan_a, ubah, pesan):
    data = _data(admin_a, layanan_a)
    prefix = _prefix_langkah(data, 2)  # the completeness decision
    for field, value in ubah.items():
        data[prefix + field] = value
    data[_prefix_langkah(data, 3) + "waktu_nilai"] = 1  # a change that must not be saved
    response = admin_a.post(_url(layanan_a), data)
    assert response.status_code == 200
    assert pesan in response.content.decode()
    assert Langkah.objects.get(layanan=layanan_a, nomor=3).waktu_nilai == 105


def test_two_targets_for_one_branch_are_refused(admin_a, layanan_a):
    data = _data(admin_a, layanan_a)
    prefix = _prefix_langkah(data, 2)
    data[prefix + "tidak_nomor"] = 4
    response = admin_a.post(_url(layanan_a), data)
    assert response.status_code == 200
    assert "bukan keduanya" in response.content.decode()


def test_step_page_refuses_a_dead_end(admin_a, layanan_a):
    langkah = Langkah.objects.get(layanan=layanan_a, nomor=6)
    url = reverse("admin:layanan_langkah_change", args=[langkah.pk])
    data = data_dari_halaman(admin_a.get(url))
    data["lanjut_hasil"] = ""
    response = admin_a.post(url, data)
    assert response.status_code == 200
    assert "langkah terakhir" in response.content.decode()


def test_a_flow_error_is_shown_in_the_row_of_its_step(admin_a, layanan_a):
    data = _data(admin_a, layanan_a)
    prefix = _prefix_langkah(data, 2)  # the completeness decision
    data[prefix + "tidak_nomor"] = 9
    data[prefix + "tidak_hasil"] = ""
    response = admin_a.post(_url(layanan_a), data)
    assert response.status_code == 200
    fs = next(
        i.formset
        for i in response.context["inline_admin_formsets"]
        if i.formset.prefix == "langkah"
    )
    per_nomor = {f.cleaned_data.get("nomor"): f for f in fs.forms}
    pesan = "menuju langkah 9, yang tidak ada"
    assert any(pesan in e for e in per_nomor[2].non_field_errors())
    assert not [n for n, f in per_nomor.items() if n != 2 and f.non_field_errors()]
    assert any(pesan in e for e in fs.non_form_errors())  # still listed at the top too
    # In the page: the message's row stands right above step 2's row.
    html = response.content.decode()
    baris = html.rindex("<tr", 0, html.index(f'id="{prefix.rstrip("-")}"'))
    galat = html.rindex('<tr class="row-form-errors">', 0, baris)
    assert pesan in html[galat:baris]
    assert "<tr" not in html[galat + 4 : baris]
