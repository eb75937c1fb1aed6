from django.apps import AppConfig


class LaenderConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "laender"
    verbose_name = "Recht der Länder"
