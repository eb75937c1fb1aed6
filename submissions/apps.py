from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SubmissionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "submissions"
    verbose_name = "Einsendungen"

    def ready(self):
        from profiles.editorial.groups import ensure_editor_group

        # Again after this app's permissions exist, so the editors' groups get them.
        post_migrate.connect(
            ensure_editor_group, sender=self, dispatch_uid="submissions_editor_group"
        )
