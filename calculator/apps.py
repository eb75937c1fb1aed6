from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CalculatorConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "calculator"
    verbose_name = "Lasten-Nutzen-Rechner"

    def ready(self):
        import reversion

        from calculator import signals
        from calculator.models import Rechenbeispiel

        if not reversion.is_registered(Rechenbeispiel):
            reversion.register(Rechenbeispiel)
        signals.connect()
        post_migrate.connect(signals.grant_editor_permissions, sender=self)
