"""Keep cached public pages in step with Rechenbeispiele."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from catalogue.caching import bump_content_version


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
