"""Editing in the admin: German slugs, the Markdown preview, the editors' admin home."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from profiles.editorial.editing import MAX_PREVIEW_CHARS
from profiles.editorial.groups import AUTHOR_GROUP
from profiles.models import PracticeExample, Profile
from profiles.text import fold_umlauts, german_slugify
from tests.conftest import make_profile

pytestmark = pytest.mark.django_db

PREVIEW = reverse("admin:profiles_profile_markdown_preview")
DEMO = Path(settings.BASE_DIR) / "fixtures" / "demo"


def demo_titles_and_slugs():
    for path in sorted(DEMO.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            fields = entry.get("fields", {})
            if entry.get("model") in {"profiles.profile", "profiles.practiceexample"}:
                yield fields["title"], fields["slug"]


# ---- Slugs -------------------------------------------------------------------


def test_german_slugs_match_the_demo_slugs_that_spell_their_whole_title():
    matched = 0
    for title, slug in demo_titles_and_slugs():
        # Demo slugs that spell out the whole title (others are shortened on purpose).
        if slug.count("-") == german_slugify(title).count("-") and fold_umlauts(title) != title:
            assert german_slugify(title) == slug, title
            matched += 1
    assert matched >= 2  # e.g. "Städtebaulicher Vertrag" → staedtebaulicher-vertrag


def profile_form_data(**fields):
    data = {
        "kind": "instrument",
        "title": "Gemeinsame Straßenmeisterei für Bürger",
        "slug": "",
        "summary": "Kurz.",
        "description": "Text",
        "bindingness": "rechtsperson",
        "effort": "mittel",
        "status": "entwurf",
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
    }
    data.update(fields)
    return data


def test_empty_slug_is_made_from_the_title_the_german_way(editor_client):
    response = editor_client.post(reverse("admin:profiles_profile_add"), profile_form_data())
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Profile.objects.filter(slug="gemeinsame-strassenmeisterei-fuer-buerger").exists()


def test_a_given_slug_is_kept_and_reserved_slugs_still_refused(editor_client):
    url = reverse("admin:profiles_profile_add")
    response = editor_client.post(url, profile_form_data(slug="eigener-name"))
    assert response.status_code == 302
    assert Profile.objects.filter(slug="eigener-name").exists()
    response = editor_client.post(url, profile_form_data(title="Feed", slug=""))
    assert response.status_code == 200
    assert "reserviert" in str(response.context["adminform"].form.errors["slug"])


def test_slug_from_a_title_of_a_taken_slug_is_refused_not_overwritten(editor_client):
    make_profile("Älteste Form", slug="aelteste-form")
    data = profile_form_data(title="Älteste Form")
    response = editor_client.post(reverse("admin:profiles_profile_add"), data)
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors
    assert Profile.objects.filter(slug="aelteste-form").count() == 1


def test_change_forms_load_the_german_slug_script(editor_client):
    for url in (
        reverse("admin:profiles_profile_add"),
        reverse("admin:profiles_practiceexample_add"),
        reverse("admin:profiles_policyarea_add"),
        reverse("admin:glossary_term_add"),
    ):
        html = editor_client.get(url).content.decode()
        urlify = html.index("admin/js/urlify.js")
        assert html.index("js/admin/german_slug.js") > urlify, url


# ---- Markdown preview ----------------------------------------------------------


def test_preview_renders_markdown_sanitised_like_the_public_page(editor_client):
    text = (
        "Ein **wichtiger** Satz.\n\n- eins\n- zwei\n\n"
        "<script>alert(1)</script> [x](javascript:alert(1)) [gut](https://example.org)"
    )
    response = editor_client.post(PREVIEW, {"text": text})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = response.content.decode()
    assert "<strong>wichtiger</strong>" in html
    assert "<li>zwei</li>" in html
    assert "<script" not in html
    assert 'href="javascript' not in html
    assert '<a href="https://example.org" rel="noopener noreferrer">gut</a>' in html


def test_preview_needs_post_csrf_staff_and_permission(editor):
    anonymous = Client()
    response = anonymous.post(PREVIEW, {"text": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    assert strict.post(PREVIEW, {"text": "x"}).status_code == 403  # no CSRF token
    strict.get(reverse("admin:profiles_profile_add"))
    token = strict.cookies[settings.CSRF_COOKIE_NAME].value
    response = strict.post(PREVIEW, {"text": "*x*"}, headers={"X-CSRFToken": token})
    assert response.status_code == 200
    assert response.content == b"<p><em>x</em></p>\n"
    assert strict.get(PREVIEW).status_code == 405

    bare = User.objects.create_user("nur-personal", password="x-lang-genug-123", is_staff=True)
    client = Client()
    client.force_login(bare)
    assert client.post(PREVIEW, {"text": "x"}).status_code == 403


def test_authors_may_preview_too(client):
    author = User.objects.create_user("autorin", password="x-lang-genug-123", is_staff=True)
    author.groups.add(Group.objects.get(name=AUTHOR_GROUP))
    client.force_login(author)
    assert client.post(PREVIEW, {"text": "Hallo"}).content == b"<p>Hallo</p>\n"


def test_too_long_preview_text_gets_a_german_400(editor_client):
    response = editor_client.post(PREVIEW, {"text": "x" * (MAX_PREVIEW_CHARS + 1)})
    assert response.status_code == 400
    assert "zu lang für die Vorschau" in response.content.decode()


def test_markdown_textareas_name_their_preview(editor_client):
    response = editor_client.get(reverse("admin:profiles_profile_add"))
    form = response.context["adminform"].form
    for name, _anchor in Profile.SECTIONS:
        assert form.fields[name].widget.attrs["data-markdown-preview"] == PREVIEW
    assert "data-markdown-preview" not in form.fields["summary"].widget.attrs
    html = response.content.decode()
    assert "js/admin/markdown_preview.js" in html
    assert "css/admin-editor.css" in html
    example_form = editor_client.get(reverse("admin:profiles_practiceexample_add"))
    fields = example_form.context["adminform"].form.fields
    assert fields["description"].widget.attrs["data-markdown-preview"] == reverse(
        "admin:profiles_practiceexample_markdown_preview"
    )
    assert PracticeExample._meta.get_field("description")


# ---- The editors' admin home ---------------------------------------------------


def index_models(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return {
        (app["app_label"], model["object_name"])
        for app in response.context["app_list"]
        for model in app["models"]
    }


def test_editors_admin_home_shows_only_their_catalogue_sections(editor_client):
    shown = index_models(editor_client)
    apps = {app for app, _model in shown}
    assert apps == {"profiles", "glossary", "calculator", "laender", "search", "submissions"}
    assert ("profiles", "Profile") in shown
    assert ("laender", "LandLaw") in shown
    assert not {app for app in apps if app in {"axes", "taggit", "auth"}}


def test_nobody_sees_taggits_unused_tag_list_superusers_keep_the_lockout_logs(admin_client):
    shown = index_models(admin_client)
    assert ("taggit", "Tag") not in shown
    assert ("axes", "AccessAttempt") in shown
    assert ("profiles", "PolicyArea") in shown
