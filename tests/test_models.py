"""The published() door and the model rules behind it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from profiles.models import PracticeExample, Profile, Status
from tests.conftest import make_example, make_profile

pytestmark = pytest.mark.django_db


def test_published_returns_only_published_and_not_future_dated():
    draft = make_profile(status=Status.DRAFT)
    in_review = make_profile(status=Status.REVIEW)
    published = make_profile()
    future = make_profile(published_at=timezone.now() + timedelta(days=2))
    # Published once, then withdrawn: a past date alone does not make it public.
    past = timezone.now() - timedelta(days=2)
    withdrawn = make_profile(status=Status.DRAFT, published_at=past)
    withdrawn_to_review = make_profile(status=Status.REVIEW, published_at=past)

    result = set(Profile.objects.published())

    assert result == {published}
    for hidden in (draft, in_review, future, withdrawn, withdrawn_to_review):
        assert not hidden.is_public
    assert published.is_public


def test_published_door_for_examples():
    draft = make_example(status=Status.DRAFT)
    published = make_example()
    assert list(PracticeExample.objects.published()) == [published]
    assert draft.is_public is False


def test_publishing_sets_published_at_once():
    profile = make_profile(status=Status.DRAFT)
    assert profile.published_at is None
    profile.status = Status.PUBLISHED
    profile.save()
    first = profile.published_at
    assert first is not None
    profile.save()
    assert profile.published_at == first


def test_compensation_kinds_lists_the_set_flags():
    profile = make_profile(compensation_monetary=True, compensation_package=True)
    assert [kind.value for kind in profile.compensation_kinds] == ["monetaer", "paketloesung"]


def test_related_profiles_are_symmetrical():
    a = make_profile()
    b = make_profile()
    a.related.add(b)
    assert list(b.related.all()) == [a]
