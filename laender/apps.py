from django.apps import AppConfig
from django.db.models.signals import post_migrate


class LaenderConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "laender"
    verbose_name = "Recht der Länder"
    # Its rows are shown on public pages: changes empty the page cache.
    public_content = True

    def ready(self):
        from profiles.editorial.groups import ensure_editor_group

        # The editors' groups get the LandLaw permissions once they exist
        # (profiles/editorial/groups.py lists the app among OTHER_APPS).
        post_migrate.connect(ensure_editor_group, sender=self)
