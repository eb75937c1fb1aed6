"""factory_boy factories for the catalogue's content.

Profiles and examples are complete and published a minute ago unless a trait
says otherwise:

- ``draft=True``: an Entwurf, never published;
- ``scheduled=True``: "Veröffentlicht" with a date next month (not public yet);
- ``withdrawn=True``: was public, then set back to Entwurf by the editors.

Glossary terms (``TermFactory``) take the same traits. ``tags``, ``profiles``
(examples), ``related`` and ``scope`` (Land codes) take
lists after creation. ``tests.conftest.make_profile`` and friends are thin
wrappers kept for the many existing tests.
"""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from glossary.models import Term
from profiles.models import (
    Bindingness,
    Effort,
    Kind,
    Land,
    PolicyArea,
    PracticeExample,
    Profile,
    Status,
)


def _published_at(obj):
    return timezone.now() - timedelta(minutes=1) if obj.status == Status.PUBLISHED else None


def _set_many(field):
    def hook(obj, create, extracted, **kwargs):
        if create and extracted:
            getattr(obj, field).set(extracted)

    return factory.PostGeneration(hook)


class PolicyAreaFactory(DjangoModelFactory):
    class Meta:
        model = PolicyArea

    name = factory.Sequence(lambda n: f"Handlungsfeld {n + 1}")


class PublishableFactory(DjangoModelFactory):
    class Meta:
        abstract = True
        skip_postgeneration_save = True  # the hooks save what they set

    status = Status.PUBLISHED
    published_at = factory.LazyAttribute(_published_at)

    class Params:
        draft = factory.Trait(status=Status.DRAFT, published_at=None)
        scheduled = factory.Trait(
            status=Status.PUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=30)),
        )
        withdrawn = factory.Trait(
            status=Status.DRAFT,
            published_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=30)),
            # Set by the workflow when public content stops being public.
            withdrawn_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=1)),
        )


class ProfileFactory(PublishableFactory):
    class Meta:
        model = Profile
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Steckbrief {n + 1}")
    slug = factory.Sequence(lambda n: f"steckbrief-{n + 1}")
    kind = Kind.ORGANISATION
    summary = factory.LazyAttribute(lambda o: f"Kurzbeschreibung von {o.title}.")
    description = "Was es ist."
    legal_basis = "Art. 1 KommZG"
    bindingness = Bindingness.CONTRACT
    effort = Effort.MEDIUM

    tags = _set_many("tags")
    related = _set_many("related")

    @factory.post_generation
    def scope(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.scope.set(Land.objects.filter(code__in=extracted))


class ExampleFactory(PublishableFactory):
    class Meta:
        model = PracticeExample
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Praxisbeispiel {n + 1}")
    slug = factory.Sequence(lambda n: f"praxisbeispiel-{n + 1}")
    summary = factory.LazyAttribute(lambda o: f"Kurzbeschreibung von {o.title}.")
    municipalities = "Gemeinde A\nGemeinde B"
    state = "BY"
    description = "Beschreibung."

    tags = _set_many("tags")
    profiles = _set_many("profiles")


class TermFactory(PublishableFactory):
    class Meta:
        model = Term
        skip_postgeneration_save = True

    term = factory.Sequence(lambda n: f"Begriff {n + 1}")
    slug = factory.Sequence(lambda n: f"begriff-{n + 1}")
    definition = factory.LazyAttribute(lambda o: f"Erklärung von {o.term}.")
