"""Issue 13 in Chromium: filters on a phone, filters applying on change, the
Merkliste across pages, compare at 375 px, and no request to another host.

Screenshots of every page type at 1280 and 375 px (home, browse, steckbrief,
compare, merkliste, ...) are written by the reflow test in test_page_types.py to
artifacts/screenshots/ (gitignored).
"""

import re

import pytest

from .conftest import DESKTOP, SCREENSHOTS
from .pages import PAGE_TYPES, area_checkbox, open_compare
from .test_page_types import assert_no_horizontal_scrolling

PHONE = {"width": 375, "height": 800}


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport=PHONE, reduced_motion="reduce"
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def no_js(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport=DESKTOP, java_script_enabled=False
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def first_result_top(page) -> float:
    """Distance of the first result card from the top of the page, in CSS px."""
    return page.evaluate(
        """() => {
            const card = document.querySelector("main article");
            return card.getBoundingClientRect().top + window.scrollY;
        }"""
    )


def test_phone_filter_panel_is_closed_and_results_come_first(phone, catalogue):
    phone.goto("/steckbriefe/")
    panel = phone.locator("details[data-filter-panel]")
    assert panel.evaluate("el => el.open") is False
    assert not area_checkbox(phone, catalogue.area).is_visible()
    assert first_result_top(phone) < 2 * PHONE["height"], "first result too far down"
    assert_no_horizontal_scrolling(phone, PHONE["width"], "browse at 375 px")

    # One tap opens the filters; the summary says how many are active.
    summary = phone.locator("summary", has_text="Filter")
    assert "keiner aktiv" in summary.inner_text()
    summary.click()
    assert area_checkbox(phone, catalogue.area).is_visible()

    # On a phone a ticked filter waits for "Filter anwenden" (no reload per tap).
    area_checkbox(phone, catalogue.area).check()
    phone.wait_for_timeout(600)
    assert "handlungsfeld" not in phone.url
    with phone.expect_navigation():
        phone.get_by_role("button", name="Filter anwenden").click()
    assert f"handlungsfeld={catalogue.area.slug}" in phone.url
    assert "q=" not in phone.url and "=&" not in phone.url and not phone.url.endswith("=")
    assert "1 aktiv" in phone.locator("summary", has_text="Filter").inner_text()
    assert first_result_top(phone) < 2 * PHONE["height"]


def test_desktop_filter_panel_is_open_and_filters_apply_on_change(page, catalogue):
    page.goto("/steckbriefe/")
    assert page.locator("details[data-filter-panel]").evaluate("el => el.open") is True
    checkbox = area_checkbox(page, catalogue.area)
    checkbox.check()
    # No button press: the list reloads with the filter, and no empty parameters.
    page.wait_for_url(re.compile(rf"/steckbriefe/\?.*handlungsfeld={catalogue.area.slug}"))
    assert "q=" not in page.url and "=&" not in page.url and not page.url.endswith("=")
    assert area_checkbox(page, catalogue.area).is_checked()
    # Focus is back on the control the user changed.
    assert page.evaluate("document.activeElement.type") == "checkbox"
    assert page.evaluate("document.activeElement.value") == catalogue.area.slug
    titles = page.get_by_role("main").get_by_role("article").all_inner_texts()
    assert titles and all(catalogue.area.name in text for text in titles)
    # A single-choice filter ("egal" is the empty value) also applies at once.
    page.get_by_role("radio", name=re.compile(r"^geeignet")).check()
    page.wait_for_url(re.compile(r"kleine_gemeinden=ja"))
    assert "=&" not in page.url and not page.url.endswith("=")


def test_without_javascript_the_form_still_filters_and_the_server_cleans_the_url(no_js, catalogue):
    no_js.goto("/steckbriefe/")
    # The panel is a plain <details>: closed, it opens with a click, no script needed.
    no_js.locator("summary", has_text="Filter").click()
    area_checkbox(no_js, catalogue.area).check()
    with no_js.expect_navigation():
        no_js.get_by_role("button", name="Filter anwenden").click()
    # The form sent q=, kleine_gemeinden=, …; the server redirected to the clean URL.
    assert f"handlungsfeld={catalogue.area.slug}" in no_js.url
    assert "q=" not in no_js.url and "kleine_gemeinden=" not in no_js.url
    assert "=&" not in no_js.url and not no_js.url.endswith("=")
    # Merken needs the browser's storage: without JavaScript the controls stay hidden.
    assert no_js.locator("[data-merken]").first.is_hidden()
    assert no_js.locator("[data-merkliste-link]").is_hidden()
    no_js.goto("/merkliste/")
    assert no_js.get_by_role("heading", name="Die Merkliste braucht JavaScript").is_visible()


def named(action: str, title: str):
    """A control's accessible name: the visible action and the title it belongs to."""
    return re.compile(rf"^{action}\W+{re.escape(title)}$")


def merkliste_count(page) -> int:
    return int(page.locator("[data-merkliste-count]").inner_text())


def test_merkliste_collects_across_pages_and_leads_to_the_comparison(page, catalogue):
    profile, other = catalogue.profile, catalogue.other_profile
    page.goto(f"/steckbriefe/?handlungsfeld={catalogue.area.slug}")
    header_link = page.get_by_role("link", name=re.compile(r"^Merkliste"))
    assert header_link.is_visible() and merkliste_count(page) == 0
    merken = page.get_by_role("button", name=named("Merken", profile.title))
    merken.click()
    assert merken.get_attribute("aria-pressed") == "true"
    assert merkliste_count(page) == 1
    expected_status = f"„{profile.title}“ gemerkt."
    assert expected_status in page.locator("[data-merkliste-status]").inner_text()

    # Another page (and another tab) knows the list; the Steckbrief page shows it as pressed.
    page.goto(profile.get_absolute_url())
    assert merkliste_count(page) == 1
    assert (
        page.get_by_role("button", name=named("Merken", profile.title)).get_attribute(
            "aria-pressed"
        )
        == "true"
    )
    page.goto(other.get_absolute_url())
    page.get_by_role("button", name=named("Merken", other.title)).click()
    assert merkliste_count(page) == 2
    tab = page.context.new_page()
    tab.goto("/")
    assert int(tab.locator("[data-merkliste-count]").inner_text()) == 2
    tab.close()

    # The Merkliste page lists both as links and compares them.
    header_link.click()
    page.wait_for_url("**/merkliste/")
    main = page.get_by_role("main")
    for item in (profile, other):
        assert main.get_by_role("link", name=item.title, exact=True).is_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Ausgewählte vergleichen").click()
    assert profile.slug in page.url and other.slug in page.url
    assert page.get_by_role("columnheader", name=other.title).is_visible()

    # Removing one on the Merkliste page updates the count everywhere.
    page.goto("/merkliste/")
    page.get_by_role("button", name=named("Entfernen", other.title)).click()
    assert merkliste_count(page) == 1
    assert not main.get_by_role("link", name=other.title, exact=True).is_visible()
    page.goto(other.get_absolute_url())
    assert (
        page.get_by_role("button", name=named("Merken", other.title)).get_attribute("aria-pressed")
        == "false"
    )


def test_compare_at_375_px_leads_with_short_facts_without_page_overflow(phone, catalogue):
    open_compare(phone, catalogue)
    assert_no_horizontal_scrolling(phone, PHONE["width"], "compare at 375 px")
    row_headers = [text.strip() for text in phone.get_by_role("rowheader").all_inner_texts()]
    short = ["Art", "Verbindlichkeit", "Art des Ausgleichs", "Aufwand", "Für kleine Gemeinden"]
    assert row_headers[0] == "Auf einen Blick"
    assert row_headers[1 : len(short) + 1] == short, row_headers
    assert row_headers.index("Für kleine Gemeinden") < row_headers.index("Rechtsgrundlage")
    assert row_headers.index("Aufwand") < row_headers.index("Stolpersteine")
    # The table scrolls inside its own box; the row labels stay in view while it does.
    region = phone.get_by_role("region", name=re.compile("Vergleich von"))
    region.evaluate("el => el.scrollLeft = el.scrollWidth")
    label = phone.get_by_role("rowheader", name="Aufwand")
    box = label.bounding_box()
    assert box is not None and 0 <= box["x"] < 40, box
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=SCREENSHOTS / "compare-375-scrolled.png", full_page=True)


LOADED_PAGE_TYPES = ["home", "browse", "steckbrief", "compare", "merkliste", "praxisbeispiele"]


@pytest.mark.parametrize("name", LOADED_PAGE_TYPES)
def test_no_request_goes_to_another_host(page, catalogue, live_server, name):
    page_type = next(p for p in PAGE_TYPES if p.name == name)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page_type.visit(page, catalogue)
    page.wait_for_load_state("networkidle")
    foreign = [url for url in requested if not url.startswith((live_server.url, "data:", "blob:"))]
    assert not foreign, f"{name}: requests to other hosts: {foreign}"
    # The KERN stylesheet and its font come from the site itself.
    assert any(url.endswith("/vendor/kern/kern.min.css") for url in requested)
    assert any(re.search(r"/vendor/kern/fonts/FiraSans-\w+\.woff2$", url) for url in requested)
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Fira Sans"')
