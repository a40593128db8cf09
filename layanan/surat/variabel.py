"""The documented surface of a letter body: its variables and the CSS classes it may use.

One list, read by the admin's variable picker, by docs/surat.md (a test keeps them equal) and by
the test that the sample context holds exactly these names. `<kode>` and `<subjek>` stand for
the service's own fields and the persons its DTKS check covers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from layanan.models import Layanan, TipeIsian

NAMA_SAH = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")  # a key a template can reach with a dot


@dataclass(frozen=True)
class Variabel:
    nama: str
    keterangan: str | Promise
    # For a list: the keys of each item, reached in a loop (`{% for o in dtks_orang %}`).
    butir: tuple[str, ...] = ()
    # What the picker inserts, when not `{{ nama }}` (a list is looped over or joined).
    sisip: str = ""
    sisip_html: str = ""  # the same in an HTML body, where a line break is not a paragraph

    @property
    def teks_sisip(self) -> str:
        return self.sisip or "{{ " + self.nama + " }}"


@dataclass(frozen=True)
class Kelompok:
    judul: str | Promise
    variabel: tuple[Variabel, ...]


KELOMPOK = (
    Kelompok(
        _("Applicant"),
        (
            Variabel("pemohon.nama", _("full name")),
            Variabel("pemohon.nik", _("NIK")),
            Variabel("pemohon.tempat_lahir", _("place of birth")),
            Variabel(
                "pemohon.tanggal_lahir",
                _('date of birth (a date: {{ pemohon.tanggal_lahir|date:"j F Y" }})'),
            ),
            Variabel("pemohon.alamat", _("address (street, house number)")),
            Variabel("pemohon.rt", _("RT")),
            Variabel("pemohon.rw", _("RW")),
            Variabel("pemohon.kelurahan", _("kelurahan/desa")),
            Variabel("pemohon.kecamatan", _("kecamatan")),
            Variabel("pemohon.kabupaten_kota", _("kota/kabupaten")),
            Variabel("kk", _("the KK number given with this application")),
        ),
    ),
    Kelompok(
        _("Fields of this service"),
        (
            Variabel(
                "isian.<kode>",
                _(
                    "the service's own field by its code (a choice shows its label, a date is "
                    "written as 9 Januari 2024)"
                ),
            ),
        ),
    ),
    Kelompok(
        _("Letter"),
        (
            Variabel("nomor", _("the letter's number (given at signing; empty in a draft)")),
            Variabel("tanggal", _("the letter's date, as 9 Januari 2024")),
            Variabel("nomor_registrasi", _("the application's registration number")),
        ),
    ),
    Kelompok(
        _("Signing official"),
        (
            Variabel("penandatangan.nama", _("name, with titles")),
            Variabel("penandatangan.jabatan", _("position (with Plt./Plh.)")),
            Variabel(
                "penandatangan.sebutan",
                _("how a sentence names them: “Kepala Bidang Sosial, atas nama Kepala Dinas …”"),
            ),
            Variabel("penandatangan.nip", _("NIP")),
            Variabel(
                "penandatangan.baris_jabatan",
                _("the lines above the signature (a.n., u.b., position): a list"),
                sisip='{{ penandatangan.baris_jabatan|join:" " }}',
            ),
        ),
    ),
    Kelompok(
        _("Service and office"),
        (
            Variabel("layanan.nama", _("the service's name as in the SOP")),
            Variabel("layanan.nama_singkat", _("the service's short name")),
            Variabel(
                "layanan.nama_publik",
                _("the service's name as citizens read it (the short name when none is set)"),
            ),
            Variabel("kantor.nama_pemda", _("local government, as on the letterhead")),
            Variabel("kantor.nama_dinas", _("office name, as on the letterhead")),
            Variabel("kantor.nama_daerah", _("region name, e.g. Blitar")),
            Variabel("kantor.nama_daerah_lengkap", _("region with its kind, e.g. Kota Blitar")),
        ),
    ),
    Kelompok(
        _("DTKS"),
        (
            Variabel("registri", _("the office's name for the registry (DTKS, DTSEN…)")),
            Variabel(
                "dtks.<subjek>.status",
                _("the latest check of that person: terdaftar or tidak_terdaftar"),
            ),
            Variabel("dtks.<subjek>.keterangan", _("the same result in words")),
            Variabel("dtks.<subjek>.periode", _("the registry period checked")),
            Variabel("dtks.<subjek>.nik", _("the NIK checked")),
            Variabel(
                "dtks_orang",
                _("every person checked, the deciding ones first (loop over it)"),
                butir=("subjek", "nik", "status", "keterangan"),
                sisip="{% for o in dtks_orang %}\n{{ o.subjek }} : NIK {{ o.nik }}, {{ o.keterangan }}"
                "\n{% endfor %}",
                sisip_html="{% for o in dtks_orang %}<p>{{ o.subjek }}: NIK {{ o.nik }}, "
                "{{ o.keterangan }}</p>{% endfor %}",
            ),
        ),
    ),
)

# Classes of the letter's stylesheet (templates/dokumen/_gaya.html) an HTML body may use.
KELAS_CSS = (
    (
        "table.data",
        '<table class="data">',
        _("the data block: label, colon and value in aligned columns"),
    ),
    ("td.label", '<td class="label">', _("the label column of a data table (40 mm wide)")),
    ("td.titik", '<td class="titik">', _("the narrow colon column of a data table")),
    ("table.berkas", '<table class="berkas">', _("a table with borders and a grey header row")),
    ("kecil", '<p class="kecil">', _("small text (9 pt)")),
)


def semua_nama() -> list[str]:
    """Every documented name, placeholders as written (`isian.<kode>`), items of a list as
    `dtks_orang[].subjek`."""
    nama = []
    for kelompok in KELOMPOK:
        for v in kelompok.variabel:
            nama.append(v.nama)
            nama += [f"{v.nama}[].{b}" for b in v.butir]
    return nama


def subjek_dtks(layanan: Layanan) -> list[str]:
    """The persons a check of this service covers, as `dtks` names them."""
    return ["Pemohon", *(k.label for k in layanan.isian.filter(tipe=TipeIsian.NIK))]


def kelompok_untuk(layanan: Layanan | None) -> list[dict[str, Any]]:
    """The documented variables for one service: placeholders spelled out as its own fields
    and DTKS persons (those a template can reach by name). Without a service, as documented."""
    hasil = []
    for kelompok in KELOMPOK:
        daftar = list(_jabarkan(kelompok.variabel, layanan))
        if daftar:
            hasil.append({"judul": kelompok.judul, "variabel": daftar})
    return hasil


def kelompok_pemilih(daftar_layanan: list[Layanan]) -> list[dict[str, Any]]:
    """The picker's groups: those of every service once, and a group of each service's own
    variables marked with its id (the add page shows the one chosen)."""
    hasil: list[dict[str, Any]] = []
    for kelompok in KELOMPOK:
        milik_layanan = any("<" in v.nama for v in kelompok.variabel)
        if not milik_layanan or len(daftar_layanan) <= 1:
            layanan = daftar_layanan[0] if daftar_layanan else None
            hasil.append(
                {"judul": kelompok.judul, "variabel": list(_jabarkan(kelompok.variabel, layanan))}
            )
            continue
        for layanan in daftar_layanan:
            hasil.append(
                {
                    "judul": f"{kelompok.judul} · {layanan.nama_singkat}",
                    "layanan": layanan.pk,
                    "variabel": list(_jabarkan(kelompok.variabel, layanan)),
                }
            )
    return hasil


def _jabarkan(daftar: tuple[Variabel, ...], layanan: Layanan | None) -> Iterator[dict[str, Any]]:
    for v in daftar:
        if layanan is not None and v.nama == "isian.<kode>":
            for kolom in layanan.isian.all():
                nama = f"isian.{kolom.kode}"
                yield {"nama": nama, "keterangan": kolom.label, "sisip": "{{ " + nama + " }}"}
        elif layanan is not None and v.nama.startswith("dtks.<subjek>."):
            atribut = v.nama.rsplit(".", 1)[1]
            for subjek in subjek_dtks(layanan):
                if NAMA_SAH.match(subjek):
                    nama = f"dtks.{subjek}.{atribut}"
                    yield {"nama": nama, "keterangan": v.keterangan, "sisip": "{{ " + nama + " }}"}
        elif "<" in v.nama:
            yield {"nama": v.nama, "keterangan": v.keterangan, "sisip": ""}  # read, not inserted
        else:
            yield {
                "nama": v.nama,
                "keterangan": v.keterangan,
                "butir": v.butir,
                "sisip": v.teks_sisip,
                "sisip_html": v.sisip_html,
            }
