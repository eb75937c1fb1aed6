from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CalculatorConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "calculator"
    verbose_name = "Lasten-Nutzen-Rechner"
    # Rechenbeispiele show on Steckbrief pages: a change makes cached pages stale
    # (catalogue/caching.py).
    public_content = True

    def ready(self):
        import reversion

        from calculator.models import Rechenbeispiel
        from profiles.editorial.groups import ensure_editor_group

        if not reversion.is_registered(Rechenbeispiel):
            reversion.register(Rechenbeispiel)
        # The editors' groups get the Rechenbeispiel permissions once they exist
        # (profiles/editorial/groups.py lists the calculator among OTHER_APPS).
        post_migrate.connect(ensure_editor_group, sender=self)
