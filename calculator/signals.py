"""Keep cached public pages and the editors' permissions in step with Rechenbeispiele."""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_save

from catalogue.caching import bump_content_version

EDITOR_GROUPS = ("Redaktion", "Autorenschaft")


def _changed(sender, **kwargs):
    """A Rechenbeispiel shows on Steckbrief pages: a change makes cached pages stale."""
    bump_content_version()


def _relations_changed(sender, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        bump_content_version()


def connect():
    from calculator.models import Rechenbeispiel

    post_save.connect(_changed, sender=Rechenbeispiel, dispatch_uid="rechenbeispiel_saved")
    post_delete.connect(_changed, sender=Rechenbeispiel, dispatch_uid="rechenbeispiel_deleted")
    for through in (Rechenbeispiel.profiles.through, Rechenbeispiel.examples.through):
        m2m_changed.connect(
            _relations_changed, sender=through, dispatch_uid=f"rechenbeispiel_m2m_{through}"
        )


def grant_editor_permissions(**kwargs):
    """Editors and authors curate Rechenbeispiele (added to the groups the catalogue keeps)."""
    permissions = Permission.objects.filter(
        content_type__app_label="calculator",
        codename__in=[f"{action}_rechenbeispiel" for action in ("add", "change", "delete", "view")],
    )
    for name in EDITOR_GROUPS:
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*permissions)
