"""Admin of letter templates: a plain editor with a variable picker, a live PDF preview on the
service's sample data, and the template's versions with what changed and a way back."""

from __future__ import annotations

import difflib
import itertools
from functools import partial
from typing import Any

from csp.constants import SELF
from csp.decorators import csp_replace
from django import forms
from django.contrib import admin
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from layanan.admin.site import ScopedAdmin, admin_site
from layanan.batas import pesan_tunggu, tunggu_detik
from layanan.models import BentukIsi, Layanan, TemplatSurat
from layanan.surat.konsep import periksa_templat, sumber
from layanan.surat.pratinjau import konteks_contoh, pratinjau
from layanan.surat.templat_aman import TemplatTidakAman
from layanan.surat.variabel import KELAS_CSS, kelompok_pemilih, kelompok_untuk

FIELD_PRATINJAU = ("layanan", "varian", "hasil", "judul", "bentuk", "isi", "tembusan")


class EditorIsi(forms.Textarea):
    """The body's textarea with the variable picker above it (shown by static/js/templat_surat.js;
    without script the list beside the preview still names every variable)."""

    template_name = "admin/layanan/templatsurat/editor_isi.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.kelompok: list[dict[str, Any]] = []

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        konteks = super().get_context(name, value, attrs)
        konteks["kelompok"] = self.kelompok
        return konteks


class TemplatSuratForm(forms.ModelForm):
    class Meta:
        model = TemplatSurat
        fields = list(FIELD_PRATINJAU)
        widgets = {
            "bentuk": forms.RadioSelect,
            "isi": EditorIsi(attrs={"rows": 22, "spellcheck": "false", "class": "isi-templat"}),
            "tembusan": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any] | None:
        cd = super().clean()
        if not cd:
            return cd
        layanan, hasil = cd.get("layanan"), cd.get("hasil")
        if layanan and hasil and hasil.layanan_id != layanan.pk:
            self.add_error("hasil", _("Choose an outcome of this service."))
        if layanan and cd.get("isi"):
            teks = sumber(cd["isi"], cd.get("bentuk") or BentukIsi.PARAGRAF)
            kesalahan = periksa_templat(teks, konteks_contoh(layanan, varian=cd.get("varian", "")))
            if kesalahan:
                self.add_error("isi", kesalahan)
        return cd


@admin.register(TemplatSurat, site=admin_site)
class TemplatSuratAdmin(ScopedAdmin):
    form = TemplatSuratForm
    kantor_lookup = "layanan__kantor"
    list_display = ["layanan", "varian", "hasil", "judul", "bentuk", "tautan_pratinjau"]
    list_select_related = ["layanan", "hasil"]
    change_form_template = "admin/layanan/templatsurat/change_form.html"
    object_history_template = "admin/layanan/templatsurat/riwayat.html"
    object_history_list_template = "admin/layanan/templatsurat/riwayat_daftar.html"
    object_history_form_template = "admin/layanan/templatsurat/riwayat_form.html"

    @admin.display(description=_("preview"))
    def tautan_pratinjau(self, obj: TemplatSurat) -> str:
        url = reverse("admin:layanan_templatsurat_pratinjau", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("PDF on sample data"))

    def get_urls(self) -> list[Any]:
        return [
            path(
                "pratinjau/",
                # The views' decorators type them as taking the request only.
                self.admin_site.admin_view(partial(pratinjau_langsung_view, model_admin=self)),  # type: ignore[call-arg]
                name="layanan_templatsurat_pratinjau_langsung",
            ),
            path(
                "<path:object_id>/pratinjau.pdf",
                self.admin_site.admin_view(partial(pratinjau_view, model_admin=self)),  # type: ignore[call-arg]
                name="layanan_templatsurat_pratinjau",
            ),
            *super().get_urls(),
        ]

    def render_change_form(
        self, request: HttpRequest, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> Any:
        obj = kwargs.get("obj")
        segera = obj is None or bool(context.get("errors"))
        context.update(_konteks_editor(obj, segera=segera))
        _isi_pemilih(context["adminform"].form, obj)
        return super().render_change_form(request, context, *args, **kwargs)

    def render_history_view(
        self, request: HttpRequest, template: str, context: dict[str, Any], **kwargs: Any
    ) -> HttpResponse:
        if "adminform" in context:  # one version, in the editor
            _isi_pemilih(context["adminform"].form, context["original"])
        return super().render_history_view(request, template, context, **kwargs)

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        """Django-simple-history's page of one version, in the editor with its preview: saving
        it restores that version as a new one, with the sandbox's check, on the record."""
        self._pastikan_terlihat(request, object_id)
        versi = TemplatSurat.history.filter(id=object_id, history_id=_id_versi(version_id)).first()
        if versi is None:
            raise Http404
        request._versi_dipulihkan = versi  # type: ignore[attr-defined]
        konteks = {**(extra_context or {}), **_konteks_editor(versi.instance, segera=True)}
        return super().history_form_view(request, object_id, version_id, konteks)

    def history_view_title(self, request: HttpRequest, obj: Any) -> str:
        return gettext("Versions of %s") % obj

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        versi = getattr(request, "_versi_dipulihkan", None)
        if versi is not None:
            waktu = versi.history_date.astimezone(obj.layanan.kantor.zona)
            obj._change_reason = gettext("Restored the version of %(waktu)s") % {
                "waktu": f"{waktu:%d-%m-%Y %H.%M}"
            }
        super().save_model(request, obj, form, change)

    def set_history_delta_changes(
        self, request: HttpRequest, historical_records: Any, *a: Any, **kw: Any
    ) -> None:
        """What each version changed from the one before, as a reader can follow it: the body
        line by line, the other fields old → new."""
        catatan = list(historical_records)
        for baru, lama in itertools.pairwise(catatan):
            baru.perbedaan = perbedaan(lama, baru)


def _isi_pemilih(form: forms.ModelForm, obj: TemplatSurat | None) -> None:
    """The picker's variables: of the template's service, or on the add page of every service
    the administrator may choose (the script shows the chosen one's)."""
    if "isi" not in form.fields:
        return
    pilihan_layanan = getattr(form.fields.get("layanan"), "queryset", [])
    daftar = [obj.layanan] if obj is not None else list(pilihan_layanan)
    form.fields["isi"].widget.kelompok = kelompok_pemilih(daftar)


def _id_versi(version_id: str) -> int:
    try:
        return int(version_id)
    except ValueError:
        raise Http404 from None


def _konteks_editor(obj: TemplatSurat | None, *, segera: bool) -> dict[str, Any]:
    return {
        "url_pratinjau": reverse("admin:layanan_templatsurat_pratinjau_langsung"),
        # A saved template unchanged shows its stored preview; anything else is sent at once.
        "url_pratinjau_tersimpan": ""
        if segera or obj is None or obj.pk is None
        else reverse("admin:layanan_templatsurat_pratinjau", args=[obj.pk]),
        "pratinjau_segera": segera,
        "kelompok_variabel": kelompok_untuk(obj.layanan if obj is not None else None),
        "kelas_css": KELAS_CSS,
        "contoh_variabel": "{{ pemohon.nama }}",
    }


# ---------------------------------------------------------------------------
# Previews
# ---------------------------------------------------------------------------
def _pdf(pdf: bytes) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="pratinjau-surat.pdf"'
    return response


def _galat(request: HttpRequest, pesan: list[str], status: int = 422) -> HttpResponse:
    """Shown in the preview's frame instead of a PDF: why there is none, in Indonesian."""
    return render(
        request, "admin/layanan/templatsurat/pratinjau_galat.html", {"pesan": pesan}, status=status
    )


@xframe_options_sameorigin  # shown in the editor's frame
@csp_replace({"frame-ancestors": [SELF]})  # type: ignore[arg-type]
def pratinjau_view(
    request: HttpRequest, object_id: str, *, model_admin: TemplatSuratAdmin
) -> HttpResponse:
    """The saved template's PDF on sample data."""
    templat = model_admin.get_object(request, object_id)
    if templat is None:
        raise Http404
    try:
        return _pdf(pratinjau(templat))
    except TemplatTidakAman as exc:  # a template stored before the sandbox's current rules
        return _galat(request, [str(exc)])


@require_POST
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": [SELF]})  # type: ignore[arg-type]
def pratinjau_langsung_view(
    request: HttpRequest, *, model_admin: TemplatSuratAdmin
) -> HttpResponse:
    """The PDF of what is in the editor now (not saved), on the chosen service's sample data.
    The editor's own form is posted here, with its CSRF token; the service must be one this
    administrator may configure."""
    if tunggu := tunggu_detik(request, "pratinjau", pengenal=f"pengguna-{request.user.pk}"):
        response = _galat(request, [pesan_tunggu(tunggu)], status=429)
        response["Retry-After"] = str(tunggu)
        return response
    form = model_admin.get_form(request)(request.POST)
    form.is_valid()
    layanan = form.cleaned_data.get("layanan")
    if not isinstance(layanan, Layanan):
        return _galat(
            request, [str(_("Choose the service first: its sample data fill the preview."))]
        )
    kesalahan = [
        f"{form.fields[nama].label}: {pesan}"
        for nama in FIELD_PRATINJAU
        for galat in form.errors.as_data().get(nama, [])
        # A title or body still to be written does not stop the preview of the rest.
        if not (galat.code == "required" and nama in ("judul", "isi"))
        for pesan in galat.messages
    ]
    if kesalahan:
        return _galat(request, kesalahan)
    templat = TemplatSurat(
        layanan=layanan,
        **{n: form.cleaned_data.get(n) or "" for n in FIELD_PRATINJAU[1:] if n != "hasil"},
    )
    templat.hasil = form.cleaned_data.get("hasil")
    try:
        return _pdf(pratinjau(templat))
    except TemplatTidakAman as exc:
        return _galat(request, [str(exc)])


# ---------------------------------------------------------------------------
# Versions
# ---------------------------------------------------------------------------
def perbedaan(lama: Any, baru: Any) -> list[dict[str, Any]]:
    """The fields that differ between two versions: a text by its changed lines (with one line
    around each change), anything else as its old and new value."""
    hasil = []
    for nama in FIELD_PRATINJAU:
        judul = getattr(TemplatSurat._meta.get_field(nama), "verbose_name", nama)
        a, b = _tampil(lama, nama), _tampil(baru, nama)
        if nama in ("isi", "tembusan"):
            baris = _beda_baris(_baris(a), _baris(b))
            if baris:  # a change of spaces or line ends only is none
                hasil.append({"field": judul, "baris": baris})
        elif a != b:
            hasil.append({"field": judul, "lama": a, "baru": b})
    return hasil


def _tampil(versi: Any, nama: str) -> str:
    if nama == "layanan":
        return str(versi.layanan) if versi.layanan_id else ""
    if nama == "hasil":
        return str(versi.hasil) if versi.hasil_id else ""
    pilihan = getattr(versi, f"get_{nama}_display", None)
    return str(pilihan()) if pilihan else str(getattr(versi, nama) or "")


def _baris(teks: str) -> list[str]:
    return [b.rstrip() for b in teks.strip().splitlines()]


def _beda_baris(a: list[str], b: list[str]) -> list[dict[str, str]]:
    baris: list[dict[str, str]] = []
    for grup in difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(1):
        if baris:
            baris.append({"jenis": "jeda", "teks": "…"})
        for op, i1, i2, j1, j2 in grup:
            if op == "equal":
                baris += [{"jenis": "sama", "teks": t} for t in a[i1:i2]]
                continue
            baris += [{"jenis": "hapus", "teks": t} for t in a[i1:i2]]
            baris += [{"jenis": "tambah", "teks": t} for t in b[j1:j2]]
    return baris
