from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ProfilesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "profiles"
    verbose_name = "Katalog"
    # Its models are public content: changes empty the public page cache.
    public_content = True

    def ready(self):
        from catalogue import caching  # noqa: F401 (connects the content-version signals)
        from profiles.editorial.groups import ensure_editor_group
        from profiles.editorial.history import register_models
        from profiles.editorial.workflow import connect_signals as connect_workflow_signals
        from profiles.public.permalinks import connect_signals

        post_migrate.connect(ensure_editor_group, sender=self)
        connect_signals()
        register_models()
        connect_workflow_signals()
