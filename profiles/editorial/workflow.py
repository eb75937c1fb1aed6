"""The publishing workflow: who may publish, what may be published. Written once.

Every path that changes content asks these functions: the admin form and its
actions, bulk delete, history revert, change proposals and imports (admin and
``import_catalogue``). Nothing else decides.

- ``may_publish(user, model)``: the one permission check ("publish_<model>").
- ``change_errors(user, before, after)``: what a user without that permission
  may not do. Authors (Autorenschaft) work on drafts and set "In Prüfung";
  they may not publish, set or move the publication date, withdraw, or change
  content whose status is "Veröffentlicht" (live or scheduled) in place: they
  propose the change instead (``profiles.editorial.proposals``), and an editor
  with the permission reviews and applies it.
- ``publish_blockers(obj, ...)``: what a Steckbrief or Praxisbeispiel still
  lacks before anybody may publish it (German messages).
"""

from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.utils import timezone

from profiles.models import PracticeExample, Profile, Publishable, Status

# Sections a Steckbrief needs before it is published; "Ansprechpartner" may be
# empty (many instruments have no single contact).
OPTIONAL_SECTIONS = frozenset({"contact"})


def publishable_models():
    """Every model with the publishing workflow (Steckbrief, Praxisbeispiel, Glossar …)."""
    return tuple(model for model in apps.get_models() if issubclass(model, Publishable))


def is_publishable(model) -> bool:
    return isinstance(model, type) and issubclass(model, Publishable)


def may_publish(user, model) -> bool:
    """The single "may this user publish this kind of content" check."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")


@dataclass(frozen=True)
class State:
    """The workflow-relevant part of a Steckbrief or Praxisbeispiel."""

    status: str
    published_at: datetime | None

    @classmethod
    def of(cls, obj) -> "State | None":
        if obj is None or getattr(obj, "pk", None) is None:
            return None
        return cls(obj.status, obj.published_at)

    @classmethod
    def from_fields(cls, fields: dict) -> "State":
        return cls(fields.get("status") or Status.DRAFT, fields.get("published_at"))

    @property
    def live_or_scheduled(self) -> bool:
        return self.status == Status.PUBLISHED

    def is_public(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
        )


LOCKED = (
    "„%(title)s“ ist veröffentlicht. Änderungen daran gehen als Vorschlag an die Redaktion; "
    "zurückziehen, löschen oder den Veröffentlichungszeitpunkt ändern darf nur, wer die "
    "Berechtigung zum Veröffentlichen hat."
)
NO_PUBLISH = (
    "„%(title)s“: Keine Berechtigung zum Veröffentlichen. Setzen Sie den Status auf "
    "„In Prüfung“; die Redaktion veröffentlicht."
)
NO_DATE = "„%(title)s“: „veröffentlicht am“ darf nur setzen, wer veröffentlichen darf."


def change_errors(user, model, before: State | None, after: State | None, title="") -> list[str]:
    """German reasons why ``user`` may not turn ``before`` into ``after`` (None: no object).

    ``after`` None means deleting. Users with the publish permission may do
    anything the form allows; ``publish_blockers`` applies to them separately.
    """
    if not is_publishable(model) or may_publish(user, model):
        return []
    params = {"title": title}
    if before is not None and before.live_or_scheduled:
        # Any change of live (or scheduled) content goes through a proposal.
        return [LOCKED % params]
    if after is None:
        return []
    errors = []
    if after.status == Status.PUBLISHED:
        errors.append(NO_PUBLISH % params)
    elif after.published_at != (before.published_at if before else None):
        errors.append(NO_DATE % params)
    return errors


def locked_for(user, obj) -> bool:
    """True if ``user`` may change ``obj`` only through a proposal."""
    return bool(
        obj is not None
        and is_publishable(type(obj))
        and obj.pk is not None
        and obj.status == Status.PUBLISHED
        and not may_publish(user, type(obj))
    )


def section_blockers(obj) -> list[str]:
    """German reasons in the text of ``obj`` why it may not be published yet."""
    if isinstance(obj, Profile):
        empty = [
            str(Profile._meta.get_field(name).verbose_name)
            for name, _anchor in Profile.SECTIONS
            if name not in OPTIONAL_SECTIONS
            # Some sections belong to certain kinds only (the Checkliste to Organisationsformen).
            and obj.kind in Profile.SECTIONS_FOR_KINDS.get(name, {obj.kind})
            and not (getattr(obj, name) or "").strip()
        ]
        if empty:
            return [
                "Veröffentlichen nicht möglich: Diese Abschnitte sind noch leer: "
                + ", ".join(f"„{label}“" for label in empty)
                + "."
            ]
    elif isinstance(obj, PracticeExample) and not (obj.description or "").strip():
        return ["Veröffentlichen nicht möglich: Die Beschreibung ist leer."]
    return []


NO_SOURCE = (
    "Veröffentlichen nicht möglich: Es ist keine Quelle angegeben. Jede Angabe braucht "
    "eine öffentliche Quelle."
)


def publish_blockers(obj, *, source_count=None) -> list[str]:
    """German reasons why ``obj`` may not be published yet (empty: ready).

    ``source_count`` is the number of sources it will have (defaults to the
    saved ones), so a form or an import can check sources it is about to save.
    """
    if not isinstance(obj, Publishable):
        return []
    errors = section_blockers(obj)
    if not hasattr(obj, "sources"):
        return errors
    if source_count is None:
        source_count = obj.sources.count() if obj.pk else 0
    if source_count == 0:
        errors.append(NO_SOURCE)
    return errors


def becomes_published(before: State | None, after: State | None) -> bool:
    return (
        after is not None and after.live_or_scheduled and not (before and before.live_or_scheduled)
    )


def _track_withdrawal(sender, instance, **kwargs):
    """Keep ``withdrawn_at``: set when public content stops being public.

    A pre_save receiver, so it also runs for history reverts (raw saves) and
    imports. The previous state comes from the database, not from the instance.
    """
    now = timezone.now()
    after = State(instance.status, instance.published_at)
    if after.is_public(now):
        instance.withdrawn_at = None
        return
    if instance.pk is None:
        return
    previous = (
        sender.objects.filter(pk=instance.pk)
        .values_list("status", "published_at", "withdrawn_at")
        .first()
    )
    if previous is None:
        return
    status, published_at, withdrawn_at = previous
    if State(status, published_at).is_public(now):
        instance.withdrawn_at = now
    else:
        # A revert may carry an older value; never forget a withdrawal.
        instance.withdrawn_at = withdrawn_at or instance.withdrawn_at


def connect_signals():
    from django.db.models.signals import pre_save

    for model in publishable_models():
        pre_save.connect(
            _track_withdrawal, sender=model, dispatch_uid=f"withdrawal:{model.__name__}"
        )
