"""Comparing 2 to 4 Steckbriefe side by side."""

import re

import pytest
from django.urls import reverse

from profiles.models import Status
from profiles.public.compare import compare_url
from tests.conftest import make_policy_area, make_profile

pytestmark = pytest.mark.django_db

URL = reverse("profiles:compare")


def test_two_profiles_side_by_side_in_the_given_order(client):
    first = make_profile(
        "Zweckverband",
        legal_basis="Art. 17–48 KommZG",
        opportunities="Dauerhaft",
        stumbling_blocks="Schwerfällig",
        compensation_monetary=True,
        tags=[make_policy_area("Wohnen")],
    )
    second = make_profile("Arbeitsgemeinschaft", effort="gering", small_municipalities=True)
    response = client.get(URL, {"s": [first.slug, second.slug]})
    assert response.status_code == 200
    assert response.context["profiles"] == [first, second]
    rows = {row["label"]: row["cells"] for row in response.context["rows"]}
    assert rows["Art des Ausgleichs"] == ["monetär", "kein eigener Ausgleich"]
    assert rows["Aufwand"] == ["mittel", "gering"]
    assert rows["Für kleine Gemeinden"] == ["eher nicht geeignet", "geeignet"]
    assert rows["Handlungsfelder"] == ["Wohnen", "–"]
    body = response.content.decode()
    for text in ("Rechtsgrundlage", "Art. 17–48 KommZG", "Chancen", "Dauerhaft", "Schwerfällig"):
        assert text in body
    assert '<th scope="col">' in body
    assert 'name="robots" content="noindex, follow"' in body
    assert (
        '<meta property="og:title" content="Vergleich: Zweckverband · Arbeitsgemeinschaft">' in body
    )
    # A shareable link to exactly this comparison.
    assert f'value="http://testserver{compare_url([first.slug, second.slug])}"' in body.replace(
        "&amp;", "&"
    )


def test_compare_page_query_count_is_fixed(client, django_assert_num_queries):
    area = make_policy_area()
    slugs = [make_profile(tags=[area]).slug for _ in range(4)]
    # profiles, their tags, their Länder (Geltungsbereich), the choices of the selection form.
    with django_assert_num_queries(4):
        response = client.get(URL, {"s": slugs})
    assert response.status_code == 200


def test_unknown_and_unpublished_slugs_are_rejected_alike(client):
    shown = make_profile()
    draft = make_profile("Geheimer Entwurf", status=Status.DRAFT)
    for missing in (draft.slug, "gibt-es-nicht"):
        response = client.get(URL, {"s": [shown.slug, missing]})
        assert response.status_code == 400
        body = response.content.decode()
        assert (
            f"Einen veröffentlichten Steckbrief mit der Adresse „{missing}“ gibt es nicht" in body
        )
        assert "Geheimer Entwurf" not in body
        assert "profiles" not in response.context or not response.context.get("rows")


def test_more_than_four_is_rejected(client):
    slugs = [make_profile().slug for _ in range(5)]
    response = client.get(URL, {"s": slugs})
    assert response.status_code == 400
    assert "höchstens 4 Steckbriefe" in response.content.decode()


def test_fewer_than_two_is_rejected_and_duplicates_count_once(client):
    profile = make_profile()
    for params in ({"s": [profile.slug]}, {"s": [profile.slug, profile.slug]}):
        response = client.get(URL, params)
        assert response.status_code == 400
        assert "mindestens 2 Steckbriefe" in response.content.decode()


def test_empty_comparison_offers_the_selection(client):
    make_profile("Wählbar")
    make_profile("Entwurf", status=Status.DRAFT)
    response = client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Wählbar" in body
    assert "Entwurf" not in body


def test_hostile_slug_is_escaped_in_the_message(client):
    response = client.get(URL, {"s": [make_profile().slug, '"><script>alert(1)</script>']})
    assert response.status_code == 400
    body = response.content.decode()
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;alert(1)" in body


def test_renamed_profile_in_a_comparison_redirects_to_the_current_slugs(client):
    renamed = make_profile(slug="alt")
    renamed.slug = "neu"
    renamed.save()
    other = make_profile()
    response = client.get(URL, {"s": ["alt", other.slug]})
    assert response.status_code == 301
    assert response["Location"] == compare_url(["neu", other.slug])


def test_browse_page_cards_belong_to_the_compare_form(client):
    profile = make_profile()
    body = client.get(reverse("profiles:profile_list")).content.decode()
    assert re.search(r'<form id="compare-form"\s[^>]*action="/vergleich/"', body)
    assert re.search(
        rf'<input [^>]*type="checkbox"[^>]*name="s"\s+value="{profile.slug}"'
        r'\s+form="compare-form">',
        body,
    )


def test_each_profile_can_be_removed_from_a_comparison_of_three(client):
    a, b, c = (make_profile().slug for _ in range(3))
    response = client.get(URL, {"s": [a, b, c]})
    removals = [column["remove_url"] for column in response.context["columns"]]
    assert removals == [compare_url([b, c]), compare_url([a, c]), compare_url([a, b])]
    assert compare_url([a, c]).replace("&", "&amp;") in response.content.decode()


def test_compare_with_list_is_bounded_related_first_same_kind_next(client, monkeypatch):
    from profiles.models import Kind
    from profiles.public import compare
    from tests.conftest import make_policy_area

    area = make_policy_area("Mobilität")
    profile = make_profile("Hauptsteckbrief", kind=Kind.ORGANISATION, tags=[area])
    sibling = make_profile("Zz verwandt", kind=Kind.COMPENSATION, tags=[area])
    same_kind = [make_profile(f"Gleiche Art {n}", kind=Kind.ORGANISATION) for n in range(3)]
    for n in range(3):
        make_profile(f"Andere Art {n}", kind=Kind.INSTRUMENT)

    monkeypatch.setattr(compare, "COMPARE_CHOICES_LIMIT", 3)
    response = client.get(profile.get_absolute_url())
    choices = [other.title for other in response.context["compare_choices"]]
    assert choices == ["Zz verwandt", same_kind[0].title, same_kind[1].title]
    assert response.context["compare_choices_truncated"] is True
    assert "Steckbriefe derselben Art" in response.content.decode()

    monkeypatch.setattr(compare, "COMPARE_CHOICES_LIMIT", 60)
    response = client.get(profile.get_absolute_url())
    assert len(response.context["compare_choices"]) == 7
    assert response.context["compare_choices_truncated"] is False
    assert sibling.title in response.content.decode()
