"""The public page types the browser suite checks, and how to reach each.

PAGE_TYPES is the list to extend when a new public page type appears: a name
(used in test ids and screenshot file names) and how to reach one such page
from the test catalogue (tests/browser/conftest.py). A page type whose feature
is not merged yet carries a ``needs`` probe and is skipped until one of its URL
names resolves.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from calculator.presets import ZOLLERNALB

from .conftest import Catalogue, feature_missing

COMPARE_URL_NAMES = ("profiles:compare", "profiles:profile_compare")


@dataclass(frozen=True)
class PageType:
    name: str
    path: Callable[[Catalogue], str] | None = None
    # For pages reached through the interface rather than a known URL.
    open: Callable | None = None
    needs: tuple[str, ...] = ()
    status: int = 200
    # The URL name this page type stands for (tests/browser/test_coverage.py).
    url_name: str | None = None

    def visit(self, page, catalogue: Catalogue):
        if self.open is not None:
            self.open(page, catalogue)
            return None
        response = page.goto(self.path(catalogue))
        assert response.status == self.status, f"{self.name}: HTTP {response.status}"
        return response


NEXT_PAGE = re.compile(r"Nächste|Weiter", re.IGNORECASE)


def open_next_page(page):
    """The second page of all results, reached as a user does (whatever the parameter is)."""
    page.goto("/steckbriefe/")
    pagination = page.get_by_role("navigation", name=re.compile("Seiten", re.IGNORECASE))
    with page.expect_navigation():
        pagination.get_by_role("link", name=NEXT_PAGE).click()


def area_checkbox(page, area):
    """A Handlungsfeld's filter checkbox; its label may carry a count ("Mobilität (3)")."""
    return page.get_by_role("checkbox", name=re.compile(rf"^{re.escape(area.name)}\b"))


def open_compare(page, catalogue: Catalogue):
    """Compare two profiles as a user does: tick them on the browse page, press the button."""
    # Both test profiles are in this Handlungsfeld, so they are on one page of results.
    page.goto(f"/steckbriefe/?handlungsfeld={catalogue.area.slug}")
    for profile in (catalogue.profile, catalogue.other_profile):
        card = page.locator("article").filter(has=page.get_by_role("link", name=profile.title))
        card.get_by_role("checkbox", name=re.compile("vergleich", re.IGNORECASE)).check()
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("vergleichen", re.IGNORECASE)).click()


def open_merkliste(page, catalogue: Catalogue):
    """The Merkliste with two Steckbriefe, collected with "Merken" as a user does."""
    for profile in (catalogue.profile, catalogue.other_profile):
        page.goto(profile.get_absolute_url())
        page.get_by_role("button", name=re.compile(r"^Merken")).first.click()
    page.goto("/merkliste/")


def open_submission_error(page, catalogue: Catalogue):
    """The example form sent with nothing filled in: German messages at the fields."""
    page.goto("/einreichen/")
    with page.expect_navigation():
        page.get_by_role("button", name="Einsendung abschicken").click()


def open_submission_success(page, catalogue: Catalogue):
    """The example form filled in and sent as a user does: the thank-you page."""
    from django.core.cache import cache

    cache.clear()  # the rate limit per address lives in the (shared, in-process) cache
    page.goto("/einreichen/")
    page.get_by_label(re.compile("Was: Titel")).fill("Gemeinsamer Bauhof")
    page.get_by_label(re.compile("Wer: beteiligte")).fill("Gemeinde A\nGemeinde B")
    page.locator("#id_land").select_option("BY")
    page.get_by_label(re.compile("Was wird geteilt")).fill("Personal und Fahrzeuge.")
    page.get_by_label(re.compile("Ihr Name")).fill("Erika Muster")
    page.get_by_label(re.compile("Ihre E-Mail")).fill("erika@example.org")
    page.get_by_label(re.compile("Ich bin einverstanden")).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Einsendung abschicken").click()


PAGE_TYPES = [
    PageType("home", lambda c: "/", url_name="profiles:home"),
    PageType("browse", lambda c: "/steckbriefe/", url_name="profiles:profile_list"),
    PageType("browse-page-2", open=lambda page, c: open_next_page(page)),
    PageType("browse-filtered", lambda c: f"/steckbriefe/?handlungsfeld={c.area.slug}"),
    PageType("browse-no-results", lambda c: f"/steckbriefe/?handlungsfeld={c.empty_area.slug}"),
    PageType("handlungsfelder", lambda c: "/handlungsfelder/", url_name="profiles:policyarea_list"),
    PageType(
        "handlungsfeld",
        lambda c: c.area.get_absolute_url(),
        url_name="profiles:policyarea_detail",
    ),
    PageType(
        "steckbrief", lambda c: c.profile.get_absolute_url(), url_name="profiles:profile_detail"
    ),
    PageType("praxisbeispiele", lambda c: "/praxisbeispiele/", url_name="profiles:example_list"),
    PageType(
        "praxisbeispiel", lambda c: c.example.get_absolute_url(), url_name="profiles:example_detail"
    ),
    PageType(
        "praxisbeispiele-karte",
        lambda c: "/praxisbeispiele/karte/",
        url_name="profiles:example_map",
    ),
    PageType("einreichen", lambda c: "/einreichen/", url_name="submissions:example"),
    PageType("einreichen-fehler", open=open_submission_error),
    PageType("einreichen-danke", open=open_submission_success, url_name="submissions:thanks"),
    PageType(
        "hinweis",
        lambda c: f"/steckbriefe/{c.profile.slug}/hinweis/",
        url_name="submissions:hint",
    ),
    PageType("search", lambda c: "/steckbriefe/?q=Zweckverband&sortierung=relevanz"),
    PageType("site-search", lambda c: "/suche/?q=P%2BR", url_name="search:results"),
    PageType("site-search-no-hits", lambda c: "/suche/?q=Bauhof"),
    PageType("praxisbeispiele-search", lambda c: "/praxisbeispiele/?q=Kosten+teilen+Parkplatz"),
    PageType("compare", open=open_compare, url_name="profiles:compare"),
    PageType(
        "merkliste", open=lambda page, c: open_merkliste(page, c), url_name="profiles:merkliste"
    ),
    PageType("opendata", lambda c: "/daten/", url_name="profiles:opendata"),
    PageType(
        "lasten-nutzen-ausgleich",
        lambda c: "/lasten-nutzen-ausgleich/",
        url_name="profiles:lasten_nutzen_ausgleich",
    ),
    PageType("browse-kind-intro", lambda c: "/steckbriefe/?art=ausgleich"),
    PageType("recht-der-laender", lambda c: "/recht-der-laender/", url_name="laender:table"),
    PageType("impressum", lambda c: "/impressum/", url_name="profiles:impressum"),
    PageType("datenschutz", lambda c: "/datenschutz/", url_name="profiles:datenschutz"),
    PageType(
        "barrierefreiheit", lambda c: "/barrierefreiheit/", url_name="profiles:barrierefreiheit"
    ),
    PageType("finder", lambda c: "/finder/", url_name="finder:questions"),
    PageType(
        "finder-ergebnis",
        lambda c: (
            "/finder/ergebnis/?vorhaben=flaechen&verbindlichkeit=traeger&hoheit=nein"
            "&geld=steuern&partner=privat&grenze=ja&aufwand=mittel"
        ),
        url_name="finder:result",
    ),
    PageType("glossar", lambda c: "/glossar/", url_name="glossary:term_list"),
    PageType("glossar-begriff", lambda c: "/glossar/hebesatz/", url_name="glossary:term_detail"),
    PageType("not-found", lambda c: "/steckbriefe/gibt-es-nicht/", status=404),
    PageType("rechner", lambda c: "/rechner/", url_name="calculator:rechner"),
    PageType("rechner-ergebnis", lambda c: f"/rechner/?{ZOLLERNALB.query}"),
    # A demo Steckbrief with a Rechenbeispiel (fixtures/demo/60_rechenbeispiele.yaml).
    PageType("steckbrief-rechenbeispiel", lambda c: "/steckbriefe/steuerteilung-gewerbegebiet/"),
]


def _page_type_params():
    for page_type in PAGE_TYPES:
        marks = []
        if page_type.needs:
            marks.append(
                pytest.mark.skipif(
                    feature_missing(*page_type.needs),
                    reason=f"{page_type.name}: feature not merged yet "
                    f"(none of {', '.join(page_type.needs)} resolves)",
                )
            )
        yield pytest.param(page_type, id=page_type.name, marks=marks)


PAGE_TYPE_PARAMS = list(_page_type_params())
