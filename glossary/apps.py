from django.apps import AppConfig
from django.db.models.signals import post_migrate


class GlossaryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "glossary"
    verbose_name = "Glossar"

    def ready(self):
        import reversion

        from profiles.editorial.groups import ensure_editor_group

        # The editors' groups get the glossary's permissions once they exist.
        post_migrate.connect(ensure_editor_group, sender=self)

        from glossary.models import Term, TermSource

        if not reversion.is_registered(TermSource):
            reversion.register(TermSource)
        if not reversion.is_registered(Term):
            reversion.register(Term, follow=["sources"])
