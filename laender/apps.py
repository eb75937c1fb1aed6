from django.apps import AppConfig


class LaenderConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "laender"
    verbose_name = "Recht der Länder"
    # Its rows are shown on public pages: changes empty the page cache.
    public_content = True
