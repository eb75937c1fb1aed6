"""Change history of the catalogue's content (django-reversion).

A revision is one save: the object with its text and facts, plus what hangs
off it (sources, Handlungsfeld assignments, related profiles), so reverting a
revision restores all of it together. The admin records a revision for every
form save, action and import; code that changes content elsewhere wraps the
change in ``recorded()``.
"""

from contextlib import contextmanager

import reversion

from profiles.models import (
    ExampleSource,
    PolicyArea,
    PracticeExample,
    Profile,
    ProfileSource,
    TaggedExample,
    TaggedProfile,
)


def register_models():
    """Register the content models once (idempotent, called from AppConfig.ready)."""
    for model in (ProfileSource, ExampleSource, TaggedProfile, TaggedExample, PolicyArea):
        if not reversion.is_registered(model):
            reversion.register(model)
    if not reversion.is_registered(Profile):
        # `related` (many-to-many) is part of the serialised profile itself.
        reversion.register(Profile, follow=["sources", "taggedprofile_set"])
    if not reversion.is_registered(PracticeExample):
        reversion.register(PracticeExample, follow=["sources", "taggedexample_set"])


@contextmanager
def recorded(user=None, comment=""):
    """Record the changes made in the block as one revision (nestable)."""
    if reversion.is_active():
        if user is not None and reversion.get_user() is None:
            reversion.set_user(user)
        if comment:
            reversion.set_comment(comment)
        yield
        return
    with reversion.create_revision():
        if user is not None and getattr(user, "is_authenticated", False):
            reversion.set_user(user)
        if comment:
            reversion.set_comment(comment)
        yield


def _children_of(model):
    """(child model, parent key) of what a revision of ``model`` follows (sources, tags)."""
    from reversion.revisions import _get_options

    follow = set(_get_options(model).follow)
    return [
        (rel.related_model, rel.field.attname)
        for rel in model._meta.related_objects
        if rel.one_to_many and rel.get_accessor_name() in follow  # sources, tag assignments
    ]


def object_versions(version):
    """The versions in ``version``'s revision that belong to its object.

    A revision may hold several objects (an action or an import on many
    entries); restoring one entry must leave the others alone.
    """
    model = version._model
    children = dict(_children_of(model))
    object_id = str(version.object_id)
    versions = [version]
    for other in version.revision.version_set.exclude(pk=version.pk):
        key = children.get(other._model)
        if key is None:
            continue
        try:
            parent = other.field_dict.get(key)
        except Exception:  # noqa: BLE001 - a version of a model whose fields changed
            continue
        if str(parent) == object_id:
            versions.append(other)
    return versions


def revert_object(version):
    """Restore only ``version``'s object with its sources and Handlungsfelder.

    Sources and assignments the object got since are deleted, those of other
    objects are not touched (unlike ``Revision.revert(delete=True)``).
    """
    from django.db import transaction
    from reversion.models import _safe_revert

    model = version._model
    versions = object_versions(version)
    with transaction.atomic(using=version.db):
        kept = {(v._model, str(v.object_id)) for v in versions}
        for child_model, key in _children_of(model):
            for child in child_model._default_manager.filter(**{key: version.object_id}):
                if (child_model, str(child.pk)) not in kept:
                    child.delete()
        _safe_revert(versions)
    return versions
