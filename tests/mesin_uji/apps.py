from django.apps import AppConfig


class MesinUjiConfig(AppConfig):
    name = "tests.mesin_uji"
    label = "mesin_uji"
    default_auto_field = "django.db.models.BigAutoField"
