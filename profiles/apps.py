from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ProfilesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "profiles"
    verbose_name = "Katalog"

    def ready(self):
        from catalogue import caching  # noqa: F401 (connects the content-version signals)
        from profiles.editorial.groups import ensure_editor_group
        from profiles.editorial.history import register_models
        from profiles.public.permalinks import connect_signals

        post_migrate.connect(ensure_editor_group, sender=self)
        connect_signals()
        register_models()
