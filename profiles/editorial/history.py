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
