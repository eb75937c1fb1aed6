from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "Suche"
    # Synonyms change what every search page shows (catalogue.caching).
    public_content = True

    def ready(self):
        from profiles.editorial.groups import ensure_editor_group
        from search import registry
        from search.index import build_missing_index, connect_signals

        registry.register_defaults()
        connect_signals()
        post_migrate.connect(build_missing_index, sender=self)
        # The editors' group gets the synonym permissions once they exist.
        post_migrate.connect(ensure_editor_group, sender=self)
