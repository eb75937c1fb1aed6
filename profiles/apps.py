from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ProfilesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "profiles"
    verbose_name = "Katalog"
    # Its models are public content: changes empty the public page cache.
    public_content = True

    def ready(self):
        from django.core import checks

        from catalogue import caching  # noqa: F401 (connects the content-version signals)
        from profiles.editorial.groups import ensure_editor_group
        from profiles.editorial.history import register_models
        from profiles.editorial.workflow import connect_signals as connect_workflow_signals
        from profiles.public.permalinks import connect_signals
        from profiles.public.rendered import check_pdf_libraries

        post_migrate.connect(ensure_editor_group, sender=self)
        # manage.py check --deploy: the system libraries WeasyPrint needs for the PDF.
        checks.register(check_pdf_libraries, checks.Tags.compatibility, deploy=True)
        connect_signals()
        register_models()
        connect_workflow_signals()
