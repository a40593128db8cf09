"""Admin of offices, roles, officials and staff accounts."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import Exists, Model, OuterRef
from django.http import HttpRequest
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.admin import SimpleHistoryAdmin

from layanan.admin.keamanan import reset_dua_langkah
from layanan.admin.pilihan import SelectPerKantor, per_kantor
from layanan.admin.site import KantorScopedMixin, ScopedAdmin, admin_site
from layanan.masuk.sesi import keadaan_akun, pengguna_akhiri_sesi
from layanan.models import Kantor, Pejabat, PengaturanDaring, Pengguna, Peran
from layanan.models.kantor import PESAN_LAIN_KANTOR
from layanan.permintaan import pengguna
from layanan.surat.tanda_tangan import TandaTanganGagal
from layanan.surat.tanda_tangan.sertifikat import periksa_p12


class PengaturanDaringInline(admin.StackedInline):
    """Applications from home: the check's time standard, originals at hand-over."""

    model = PengaturanDaring
    max_num = 1
    can_delete = False


@admin.register(Kantor, site=admin_site)
class KantorAdmin(ScopedAdmin):
    kantor_lookup = "pk"
    inlines = [PengaturanDaringInline]
    list_display = ["__str__", "kode", "kode_wilayah", "zona_waktu"]
    fieldsets = [
        (None, {"fields": ["kode", "jenis_daerah", "nama_daerah", "kode_wilayah", "zona_waktu"]}),
        (
            _("Letterhead"),
            {
                "fields": [
                    "nama_pemda",
                    "nama_dinas",
                    "alamat",
                    "kode_pos",
                    "telepon",
                    "faks",
                    "email",
                    "situs",
                    "logo",
                ]
            },
        ),
        (
            _("Letters"),
            {
                "fields": [
                    "ukuran_kertas",
                    "kertas_berkop",
                    "margin_atas_berkop_mm",
                    "nomor_surat_per_tahun",
                ]
            },
        ),
        (_("Loket"), {"fields": ["pakai_nomor_antrean"]}),
    ]

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> Any:
        # An office administrator edits their office's details, never its identity.
        return [] if request.user.is_superuser else ["kode", "kode_wilayah"]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(Peran, site=admin_site)
class PeranAdmin(ScopedAdmin):
    list_display = ["nama", "kode", "urutan", "adalah_pemohon"]
    list_editable = ["urutan"]
    list_filter = ["adalah_pemohon"]
    search_fields = ["nama", "kode"]

    def get_list_display(self, request: HttpRequest) -> Any:
        tampil = super().get_list_display(request)
        return [*tampil, "kantor"] if request.user.is_superuser else tampil

    def get_exclude(self, request: HttpRequest, obj: Model | None = None) -> Any:
        return [] if request.user.is_superuser else ["kantor"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not request.user.is_superuser:
            obj.kantor = pengguna(request).kantor
        super().save_model(request, obj, form, change)


PESAN_SEKANTOR = {
    "peran": _("Choose a role of the official's own office (%(kantor)s)."),
    "pengguna": _("Choose a user account of the official's own office (%(kantor)s)."),
}


class PejabatForm(forms.ModelForm):
    """A new certificate is opened with its passphrase (used for this check only, never kept)
    and refused unless it chains to a CA the national superuser trusts, is in date and is made
    for signing."""

    frasa_sandi_periksa = forms.CharField(
        label=_("Passphrase of the new certificate"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text=_(
            "Only to check the certificate now; it is not stored. The official types it "
            "again at every signing."
        ),
    )

    class Meta:
        model = Pejabat
        fields = [
            "kantor",
            "nama",
            "jabatan",
            "pangkat",
            "golongan",
            "nip",
            "kedudukan",
            "atas_nama",
            "untuk_beliau",
            "peran",
            "pengguna",
            "aktif",
            "sertifikat",
        ]

    def clean(self) -> dict[str, Any] | None:
        cd = super().clean()
        if cd is not None:
            self._periksa_sekantor(cd)
        berkas = (cd or {}).get("sertifikat")
        if cd is None or "sertifikat" not in self.changed_data:
            return cd
        if not berkas:  # removed: nothing left to vouch for
            self.instance.sertifikat_subjek = ""
            self.instance.sertifikat_berlaku_sampai = None
            self.instance.sertifikat_sidik = ""
            self.instance.sertifikat_pem = ""
            self.instance.sertifikat_otoritas = None
            return cd
        berkas.seek(0)
        try:
            info = periksa_p12(berkas.read(), cd.get("frasa_sandi_periksa") or "")
        except TandaTanganGagal as exc:
            self.add_error("sertifikat", str(exc))
            return cd
        finally:
            berkas.seek(0)
        self.instance.sertifikat_subjek = info.subjek[:300]
        self.instance.sertifikat_berlaku_sampai = info.berlaku_sampai
        self.instance.sertifikat_sidik = info.sidik
        self.instance.sertifikat_pem = info.rantai_pem
        self.instance.sertifikat_otoritas = info.otoritas
        return cd

    def _periksa_sekantor(self, cd: dict[str, Any]) -> None:
        """The role and the account are of the official's own office (the one chosen on the
        form, for the superuser): the choices offered say so, this makes it so."""
        kantor = cd.get("kantor") or (self.instance.kantor if self.instance.kantor_id else None)
        if kantor is None:
            return
        for nama, pesan in PESAN_SEKANTOR.items():
            pilihan = cd.get(nama)
            if pilihan is not None and pilihan.kantor_id != kantor.pk:
                self.add_error(nama, pesan % {"kantor": kantor})


@admin.register(Pejabat, site=admin_site)
class PejabatAdmin(PeranAdmin):
    form = PejabatForm
    list_display = ["nama", "jabatan", "nip", "peran", "aktif", "sertifikat_berlaku_sampai"]
    list_editable = []
    list_filter = ["aktif"]
    search_fields = ["nama", "jabatan", "nip"]
    readonly_fields = [
        "sertifikat_subjek",
        "sertifikat_berlaku_sampai",
        "sertifikat_sidik",
        "otoritas_sertifikat",
    ]

    # The passphrase typed to check an upload never reaches an error report.
    @method_decorator(sensitive_post_parameters("frasa_sandi_periksa"))
    def changeform_view(self, *args: Any, **kwargs: Any) -> Any:
        return super().changeform_view(*args, **kwargs)

    class Media:
        js = ["js/pilihan_kantor.js"]

    def get_list_filter(self, request: HttpRequest) -> Any:
        # The superuser follows a certificate authority's page to the officials it vouches for.
        filter_ = list(super().get_list_filter(request))
        return [*filter_, "sertifikat_otoritas"] if request.user.is_superuser else filter_

    @admin.display(description=_("certificate authority"))
    def otoritas_sertifikat(self, obj: Pejabat) -> str:
        otoritas = obj.sertifikat_otoritas
        if otoritas is None:
            return "–"
        if otoritas.ditarik_pada is not None:
            return _("%(nama)s (trust withdrawn)") % {"nama": otoritas.nama}
        return otoritas.nama

    def kantor_untuk(self, request: HttpRequest, obj: Model | None) -> Kantor | None:
        # The superuser may move an official to another office on this form: every office's
        # roles and accounts are offered, grouped, and the form keeps those of the chosen one.
        return None if request.user.is_superuser else pengguna(request).kantor

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name in PESAN_SEKANTOR:
            kwargs["widget"] = SelectPerKantor()
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "peran":  # the applicant's own role is no official's
            field.queryset = field.queryset.filter(adalah_pemohon=False)
        return per_kantor(field) if db_field.name in PESAN_SEKANTOR else field


class PeranSekantorForm(forms.ModelForm):
    """A user's roles must be roles of the user's own office."""

    def clean(self) -> dict[str, Any] | None:
        cd = super().clean()
        if cd is None:
            return cd
        kantor = cd.get("kantor") or self.instance.kantor or getattr(self, "kantor_admin", None)
        if kantor and any(p.kantor_id != kantor.pk for p in cd.get("peran") or []):
            self.add_error("peran", PESAN_LAIN_KANTOR)
        return cd


@admin.register(Pengguna, site=admin_site)
class PenggunaAdmin(KantorScopedMixin, SimpleHistoryAdmin, UserAdmin):  # type: ignore[misc]
    list_display = [
        "username",
        "nama_lengkap",
        "daftar_peran",
        "adalah_admin_kantor",
        "is_active",
        "dua_langkah",
    ]
    list_filter = ["adalah_admin_kantor", "is_active"]
    filter_horizontal = ["peran"]
    ordering = ["username"]
    actions = [reset_dua_langkah]

    @admin.display(description=_("two-step login"), boolean=True)
    def dua_langkah(self, obj: Pengguna) -> bool:
        return bool(getattr(obj, "ada_2fa", False))

    @admin.display(description=_("full name"), ordering="first_name")
    def nama_lengkap(self, obj: Pengguna) -> str:
        return obj.get_full_name()

    @admin.display(description=_("roles"))
    def daftar_peran(self, obj: Pengguna) -> str:
        return ", ".join(p.nama for p in obj.peran.all())

    def get_queryset(self, request: HttpRequest) -> Any:
        perangkat = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        qs = super().get_queryset(request).prefetch_related("peran")
        return qs.annotate(ada_2fa=Exists(perangkat))

    def get_fieldsets(self, request: HttpRequest, obj: Model | None = None) -> Any:
        if obj is None:
            kunci = ["username", "password1", "password2", "first_name", "last_name", "email"]
            return [(None, {"fields": kunci}), self._fieldset_kantor(request)]
        kunci_akun = ["username", "password", "first_name", "last_name", "email", "is_active"]
        return [
            (None, {"fields": kunci_akun}),
            self._fieldset_kantor(request),
            (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
        ]

    def _fieldset_kantor(self, request: HttpRequest) -> tuple[Any, dict[str, Any]]:
        kunci = ["peran", "adalah_admin_kantor"]
        if request.user.is_superuser:
            kunci = ["kantor", *kunci, "is_superuser", "kode_provinsi"]
        return (_("Office and roles"), {"fields": kunci})

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> Any:
        return ["last_login", "date_joined"]

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "peran" and request.user.is_superuser and field is not None:
            # Every office's roles in one list: each says its office ("Kadin · Dinas Sosial
            # Kota Blitar"), as on the official's form.
            field.queryset = field.queryset.select_related("kantor").order_by(
                "kantor__nama_daerah", "urutan", "nama"
            )
            field.label_from_instance = lambda p: f"{p.nama} · {p.kantor}"
        return field

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        kantor_admin = None if request.user.is_superuser else pengguna(request).kantor
        return type(form.__name__, (PeranSekantorForm, form), {"kantor_admin": kantor_admin})

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not request.user.is_superuser:
            obj.kantor = pengguna(request).kantor
            obj.is_superuser = False
        if change:  # what the account could do before this form, to compare after its roles
            request._keadaan_akun = keadaan_akun(Pengguna.objects.get(pk=obj.pk))  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        lama = getattr(request, "_keadaan_akun", None)
        if lama is not None and lama != keadaan_akun(form.instance):
            # Disabled, or its roles or rights changed: every session of it ends now, on every
            # device, and the next login decides again whether it needs two-step login.
            pengguna_akhiri_sesi(
                user=form.instance,
                oleh=pengguna(request),
                alasan=str(_("Account disabled or its roles changed in the administration.")),
                request=request,
            )
