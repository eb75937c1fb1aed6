"""The finder "Welche Form passt zu uns?": decision table, rules as data, bad input."""

import csv
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from finder.questions import QUESTIONS, UNKNOWN, read_answers
from finder.rules import EXCLUDE, FIT, NOTE, evaluate
from profiles.editorial.resources import ProfileResource
from profiles.models import Kind, Profile

pytestmark = pytest.mark.django_db

AG = "kommunale-arbeitsgemeinschaft"
ZVB = "zweckvereinbarung"
ZV = "zweckverband"
GKU = "gemeinsames-kommunalunternehmen"
PV = "planungsverband"
GMBH = "interkommunale-gmbh"
EV = "eingetragener-verein"


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def run(query: str):
    return evaluate(read_answers(QueryDict(query)), Profile.objects.published())


def slugs(verdicts):
    return [verdict.profile.slug for verdict in verdicts]


def reasons_for(verdict, question_key):
    question = next(q for q in QUESTIONS if q.key == question_key)
    return [reason for reason in verdict.reasons if reason.question == question.title]


# The decision table (../shared/finder.md and the KommZG): answers, then what
# must hold. top: the first suggestion is one of these; excluded: exactly
# these forms are ruled out (None: not checked); also_excluded: at least these.
DECISION_TABLE = [
    # Private partners and an own legal person: GmbH or e. V., never
    # Zweckvereinbarung (Art. 7) or gemeinsames Kommunalunternehmen (Art. 49).
    ("partner=privat&verbindlichkeit=traeger", {"top": {GMBH, EV}, "also_excluded": {ZVB, GKU}}),
    # Sovereign powers rule out the forms without them (Art. 4 Abs. 3 KommZG; private law).
    ("hoheit=ja", {"excluded": {AG, GMBH, EV}}),
    # Private partners rule out Zweckvereinbarung, gKU, Planungsverband; the
    # Zweckverband stays with a warning (Art. 17 Abs. 2 KommZG).
    ("partner=privat", {"excluded": {ZVB, GKU, PV}, "noted": {ZV}}),
    # Sovereign powers and private partners: only the Zweckverband, with a warning.
    ("hoheit=ja&partner=privat", {"shortlist": [ZV], "noted": {ZV}}),
    # Loose coordination with little effort: the Arbeitsgemeinschaft.
    ("vorhaben=abstimmen&verbindlichkeit=locker&aufwand=gering", {"top": {AG}}),
    # One municipality does a task for the others, by contract: Zweckvereinbarung.
    ("vorhaben=aufgabe&verbindlichkeit=vertrag", {"top": {ZVB}}),
    # A facility with fees and its own body: Zweckverband or gKU.
    (
        "vorhaben=einrichtung&hoheit=ja&verbindlichkeit=traeger&aufwand=hoch",
        {"top": {ZV, GKU}, "also_excluded": {AG, ZVB, GMBH, EV}},
    ),
    # Running a facility on a small budget: not the Arbeitsgemeinschaft, which
    # takes over no task (Art. 4 Abs. 3 KommZG).
    ("vorhaben=einrichtung&aufwand=gering", {"top": {ZVB}}),
    # Developing land and sharing the taxes: the Zweckverband first.
    ("vorhaben=flaechen&geld=steuern", {"top": {ZV}, "further": {"steuerteilung-gewerbegebiet"}}),
    # Joint planning with sovereign powers: the Planungsverband (§ 205 BauGB).
    ("vorhaben=abstimmen&hoheit=ja", {"top": {PV}, "also_excluded": {AG}}),
    # An own carrier rules out the forms without a new legal person (Art. 2 Abs. 2 KommZG).
    ("verbindlichkeit=traeger", {"excluded": {AG, ZVB}}),
    # Across a Land border: nobody excluded; where the catalogue records nothing, a warning.
    ("grenze=ja", {"excluded": set(), "noted": {GKU, PV}, "fit": {AG, ZVB, ZV}}),
    # Tax split and private partners: only the Zweckverband remains.
    ("geld=steuern&partner=privat", {"shortlist": [ZV]}),
    # No answer: nothing excluded, nothing claimed.
    ("", {"excluded": set(), "size": 5}),
    # A fund: the fund and the pool among the instruments and mechanisms.
    ("vorhaben=fonds&geld=kosten", {"top": {ZV}, "further": {"interkommunaler-fonds"}}),
]


@pytest.mark.parametrize(
    ("query", "expect"), DECISION_TABLE, ids=[q or "leer" for q, _ in DECISION_TABLE]
)
def test_decision_table(demo, query, expect):
    result = run(query)
    shortlist = slugs(result.shortlist)
    excluded = set(slugs(result.excluded))
    assert not excluded & set(shortlist)
    if "top" in expect:
        assert shortlist[0] in expect["top"], shortlist
    if "shortlist" in expect:
        assert shortlist == expect["shortlist"]
    if "excluded" in expect:
        assert excluded == expect["excluded"]
    if "also_excluded" in expect:
        assert expect["also_excluded"] <= excluded
        assert not expect["also_excluded"] & set(shortlist)
    by_slug = {v.profile.slug: v for v in result.shortlist + result.more_forms}
    for slug in expect.get("noted", ()):
        assert by_slug[slug].notes, slug
    for slug in expect.get("fit", ()):
        assert by_slug[slug].fits and not by_slug[slug].notes, slug
    if "further" in expect:
        assert expect["further"] <= set(slugs(result.further))
    if "size" in expect:
        assert len(result.shortlist) == expect["size"]


def test_tax_split_leaves_only_zweckvereinbarung_and_zweckverband_without_warning(demo):
    result = run("geld=steuern")
    clean = {v.profile.slug for v in result.shortlist if not v.notes}
    assert clean == {ZVB, ZV}
    for verdict in result.shortlist:
        if verdict.profile.slug in (ZVB, ZV):
            assert [r.effect for r in reasons_for(verdict, "geld")] == [FIT]
            assert "Art. 4 Abs. 4 BayFAG" in reasons_for(verdict, "geld")[0].text
        else:
            assert [r.effect for r in reasons_for(verdict, "geld")] == [NOTE]
    assert {AG, GKU, GMBH, EV} <= set(slugs(result.excluded))
    assert result.offers_calculator


def test_reasons_come_from_the_steckbrief_and_cite_the_law(demo):
    result = run("partner=privat")
    zvb = next(v for v in result.excluded if v.profile.slug == ZVB)
    (reason,) = zvb.exclusions
    assert reason.effect == EXCLUDE
    assert reason.text == Profile.objects.get(slug=ZVB).private_partners_note
    assert "Art. 7" in reason.text
    gku = next(v for v in result.excluded if v.profile.slug == GKU)
    assert "Art. 49" in gku.exclusions[0].text


def test_an_editor_changes_a_fact_and_the_finder_follows(demo):
    """Rules are data: flip one fact in the database, the result changes."""
    assert ZVB in slugs(run("partner=privat").excluded)
    Profile.objects.filter(slug=ZVB).update(
        private_partners="ja", private_partners_note="Testbegründung mit Art. 99 KommZG."
    )
    result = run("partner=privat")
    assert ZVB not in slugs(result.excluded)
    verdict = next(v for v in result.shortlist + result.more_forms if v.profile.slug == ZVB)
    assert [r.text for r in verdict.fits] == ["Testbegründung mit Art. 99 KommZG."]


def test_unpublished_forms_take_no_part(demo):
    Profile.objects.filter(slug=ZV).update(status="entwurf")
    result = run("")
    assert ZV not in slugs(result.shortlist + result.more_forms + result.excluded)


def test_a_new_organisationsform_from_the_admin_takes_part_without_code_change(demo, editor_client):
    data = {
        "kind": "organisationsform",
        "title": "Genossenschaft der Kommunen",
        "slug": "kommunale-genossenschaft",
        "summary": "Kommunen und Bürger gründen eine eingetragene Genossenschaft.",
        "description": "Text",
        # Publishing needs every section filled (profiles/editorial/workflow.py).
        **{
            name: f"Text für {name}."
            for name, _anchor in Profile.SECTIONS
            if name not in ("summary", "description")
        },
        "bindingness": "rechtsperson",
        "effort": "mittel",
        "legal_person": "ja",
        "legal_person_note": "Die Genossenschaft wird mit der Eintragung rechtsfähig (Testsatz).",
        "sovereign_powers": "nein",
        "sovereign_powers_note": "Keine Hoheitsrechte (Testsatz).",
        "private_partners": "ja",
        "private_partners_note": "Bürger und Unternehmen können Mitglied werden (Testsatz).",
        "tax_split": "nein",
        "purpose_operate": "on",
        "status": "veroeffentlicht",
        "last_reviewed": "2026-11-30",
        "sources-TOTAL_FORMS": "1",
        "sources-INITIAL_FORMS": "0",
        "sources-0-title": "Genossenschaftsgesetz",
        "sources-0-url": "https://www.gesetze-im-internet.de/geng/",
        "sources-0-position": "1",
    }
    response = editor_client.post(reverse("admin:profiles_profile_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Profile.objects.get(slug="kommunale-genossenschaft").is_public

    query = "vorhaben=einrichtung&partner=privat&verbindlichkeit=traeger"
    result = run(query)
    assert slugs(result.shortlist)[0] == "kommunale-genossenschaft"
    page = editor_client.get(reverse("finder:result") + "?" + query).content.decode()
    assert "Genossenschaft der Kommunen" in page
    assert "Bürger und Unternehmen können Mitglied werden (Testsatz)." in page

    excluded_page = editor_client.get(reverse("finder:result") + "?hoheit=ja").content.decode()
    assert "Scheidet aus: Keine Hoheitsrechte (Testsatz)." in excluded_page
    # A fact the editor left blank is said to be unrecorded, never guessed.
    grenze = run("grenze=ja")
    verdict = next(
        v
        for v in grenze.shortlist + grenze.more_forms
        if v.profile.slug == "kommunale-genossenschaft"
    )
    assert verdict.notes and "nicht erfasst" in verdict.notes[0].text


def test_instruments_and_mechanisms_appear_only_where_they_fit(demo):
    result = run("vorhaben=aufgabe&verbindlichkeit=vertrag&aufwand=gering")
    further = slugs(result.further)
    assert further == ["kostenteilung-umlage"]
    assert all(v.profile.kind != Kind.ORGANISATION for v in result.further)


# The pages


def test_result_page_shows_shortlist_reasons_exclusions_and_disclaimer(demo, client):
    url = reverse("finder:result") + "?partner=privat&verbindlichkeit=traeger"
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "keine Rechtsberatung" in page
    assert "aus dem Gespräch der Partner" in page
    assert "Passt, weil" in page and "Beachten Sie" in page
    assert "Scheidet aus: Eine Zweckvereinbarung schließen nur Gemeinden" in page
    assert 'href="/steckbriefe/zweckvereinbarung/"' in page
    shortlist = page.split('id="vorschlaege-titel"')[1].split("</ol>")[0]
    assert shortlist.index("/steckbriefe/eingetragener-verein/") < shortlist.index(
        "/steckbriefe/zweckverband/"
    )
    assert '<meta name="robots" content="noindex, follow">' in page


def test_change_answers_goes_back_with_the_answers_kept(demo, client):
    query = (
        "vorhaben=flaechen&verbindlichkeit=vertrag&hoheit=nein&geld=kosten"
        "&partner=privat&grenze=nein&aufwand=mittel"
    )
    page = client.get(reverse("finder:result") + "?" + query).content.decode()
    back = reverse("finder:questions") + "?" + query.replace("&", "&amp;")
    assert f'href="{back}"' in page
    form = client.get(reverse("finder:questions") + "?" + query).content.decode()
    flat = " ".join(form.split())
    for pair in query.split("&"):
        key, value = pair.split("=")
        assert f'id="{key}-{value}" value="{value}" checked' in flat
    assert form.count(" checked") == len(QUESTIONS)


def test_questions_page_offers_weiss_ich_nicht_everywhere(client):
    page = " ".join(client.get(reverse("finder:questions")).content.decode().split())
    for question in QUESTIONS:
        assert f'id="{question.key}-{UNKNOWN}" value="{UNKNOWN}" checked' in page
        assert question.help in page
    assert 'method="get"' in page and f'action="{reverse("finder:result")}"' in page


@pytest.mark.parametrize(
    "query",
    [
        "vorhaben=zaubern",
        "geld=steuern&geld=kosten",
        "hoheit=%00",
        "partner=privat%00",
        "aufwand=" + "x" * 5000,
        "grenze[]=ja&unbekannt=1",
        "vorhaben=%C3%28",
        "verbindlichkeit=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    ],
)
def test_bad_input_gets_a_german_message_or_the_neutral_default(demo, client, query):
    for name in ("finder:result", "finder:questions"):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(name) + "?" + query)
        assert response.status_code == 200
        page = response.content.decode()
        assert "<script>alert" not in page
        writes = [
            q["sql"]
            for q in queries
            if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        ]
        assert not writes
    answers = read_answers(QueryDict(query))
    assert all(
        value in {o.value for o in q.all_options} for q in QUESTIONS for value in [answers[q.key]]
    )
    if "grenze[]" not in query:
        assert answers.messages, "a tampered answer is reported"
        assert "angenommen" in answers.messages[0]


def test_repeated_identical_answers_are_fine(client):
    answers = read_answers(QueryDict("partner=privat&partner=privat"))
    assert answers["partner"] == "privat" and not answers.messages


def test_a_long_tampered_value_is_not_echoed_whole():
    answers = read_answers(QueryDict("aufwand=" + "x" * 5000))
    assert len(answers.messages[0]) < 300


def main_part(response) -> str:
    """The page's <main> element: what the finder itself says, without header and footer."""
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


def test_calculator_is_offered_only_where_money_is_shared_and_it_exists(demo, client, settings):
    try:
        reverse("calculator:rechner")
        installed = True
    except NoReverseMatch:
        installed = False
    page = main_part(client.get(reverse("finder:result") + "?geld=kosten"))
    assert ("Lasten-Nutzen-Rechner" in page) == installed

    settings.ROOT_URLCONF = "tests.urls_with_calculator"
    calculator = reverse("calculator:rechner")
    page = client.get(reverse("finder:result") + "?geld=kosten").content.decode()
    assert f'href="{calculator}"' in page
    page = client.get(reverse("finder:result") + "?geld=steuern").content.decode()
    assert f'href="{calculator}"' in page
    # The site's navigation links the calculator on every page; the result does not.
    page = main_part(client.get(reverse("finder:result") + "?geld=nein&hoheit=ja"))
    assert "Lasten-Nutzen-Rechner" not in page


def test_home_and_browse_link_to_the_finder(demo, client):
    for url in (reverse("profiles:home"), reverse("profiles:profile_list")):
        assert f'href="{reverse("finder:questions")}"' in client.get(url).content.decode()


def test_result_without_any_published_form_says_so(client):
    page = client.get(reverse("finder:result") + "?hoheit=ja").content.decode()
    assert "Keine Organisationsform im Katalog erfüllt alle Ihre Bedingungen" in page


def test_a_large_catalogue_keeps_the_result_page_short(client):
    from tests.conftest import make_profile

    for n in range(30):
        make_profile(f"Form {n:02d}", private_partners="nein", private_partners_note=f"Nein {n}.")
    for n in range(20):
        make_profile(f"Offene Form {n:02d}", private_partners="ja")
    result = run("partner=privat")
    assert len(result.excluded) == 25 and result.excluded_rest == 5
    assert len(result.shortlist) == 5 and len(result.more_forms) == 10
    assert result.more_forms_rest == 5
    page = client.get(reverse("finder:result") + "?partner=privat").content.decode()
    assert "… und 5 weitere ausgeschlossene Formen." in page
    assert "… und 5 weitere." in page


def test_the_first_question_asks_exactly_the_purposes_editors_tick():
    from profiles.models import PURPOSE_FIELDS

    vorhaben = next(q for q in QUESTIONS if q.key == "vorhaben")
    assert {o.value for o in vorhaben.options} == {str(p) for p in PURPOSE_FIELDS}


@pytest.mark.parametrize(
    "query", [q for q, _ in DECISION_TABLE] + ["verbindlichkeit=locker&aufwand=gering"]
)
def test_the_database_ranks_exactly_as_the_rules_judge(demo, query):
    """evaluate() ranks in SQL and judges only what it shows: both must agree."""
    from finder.rules import judge, ranked

    answers = read_answers(QueryDict(query))
    for forms in (True, False):
        kinds = Profile.objects.published()
        kinds = (
            kinds.filter(kind=Kind.ORGANISATION) if forms else kinds.exclude(kind=Kind.ORGANISATION)
        )
        for profile in ranked(kinds, answers, forms=forms):
            verdict = judge(profile, answers)
            assert profile.finder_score == verdict.score, profile.slug
            assert profile.finder_notes == verdict.note_count, profile.slug
            assert bool(profile.finder_excluded) == verdict.excluded, profile.slug
            assert bool(profile.finder_fits) == bool(verdict.fits), profile.slug


# The finder's facts in the registry (profiles/facts.py): facts box, compare,
# API, downloads, import/export.


def test_finder_facts_show_in_the_facts_box_of_a_form_but_not_of_an_instrument(demo, client):
    body = client.get(reverse("profiles:profile_detail", args=[ZVB])).content.decode()
    box = " ".join(body.split('id="auf-einen-blick"')[1].split("</aside>")[0].split())
    assert "<dt>Private Partner möglich</dt> <dd> nein </dd>" in box
    assert "<dt>Steuerteilung im bayerischen Finanzausgleich anerkannt</dt> <dd> ja </dd>" in box
    assert "<dt>Passt zu diesem Vorhaben</dt>" in box
    gku = client.get(reverse("profiles:profile_detail", args=[GKU])).content.decode()
    gku_box = " ".join(gku.split('id="auf-einen-blick"')[1].split("</aside>")[0].split())
    assert "<dt>Über Landesgrenzen nutzbar</dt> <dd> nicht erfasst </dd>" in gku_box

    fnp = client.get(
        reverse("profiles:profile_detail", args=["gemeinsamer-flaechennutzungsplan"])
    ).content.decode()
    fnp_box = fnp.split('id="auf-einen-blick"')[1].split("</aside>")[0]
    assert "Private Partner möglich" not in fnp_box
    assert "Passt zu diesem Vorhaben" in fnp_box


def test_finder_facts_in_compare_api_downloads_and_export(demo, client):
    response = client.get(reverse("profiles:compare"), {"s": [ZVB, ZV]})
    rows = {row["label"]: row["cells"] for row in response.context["rows"]}
    assert rows["Private Partner möglich"] == ["nein", "eingeschränkt"]
    assert rows["Eigene Rechtsperson"] == ["nein", "ja"]

    record = client.get(f"/api/steckbriefe/{ZVB}/").json()["steckbrief"]
    assert record["private_partner"] == "nein"
    assert "Art. 7 Abs. 1 KommZG" in record["private_partner_begruendung"]
    assert "aufgabe" in record["vorhaben"] and "einrichtung" in record["vorhaben"]
    assert "Art. 10 KommZG" in record["kostenteilung"]
    gku = client.get(f"/api/steckbriefe/{GKU}/").json()["steckbrief"]
    assert gku["ueber_landesgrenzen"] is None

    text = client.get("/daten/steckbriefe.csv").content.decode("utf-8-sig")
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows[ZV]["steuerteilung_finanzausgleich_by"] == "ja"

    exported = ProfileResource().export()
    by_slug = dict(zip(exported["slug"], exported["tax_split"], strict=True))
    assert by_slug[ZV] == "ja" and by_slug[GKU] == "nein"


def test_import_rejects_an_unknown_finder_value(demo):
    exported = ProfileResource().export()
    row = exported["slug"].index(ZVB)
    column = exported.headers.index("private_partners")
    data = list(exported[row])
    data[column] = "vielleicht"
    exported[row] = tuple(data)
    result = ProfileResource().import_data(exported, dry_run=True)
    assert result.has_validation_errors()
    assert Profile.objects.get(slug=ZVB).private_partners == "nein"


def test_result_is_kept_per_content_version(client, settings):
    # The ranking is kept per answers and content version: a repeated request
    # does not rank again, and a new Organisationsform shows at the next one.
    from tests.conftest import make_profile

    settings.FACET_CACHE_TIMEOUT = 600

    make_profile("Zweckverband Abwasser", kind=Kind.ORGANISATION, purpose_operate=True)
    url = reverse("finder:result") + "?vorhaben=einrichtung"
    with CaptureQueriesContext(connection) as first:
        assert "Zweckverband Abwasser" in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as again:
        client.get(url)
    ranking = [q for q in first.captured_queries if "finder_score" in q["sql"]]
    assert ranking and not [q for q in again.captured_queries if "finder_score" in q["sql"]]
    make_profile("Wasserverband Nord", kind=Kind.ORGANISATION, purpose_operate=True)
    assert "Wasserverband Nord" in client.get(url).content.decode()
