"""No unpublished content on any public URL: the draft-leak sweep.

A draft, a scheduled and a withdrawn Steckbrief, Praxisbeispiel and glossary term carry marker
words in their texts and slugs. They are linked to published content every way
the model allows (related profiles, applied profiles, Handlungsfelder), so a
reader that forgets ``published()`` shows them. Then every route of the URLconf
(outside the admin) is requested anonymously, its parameters filled with the
slugs of published and hidden objects, with and without query strings that
name them (search, compare, filters, pages), and no answer may contain a marker.

A new route is swept automatically. A route with a parameter the sweep cannot
fill fails the test: teach ``fill_values()`` its values, do not skip it.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from profiles.models import Status
from profiles.public.legal import ensure_legal_pages
from submissions.models import Kind as SubmissionKind
from submissions.models import State as SubmissionState
from submissions.models import Submission
from tests.factories import ExampleFactory, PolicyAreaFactory, ProfileFactory, TermFactory
from tests.routes import public_routes, urls_of

pytestmark = pytest.mark.django_db

HIDDEN = {
    "draft": "Geheimentwurf",
    "scheduled": "Vorabtermin",
    "withdrawn": "Zurueckgezogen",
}


# A word only hidden content holds: searching it must find nothing public.
SEARCH_WORD = "Quellwasserspeicher"
# A word of a published Steckbrief that only hidden glossary terms define.
LINKED_WORD = "Wasserzweckumlage"
MODELS = ("profil", "beispiel", "begriff")
# Submissions (issue 16) are never public in any state, whatever they propose.
SUBMISSION_MARKER = "einsendungsgeheimnis"
SUBMISSION_EMAIL = "einsenderin@example.org"


def text_marker(state, model):
    return f"{HIDDEN[state]}{model}text".lower()


def slug_marker(state, model):
    return f"{HIDDEN[state]}-{model}-slug".lower()


@pytest.fixture
def content():
    ensure_legal_pages()
    area = PolicyAreaFactory(name="Mobilität", slug="mobilitaet")
    profile = ProfileFactory(
        title="Öffentlicher Zweckverband",
        slug="zweckverband",
        tags=[area],
        description=f"Ein öffentlicher Text über die {LINKED_WORD}.",
    )
    other = ProfileFactory(title="Öffentliche Vereinbarung", slug="vereinbarung", tags=[area])
    example = ExampleFactory(
        title="Öffentliches Beispiel", slug="beispiel", tags=[area], profiles=[profile, other]
    )
    hidden = {}
    for state in HIDDEN:
        marker = text_marker(state, "profil")
        hidden_profile = ProfileFactory(
            title=f"Steckbrief {marker}",
            slug=slug_marker(state, "profil"),
            summary=f"Kurz {marker}.",
            description=f"Text {marker} über {SEARCH_WORD}.",
            tags=[area],
            related=[profile, other],
            scope=["DE"],
            **{state: True},
        )
        marker = text_marker(state, "beispiel")
        hidden_example = ExampleFactory(
            title=f"Beispiel {marker}",
            slug=slug_marker(state, "beispiel"),
            summary=f"Kurz {marker}.",
            description=f"Text {marker} über {SEARCH_WORD}.",
            tags=[area],
            profiles=[profile, hidden_profile],
            **{state: True},
        )
        marker = text_marker(state, "begriff")
        hidden_term = TermFactory(
            term=f"Begriff {marker}",
            slug=slug_marker(state, "begriff"),
            definition=f"Erklärung {marker}.",
            variants=LINKED_WORD,  # a published Steckbrief uses it: the linker must skip it
            profile=profile,
            **{state: True},
        )
        hidden[state] = (hidden_profile, hidden_example, hidden_term)
    assert hidden["scheduled"][0].status == Status.PUBLISHED  # public only from next month
    term = TermFactory(term="Umlage", slug="umlage")
    for state in SubmissionState.values:
        Submission.objects.create(
            kind=SubmissionKind.EXAMPLE,
            state=state,
            title=f"Vorschlag {SUBMISSION_MARKER}",
            shared=f"Text {SUBMISSION_MARKER} über {SEARCH_WORD}.",
            municipalities=f"Gemeinde {SUBMISSION_MARKER}",
            instrument=profile,
            name=f"Name {SUBMISSION_MARKER}",
            email=SUBMISSION_EMAIL,
            consent_at=timezone.now(),
        )
        Submission.objects.create(
            kind=SubmissionKind.HINT,
            state=state,
            profile=profile,
            message=f"Hinweis {SUBMISSION_MARKER}",
            name="Hinweisgeberin",
            email=SUBMISSION_EMAIL,
            consent_at=timezone.now(),
        )
    return {
        "area": area,
        "profiles": [profile, other],
        "example": example,
        "term": term,
        "hidden": hidden,
    }


def fill_values(content):
    """Values for each URL parameter name: published and hidden objects alike."""
    hidden = [obj for pair in content["hidden"].values() for obj in pair]
    published = [*content["profiles"], content["example"], content["area"], content["term"]]
    return {"slug": [obj.slug for obj in published + hidden]}


def query_strings(content):
    hidden_profiles = [pair[0].slug for pair in content["hidden"].values()]
    shown = [p.slug for p in content["profiles"]]
    queries = ["", "page=2", "sortierung=aktualisiert", "handlungsfeld=mobilitaet"]
    queries += [f"q={SEARCH_WORD}", f"q={SEARCH_WORD[:-2]}", "q=Quellwaserspeicher"]
    queries += [f"q={HIDDEN[state]}" for state in HIDDEN]
    queries += ["q=Vorschlag", "q=Hinweis", "groesse=unter-5000", "bundesland=BY"]
    for slug in hidden_profiles:
        queries.append(f"s={shown[0]}&s={slug}")
        queries.append(f"instrument={slug}")
    queries.append("s=" + "&s=".join(shown))
    queries.append("instrument=" + shown[0])
    return queries


def test_no_public_url_shows_unpublished_content(client, content):
    values = fill_values(content)
    queries = query_strings(content)
    texts = [text_marker(state, model) for state in HIDDEN for model in MODELS]
    texts += [SUBMISSION_MARKER, SUBMISSION_EMAIL]
    slugs = [slug_marker(state, model) for state in HIDDEN for model in MODELS]
    routes = list(public_routes())
    names = {name for name, _route, _params in routes}
    # The sweep reaches the channels the issue names (a broken resolver walk fails here).
    for expected in (
        "profiles:api_profile_list",
        "profiles:opendata_steckbriefe_csv",
        "profiles:profile_feed",
        "sitemap",
        "profiles:compare",
        "profiles:profile_qr",
        "profiles:profile_pdf",
        "profiles:profile_card",
        "profiles:example_detail",
        "glossary:term_detail",
        "profiles:example_map",
        "submissions:example",
        "submissions:hint",
    ):
        assert expected in names
    checked = 0
    for name, route, params in routes:
        for url in urls_of(route, params, values):
            for query in queries:
                full = f"{url}?{query}" if query else url
                response = client.get(full)
                assert response.status_code < 500, full
                body = b"".join(
                    response.streaming_content if response.streaming else [response.content]
                )
                body = body.decode("utf-8", errors="replace").lower()
                # What the request itself names may be echoed (a search term, a
                # slug in an error message); no other marker may appear.
                for marker in texts + slugs:
                    if marker not in full.lower():
                        assert marker not in body, f"{marker} shown at {full} ({name})"
                checked += 1
    assert checked > 500


def test_hidden_objects_answer_404_or_410_on_their_own_pages(client, content):
    for state, (profile, example, term) in content["hidden"].items():
        for url in (
            profile.get_absolute_url(),
            example.get_absolute_url(),
            term.get_absolute_url(),
            reverse("profiles:profile_qr", args=[profile.slug]),
            reverse("profiles:profile_pdf", args=[profile.slug]),
            reverse("profiles:profile_card", args=[profile.slug]),
            reverse("profiles:api_profile_detail", args=[profile.slug]),
            reverse("profiles:api_example_detail", args=[example.slug]),
        ):
            expected = {410} if state == "withdrawn" and "/api/" not in url else {404}
            if url.endswith("qr.svg") or url == term.get_absolute_url():
                expected = {404, 410}  # the glossary has no permanent links (yet)
            assert client.get(url).status_code in expected, (state, url)
