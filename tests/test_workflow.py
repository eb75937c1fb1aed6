"""Workflow Entwurf -> In Prüfung -> Veröffentlicht: only publishers publish."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from profiles.editorial.groups import AUTHOR_GROUP, EDITOR_GROUP, ensure_editor_group
from profiles.models import Profile, Status
from tests.conftest import assert_publish_action_refused, make_profile, ready_to_publish
from tests.test_history import change_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def author_client(db):
    """A member of the group Autorenschaft: curates everything but may not publish."""
    client = Client()
    user = User.objects.create_user("autor", password="ein-langes-passwort-123", is_staff=True)
    user.groups.add(Group.objects.get(name=AUTHOR_GROUP))
    client.force_login(user)
    return client


def test_groups_differ_in_publishing_deciding_and_live_pages():
    ensure_editor_group()
    editors = set(
        Group.objects.get(name=EDITOR_GROUP).permissions.values_list("codename", flat=True)
    )
    authors = set(
        Group.objects.get(name=AUTHOR_GROUP).permissions.values_list("codename", flat=True)
    )
    # Authors read Handlungsfelder, legal pages and the law of the Länder (live at
    # once) and their own proposals; they neither publish nor decide proposals.
    assert editors - authors == {
        "publish_profile",
        "publish_practiceexample",
        "publish_term",
        "change_changeproposal",
        *(
            f"{a}_{m}"
            for m in ("policyarea", "legalpage", "landlaw")
            for a in ("add", "change", "delete")
        ),
    }
    assert authors < editors


def test_author_can_move_a_draft_to_review_but_not_publish(author_client):
    draft = make_profile(status=Status.DRAFT)
    url = reverse("admin:profiles_profile_change", args=[draft.pk])
    page = author_client.get(url)
    assert page.status_code == 200
    status_choices = [
        value for value, _label in page.context["adminform"].form.fields["status"].choices
    ]
    assert status_choices == [Status.DRAFT, Status.REVIEW]
    assert "published_at" not in page.context["adminform"].form.fields  # read-only

    data = change_form_data(page)
    data["status"] = Status.REVIEW
    assert author_client.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW

    data["status"] = Status.PUBLISHED
    response = author_client.post(url, data)
    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW
    assert not Profile.objects.published().filter(pk=draft.pk).exists()


def test_author_cannot_publish_with_the_action(author_client):
    draft = make_profile(status=Status.REVIEW)
    assert_publish_action_refused(author_client, draft)


def test_editor_publishes_and_the_date_is_set(editor_client):
    draft = make_profile(status=Status.REVIEW, published_at=None)
    ready_to_publish(draft)
    url = reverse("admin:profiles_profile_change", args=[draft.pk])
    data = change_form_data(editor_client.get(url))
    data["status"] = Status.PUBLISHED
    assert editor_client.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.published_at is not None
    assert Profile.objects.published().filter(pk=draft.pk).exists()


def test_author_cannot_publish_by_reverting_to_a_published_version(editor_client, author_client):
    profile = make_profile(status=Status.REVIEW, published_at=None)
    ready_to_publish(profile)
    url = reverse("admin:profiles_profile_change", args=[profile.pk])
    data = change_form_data(editor_client.get(url))
    data["status"] = Status.PUBLISHED
    assert editor_client.post(url, data).status_code == 302
    data = change_form_data(editor_client.get(url))
    data["status"] = Status.DRAFT
    editor_client.post(url, data)
    profile.refresh_from_db()
    assert profile.status == Status.DRAFT
    published_version = Version.objects.get_for_object(profile).last()
    assert published_version.field_dict["status"] == Status.PUBLISHED
    revert_url = reverse("admin:profiles_profile_revision", args=[profile.pk, published_version.pk])
    preview = author_client.get(revert_url)
    assert preview.status_code == 200
    response = author_client.post(revert_url, change_form_data(preview), follow=True)
    assert "Keine Berechtigung zum Veröffentlichen" in response.content.decode()
    profile.refresh_from_db()
    assert profile.status == Status.DRAFT


def test_the_checkliste_is_required_for_organisationsformen_only():
    from profiles.editorial.workflow import section_blockers
    from profiles.models import Kind

    instrument = ready_to_publish(make_profile(kind=Kind.INSTRUMENT, checklist=""))
    assert section_blockers(instrument) == []
    form = ready_to_publish(make_profile(kind=Kind.ORGANISATION))
    form.checklist = ""
    assert "Checkliste" in " ".join(section_blockers(form))
