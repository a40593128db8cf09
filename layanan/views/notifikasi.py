"""Staff's side of notifications: the office's failed messages, each sent again or noted."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from layanan.notifikasi import selectors, services
from layanan.permintaan import pengguna

PER_HALAMAN = 25


class FormulirCatatan(forms.Form):
    catatan = forms.CharField(
        label=gettext_lazy("What was done instead"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("For example: phoned the applicant. The message leaves this list."),
    )


@login_required
def gagal(request: HttpRequest, salah: dict[int, FormulirCatatan] | None = None) -> HttpResponse:
    user = pengguna(request)
    halaman = Paginator(selectors.pesan_gagal_untuk(user), PER_HALAMAN).get_page(
        request.GET.get("halaman")
    )
    baris = [(p, (salah or {}).get(p.pk) or FormulirCatatan(prefix=f"p{p.pk}")) for p in halaman]
    konteks = {"halaman": halaman, "baris": baris}
    return render(request, "notifikasi/gagal.html", konteks, status=400 if salah else 200)


@login_required
@require_POST
def gagal_aksi(request: HttpRequest, pk: int) -> HttpResponse:
    user = pengguna(request)
    pesan = selectors.ambil_pesan_gagal(user, pk)
    try:
        if request.POST.get("aksi") == "ulang":
            services.pesan_ulang(pesan=pesan, oleh=user)
            messages.success(request, _("The message is queued to be sent again."))
        else:
            form = FormulirCatatan(request.POST, prefix=f"p{pk}")
            if not form.is_valid():
                return gagal(request, salah={pk: form})
            services.pesan_catat(pesan=pesan, oleh=user, catatan=form.cleaned_data["catatan"])
            messages.success(request, _("Noted: the message left the list."))
    except services.TidakBisa as exc:
        messages.error(request, str(exc))
    return redirect("layanan:notifikasi-gagal")
