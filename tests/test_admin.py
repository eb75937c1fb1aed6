"""The editors' admin: access, the Redaktion group, actions, autocomplete, no N+1."""

import re

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from profiles.editorial.groups import EDITOR_GROUP, ensure_editor_group
from profiles.models import Profile, Status
from tests.conftest import (
    assert_publish_action_refused,
    make_example,
    make_policy_area,
    make_profile,
    ready_to_publish,
)

pytestmark = pytest.mark.django_db


def test_anonymous_users_are_sent_to_the_admin_login(client):
    for url in (
        reverse("admin:index"),
        reverse("admin:profiles_profile_changelist"),
        reverse("admin:profiles_profile_add"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_redaktion_group_curates_content_but_not_users(editor):
    assert editor.has_perm("profiles.change_profile")
    assert editor.has_perm("profiles.add_practiceexample")
    assert editor.has_perm("profiles.change_policyarea")
    assert editor.has_perm("profiles.publish_profile")
    assert not editor.has_perm("auth.change_user")
    assert not editor.has_perm("auth.add_user")
    assert not editor.has_perm("auth.change_group")
    group_apps = set(
        Group.objects.get(name=EDITOR_GROUP).permissions.values_list(
            "content_type__app_label", flat=True
        )
    )
    # Content (profiles, glossary, calculator, the law of the Länder, search synonyms) and
    # the queue of submissions; nothing of auth.
    assert group_apps == {
        "profiles",
        "glossary",
        "calculator",
        "laender",
        "search",
        "submissions",
    }
    assert editor.has_perm("glossary.change_term")
    assert editor.has_perm("glossary.publish_term")
    assert editor.has_perm("search.change_synonym")
    assert editor.has_perm("submissions.change_submission")
    assert not editor.has_perm("submissions.add_submission")


def test_editor_can_open_profile_admin_but_not_user_admin(editor_client):
    assert editor_client.get(reverse("admin:profiles_profile_changelist")).status_code == 200
    assert editor_client.get(reverse("admin:profiles_profile_add")).status_code == 200
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_ensure_editor_group_is_idempotent_and_repairs_permissions():
    group = ensure_editor_group()
    count = group.permissions.count()
    group.permissions.clear()
    ensure_editor_group()
    ensure_editor_group()
    assert Group.objects.filter(name=EDITOR_GROUP).count() == 1
    assert group.permissions.count() == count


def test_editor_creates_profile_with_policy_areas_and_sources(editor_client):
    area = make_policy_area("Mobilität")
    other = make_profile("Zweckvereinbarung")
    data = {
        "kind": "organisationsform",
        "title": "Zweckverband",
        "slug": "zweckverband",
        "summary": "Eine eigene Körperschaft.",
        "description": "Text",
        "bindingness": "rechtsperson",
        "effort": "hoch",
        "compensation_monetary": "on",
        "tags": [area.pk],
        "related": [other.pk],
        "status": "entwurf",
        "sources-TOTAL_FORMS": "1",
        "sources-INITIAL_FORMS": "0",
        "sources-0-title": "KommZG",
        "sources-0-url": "https://gesetze.legal/bayern/kommzg/2",
        "sources-0-position": "1",
    }
    response = editor_client.post(reverse("admin:profiles_profile_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    profile = Profile.objects.get(slug="zweckverband")
    assert list(profile.tags.all()) == [area]
    assert list(profile.related.all()) == [other]
    assert profile.sources.get().url == "https://gesetze.legal/bayern/kommzg/2"
    assert profile.status == Status.DRAFT


def test_policy_area_autocomplete_answers_for_the_tag_field(editor_client):
    make_policy_area("Mobilität")
    make_policy_area("Wohnen")
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "profiles", "model_name": "profile", "field_name": "tags", "term": "mob"},
    )
    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == ["Mobilität"]


def test_publish_and_back_to_draft_actions(editor_client):
    drafts = [make_profile(status=Status.DRAFT) for _ in range(2)]
    for draft in drafts:
        ready_to_publish(draft)
    url = reverse("admin:profiles_profile_changelist")
    pks = [p.pk for p in drafts]
    editor_client.post(url, {"action": "publish", "_selected_action": pks})
    assert Profile.objects.published().filter(pk__in=pks).count() == 2
    editor_client.post(url, {"action": "back_to_draft", "_selected_action": pks})
    assert set(Profile.objects.filter(pk__in=pks).values_list("status", flat=True)) == {
        Status.DRAFT
    }


def test_staff_without_publish_permission_cannot_publish(client):
    authors = Group.objects.create(name="Autorinnen")
    authors.permissions.set(
        Permission.objects.filter(content_type__app_label="profiles").exclude(
            codename__startswith="publish_"
        )
    )
    user = User.objects.create_user("autorin", password="x", is_staff=True)
    user.groups.set([authors])
    client.force_login(user)
    draft = make_profile(status=Status.DRAFT)
    assert_publish_action_refused(client, draft)


def test_view_on_site_link_points_to_the_public_page(editor_client):
    profile = make_profile()
    response = editor_client.get(reverse("admin:profiles_profile_change", args=[profile.pk]))
    assert response.status_code == 200
    link = re.search(r'<a href="([^"]+)" class="viewsitelink"', response.content.decode())
    assert link, "no 'Auf der Website anzeigen' link"
    # The admin's shortcut redirects to the object's public page.
    target = editor_client.get(link.group(1))
    assert target.status_code == 302
    assert target["Location"].endswith(profile.get_absolute_url())
    assert editor_client.get(target["Location"]).context["profile"] == profile


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "admin_url", ["profiles_profile_changelist", "profiles_practiceexample_changelist"]
)
def test_admin_changelists_have_no_n_plus_one(editor_client, admin_url):
    areas = [make_policy_area() for _ in range(3)]
    make_profile(tags=areas)
    make_example(tags=areas, profiles=[make_profile()])
    url = reverse(f"admin:{admin_url}")
    with_one = count_queries(editor_client, url)
    for _ in range(30):
        make_profile(tags=areas)
        make_example(tags=areas)
    assert count_queries(editor_client, url) == with_one


def test_summary_is_a_textarea_that_keeps_its_length_limit(editor_client):
    response = editor_client.get(reverse("admin:profiles_profile_add"))
    body = response.content.decode()
    textarea = re.search(r'<textarea name="summary"[^>]*>', body)
    assert textarea and 'maxlength="400"' in textarea.group(0)
