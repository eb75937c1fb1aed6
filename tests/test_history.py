"""History: every change is recorded with who and what; compare and revert in the admin."""

import pytest
from django.urls import reverse
from reversion.models import Version

from profiles.models import Status
from tests.conftest import make_policy_area, make_profile

pytestmark = pytest.mark.django_db


def change_form_data(response):
    """POST data that re-submits an admin change form as rendered (with inlines)."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [getattr(item, "pk", item) for item in value]
        else:
            data[name] = value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            data[f"{formset.prefix}-{name}"] = formset.management_form[name].value()
        for subform in formset.forms:
            for name in subform.fields:
                value = subform[name].value()
                if value is not None and value is not False:
                    data[subform.add_prefix(name)] = getattr(value, "pk", value)
    return data


def form_errors(response):
    formsets = [inline.formset for inline in response.context["inline_admin_formsets"]]
    return (
        response.context["adminform"].form.errors,
        [(f.errors, f.non_form_errors()) for f in formsets],
    )


@pytest.fixture
def profile_with_history(editor_client):
    """A profile created and then changed through the admin: two revisions."""
    housing = make_policy_area("Wohnen")
    mobility = make_policy_area("Mobilität")
    neighbour = make_profile("Zweckvereinbarung")
    url = reverse("admin:profiles_profile_add")
    data = {
        "kind": "organisationsform",
        "title": "Zweckverband",
        "slug": "zweckverband",
        "summary": "Erste Fassung.",
        "description": "Der ursprüngliche Text.",
        "bindingness": "rechtsperson",
        "effort": "hoch",
        "compensation_monetary": "on",
        "tags": [housing.pk],
        "related": [neighbour.pk],
        "status": Status.DRAFT,
        "sources-TOTAL_FORMS": "1",
        "sources-INITIAL_FORMS": "0",
        "sources-0-title": "KommZG",
        "sources-0-url": "https://gesetze.legal/bayern/kommzg/17",
        "sources-0-position": "1",
    }
    assert editor_client.post(url, data).status_code == 302
    from profiles.models import Profile

    profile = Profile.objects.get(slug="zweckverband")
    change_url = reverse("admin:profiles_profile_change", args=[profile.pk])
    data = change_form_data(editor_client.get(change_url))
    source_pk = profile.sources.get().pk
    data.update(
        {
            "description": "Ein falscher Text.",
            "compensation_monetary": "",
            "effort": "gering",
            "tags": [mobility.pk],
            "related": [],
            "sources-0-DELETE": "on",
            "sources-0-id": source_pk,
        }
    )
    data.pop("compensation_monetary")
    response = editor_client.post(change_url, data)
    assert response.status_code == 302, form_errors(response)
    profile.refresh_from_db()
    assert profile.description == "Ein falscher Text."
    assert not profile.sources.exists()
    return profile, housing, neighbour


def test_every_admin_save_is_recorded_with_user_and_change(profile_with_history, editor):
    profile, _housing, _neighbour = profile_with_history
    versions = Version.objects.get_for_object(profile)
    assert versions.count() == 2
    latest = versions.first()
    assert latest.revision.user == editor
    assert "Was ist das?" in latest.revision.get_comment()  # names the changed field
    assert latest.field_dict["description"] == "Ein falscher Text."
    assert versions.last().field_dict["description"] == "Der ursprüngliche Text."


def test_history_page_lists_versions_and_compare_shows_the_difference(
    editor_client, profile_with_history
):
    profile, _housing, _neighbour = profile_with_history
    history = editor_client.get(reverse("admin:profiles_profile_history", args=[profile.pk]))
    assert history.status_code == 200
    assert "redakteurin" in history.content.decode()
    newer, older = Version.objects.get_for_object(profile)[:2]
    compare = editor_client.get(
        reverse("admin:profiles_profile_compare", args=[profile.pk]),
        {"version_id1": older.pk, "version_id2": newer.pk},
    )
    assert compare.status_code == 200
    content = compare.content.decode()
    assert "<del>Der ursprüngli</del><ins>Ein fals</ins>" in content
    assert "Handlungsfelder" in content and "Wohnen" in content and "Mobilität" in content
    assert "Quellen" in content and "KommZG" in content


def test_revert_restores_text_facts_tags_related_and_sources(editor_client, profile_with_history):
    profile, housing, neighbour = profile_with_history
    first = Version.objects.get_for_object(profile).last()
    url = reverse("admin:profiles_profile_revision", args=[profile.pk, first.pk])
    preview = editor_client.get(url)
    assert preview.status_code == 200
    profile.refresh_from_db()
    assert profile.description == "Ein falscher Text."  # viewing does not change anything
    response = editor_client.post(url, change_form_data(preview))
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.description == "Der ursprüngliche Text."
    assert profile.effort == "hoch"
    assert profile.compensation_monetary is True
    assert list(profile.tags.all()) == [housing]
    assert list(profile.related.all()) == [neighbour]
    assert [(s.title, s.url) for s in profile.sources.all()] == [
        ("KommZG", "https://gesetze.legal/bayern/kommzg/17")
    ]
    latest = Version.objects.get_for_object(profile).first()
    assert latest.revision.get_comment().startswith("Zu vorheriger Version zurückgesetzt")


def test_policy_area_changes_are_recorded_and_revertible(editor_client):
    area = make_policy_area("Wohnen", description="Alt.")
    url = reverse("admin:profiles_policyarea_change", args=[area.pk])
    for text in ("Alt.", "Neu."):
        response = editor_client.post(
            url, {"name": "Wohnen", "slug": area.slug, "description": text}
        )
        assert response.status_code == 302
    area.refresh_from_db()
    assert area.description == "Neu."  # the second save took effect
    versions = Version.objects.get_for_object(area)
    assert [v.field_dict["description"] for v in versions] == ["Neu.", "Alt."]
    first = versions.last()
    first.revision.revert()
    area.refresh_from_db()
    assert area.description == "Alt."


def test_actions_are_recorded_with_their_name(editor_client, editor):
    draft = make_profile(status=Status.DRAFT)
    editor_client.post(
        reverse("admin:profiles_profile_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    version = Version.objects.get_for_object(draft).get()
    assert version.revision.user == editor
    assert "veröffentlichen" in version.revision.get_comment()
    assert version.field_dict["status"] == Status.PUBLISHED
