"""Correcting an application's data at a step drafts are sent back to (layanan.loket.koreksi)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from layanan import mesin, selectors
from layanan.forms.koreksi import FormulirKoreksi
from layanan.loket.koreksi import permohonan_koreksi
from layanan.permintaan import pengguna


@login_required
def koreksi(request: HttpRequest, pk: int) -> HttpResponse:
    user = pengguna(request)
    p = selectors.ambil_permohonan(user, pk)
    if not mesin.boleh_koreksi(user, p):
        raise Http404
    form = FormulirKoreksi(request.POST or None, permohonan=p)
    if request.method == "POST" and form.is_valid():
        try:
            perubahan = permohonan_koreksi(
                permohonan=p,
                oleh=user,
                pemohon=form.data_pemohon(),
                isian=form.data_isian(),
                alasan=form.cleaned_data["alasan"],
            )
        except mesin.TransisiDitolak as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _(
                    "Corrected (%(n)s): the draft now shows the new data; it must be initialled again."
                )
                % {"n": len(perubahan)},
            )
            return redirect("layanan:permohonan-detail", pk=pk)
    return render(request, "loket/koreksi.html", {"p": p, "form": form})
