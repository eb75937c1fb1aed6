"""The first public pages: home, lists, a profile, an example, Handlungsfelder."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from profiles.models import Status
from tests.conftest import make_example, make_policy_area, make_profile

pytestmark = pytest.mark.django_db


def test_draft_profile_is_404_for_the_public(client):
    for status in (Status.DRAFT, Status.REVIEW):
        profile = make_profile(status=status)
        assert client.get(profile.get_absolute_url()).status_code == 404


def test_published_profile_shows_its_sections_and_facts(client):
    area = make_policy_area("Mobilität")
    profile = make_profile(
        "Zweckverband", tags=[area], legal_basis="Art. 17–48 KommZG", stumbling_blocks="Streit"
    )
    profile.sources.create(title="KommZG", url="https://gesetze.legal/bayern/kommzg/2")
    response = client.get(profile.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="rechtsgrundlage"' in body
    assert "Art. 17–48 KommZG" in body
    assert 'id="stolpersteine"' in body
    assert "Mobilität" in body
    assert "https://gesetze.legal/bayern/kommzg/2" in body
    assert "noindex" not in response.get("X-Robots-Tag", "")


def test_staff_may_preview_a_draft_marked_noindex_and_uncached(editor_client):
    draft = make_profile(status=Status.DRAFT)
    response = editor_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Vorschau" in response.content.decode()
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-cache" in response["Cache-Control"]


def test_staff_without_change_permission_cannot_preview(client):
    user = User.objects.create_user("gast", password="x", is_staff=True)
    client.force_login(user)
    draft = make_profile(status=Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_draft_example_is_404_and_published_example_lists_only_published_profiles(client):
    hidden = make_profile("Verborgener Entwurf", status=Status.DRAFT)
    shown = make_profile("Sichtbarer Steckbrief")
    example = make_example(profiles=[hidden, shown])
    draft_example = make_example(status=Status.DRAFT)
    assert client.get(draft_example.get_absolute_url()).status_code == 404
    body = client.get(example.get_absolute_url()).content.decode()
    assert "Sichtbarer Steckbrief" in body
    assert "Verborgener Entwurf" not in body


def test_related_list_on_a_profile_hides_drafts(client):
    profile = make_profile("Hauptsteckbrief")
    profile.related.add(make_profile("Entwurf nebenan", status=Status.DRAFT))
    profile.related.add(make_profile("Veröffentlicht nebenan"))
    body = client.get(profile.get_absolute_url()).content.decode()
    assert "Veröffentlicht nebenan" in body
    assert "Entwurf nebenan" not in body


def test_home_and_lists_show_only_published(client):
    make_profile("Öffentlicher Steckbrief")
    make_profile("Geheimer Entwurf", status=Status.DRAFT)
    for url in (reverse("profiles:home"), reverse("profiles:profile_list")):
        body = client.get(url).content.decode()
        assert "Öffentlicher Steckbrief" in body
        assert "Geheimer Entwurf" not in body


def test_policy_area_page_lists_its_published_profiles_and_examples(client):
    area = make_policy_area("Wohnen", description="Das **Wohnen**.")
    make_profile("Im Feld", tags=[area])
    make_profile("Entwurf im Feld", tags=[area], status=Status.DRAFT)
    make_profile("Anderes Feld")
    make_example("Beispiel im Feld", tags=[area])
    response = client.get(area.get_absolute_url())
    body = response.content.decode()
    assert "<strong>Wohnen</strong>" in body
    assert "Im Feld" in body
    assert "Beispiel im Feld" in body
    assert "Entwurf im Feld" not in body
    assert "Anderes Feld" not in body


@pytest.mark.parametrize("count", [1, 15])
def test_profile_list_query_count_does_not_grow_with_results(
    client, django_assert_num_queries, count
):
    area = make_policy_area()
    for _ in range(count):
        make_profile(tags=[area])
    # Facet counts with the result count, Handlungsfeld counts, Handlungsfelder,
    # page of profiles, their tags (prefetch): independent of the number of rows.
    with django_assert_num_queries(5):
        response = client.get(reverse("profiles:profile_list"))
    assert response.status_code == 200


def test_home_counts_published_profiles_per_policy_area(client):
    housing = make_policy_area("Wohnen")
    mobility = make_policy_area("Mobilität")
    make_profile(tags=[housing, mobility])
    make_profile(tags=[housing])
    make_profile(tags=[housing], status=Status.DRAFT)
    areas = {area.name: area.profile_count for area in client.get("/").context["policy_areas"]}
    assert areas == {"Wohnen": 2, "Mobilität": 1}


@pytest.mark.parametrize(
    ("count", "phrase"), [(1, "1 Praxisbeispiel zeigt"), (2, "2 Praxisbeispiele zeigen")]
)
def test_home_counts_examples_in_correct_german(client, count, phrase):
    for _ in range(count):
        make_example()
    assert phrase in client.get("/").content.decode()


def test_handlungsfeld_description_links_the_steckbriefe_it_names(client):
    """The list "Passende Steckbriefe im Katalog" in a Handlungsfeld's text links
    each published Steckbrief it names; drafts stay plain text (issue 13)."""
    published = make_profile("Planungsverband", slug="planungsverband")
    make_profile("Zweckverband", slug="zweckverband", status=Status.DRAFT)
    area = make_policy_area(
        "Wohnen",
        slug="wohnen",
        description="Passende Steckbriefe im Katalog:\n\n"
        "- Planungsverband, wenn die Planung gemeinsam erfolgen soll,\n"
        "- Zweckverband als Träger.\n",
    )
    body = client.get(area.get_absolute_url()).content.decode()
    assert (
        f'<a class="profile-link" href="{published.get_absolute_url()}">Planungsverband</a>' in body
    )
    assert "/steckbriefe/zweckverband/" not in body
    assert "<li>Zweckverband als Träger.</li>" in body
