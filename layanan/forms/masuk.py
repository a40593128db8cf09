"""The two login forms: the application's (/masuk/) and the administration's (/admin/login/).

Django's own wrong-password message names the username field through its verbose name, and
its Indonesian catalogue already writes "nama pengguna" before it: "Masukkan nama pengguna nama
pengguna ...". Ours is a whole sentence of our own catalogue.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PESAN_SALAH = _("The username or the password is wrong. Both are case-sensitive.")
PESAN_NONAKTIF = _("This account is disabled. Ask your office administrator.")
PESAN_BUKAN_ADMIN = _(
    "This account has no access to administration. Staff of the loket and the services log in "
    "on the application's own login page."
)


class FormulirMasuk(AuthenticationForm):
    error_messages = {"invalid_login": PESAN_SALAH, "inactive": PESAN_NONAKTIF}


class FormulirMasukAdmin(FormulirMasuk):
    """Who may enter the administration is what the admin site's has_permission says (a national
    superuser, an office administrator), not Django's is_staff flag."""

    required_css_class = "required"

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        if not getattr(user, "boleh_mengatur", False):
            raise ValidationError(PESAN_BUKAN_ADMIN, code="bukan_admin")


class FormulirKode(forms.Form):
    """A code from the authenticator app (six digits) or a recovery code (eight characters)."""

    kode = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )
