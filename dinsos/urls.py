"""Root URL configuration."""

from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from layanan.admin.site import admin_site
from layanan.forms.masuk import FormulirMasuk

urlpatterns = [
    path("favicon.ico", RedirectView.as_view(url=static("img/favicon.svg"), permanent=True)),
    path("masuk/", auth_views.LoginView.as_view(authentication_form=FormulirMasuk), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin_site.urls),
    path("", include("layanan.urls")),
]
