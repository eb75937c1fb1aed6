"""What users do, step by step, in Chromium.

Written against what a user sees (roles, labels, link texts, headings), not
CSS classes, so the journeys survive a redesign. Journeys that need a feature
from another branch are skipped by a probe until that feature is merged:
search and facets (the free-text filter ``q``), and the Steckbrief page's
share, print and compare features (the compare URL).
"""

import re

from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from profiles.editorial.groups import EDITOR_GROUP

from .conftest import SCREENSHOTS
from .pages import area_checkbox, open_compare, open_next_page

APPLY_FILTERS = re.compile(r"Filter anwenden|Anwenden|Ergebnisse anzeigen", re.IGNORECASE)
RESULT_COUNT = re.compile(r"(\d+) (Steckbrief|Steckbriefe|Ergebnis|Ergebnisse)\b")


def result_count(page) -> int:
    """The number the page announces ("21 Steckbriefe")."""
    text = page.get_by_text(RESULT_COUNT).first.inner_text()
    return int(RESULT_COUNT.search(text).group(1))


def result_cards(page) -> list:
    """The listed results: each an article in the main content."""
    return page.get_by_role("main").get_by_role("article").all()


def result_titles(page) -> list[str]:
    """Titles of the listed profiles (each card's heading)."""
    return [card.get_by_role("heading").first.inner_text().strip() for card in result_cards(page)]


def test_reader_filters_by_handlungsfeld_pages_and_reads_a_steckbrief(page, catalogue):
    page.goto("/")
    page.get_by_role("main").get_by_role("link", name=re.compile("Alle Steckbriefe")).first.click()
    page.wait_for_url("**/steckbriefe/")
    total = result_count(page)
    assert total > 20
    assert catalogue.draft.title not in page.content()

    # Page through the whole list: page 2 shows other profiles and leads back.
    first_page = result_titles(page)
    open_next_page(page)
    second_page = result_titles(page)
    assert second_page and not set(second_page) & set(first_page)
    assert page.get_by_text(re.compile(r"Seite 2\b")).first.is_visible()
    assert page.get_by_role("link", name=re.compile("Vorherige|Zurück", re.I)).first.is_visible()

    # Filter by a Handlungsfeld: fewer results, every one tagged with it.
    # On a wide screen a ticked filter applies at once (static/js/browse.js).
    page.goto("/steckbriefe/")
    area_checkbox(page, catalogue.area).check()
    page.wait_for_url(re.compile(rf"handlungsfeld={catalogue.area.slug}"))
    filtered = result_count(page)
    assert 2 <= filtered < total
    assert area_checkbox(page, catalogue.area).is_checked()
    cards = result_cards(page)
    assert len(cards) >= 2
    for card in cards:
        assert catalogue.area.name in card.inner_text()
    assert catalogue.draft.title not in result_titles(page)

    # Open a Steckbrief from the results.
    page.get_by_role("link", name=catalogue.profile.title, exact=True).click()
    page.wait_for_url(f"**{catalogue.profile.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == catalogue.profile.title
    assert page.get_by_role("heading", name="Auf einen Blick").is_visible()
    assert page.get_by_role("heading", name="Stolpersteine").is_visible()
    assert page.get_by_role("link", name=catalogue.example.title).is_visible()


def test_shared_link_to_a_section_anchor_scrolls_to_that_section(page, catalogue):
    page.goto(catalogue.profile.get_absolute_url() + "#stolpersteine")
    heading = page.get_by_role("heading", name="Stolpersteine")
    box = heading.bounding_box()
    viewport = page.viewport_size
    assert box is not None and 0 <= box["y"] < viewport["height"], "anchor target not in view"
    assert page.evaluate("document.querySelector(':target').id") == "stolpersteine"


def test_table_of_contents_link_jumps_to_the_section(page, catalogue):
    page.goto(catalogue.profile.get_absolute_url())
    toc = page.get_by_role("navigation", name=re.compile("Inhalt", re.IGNORECASE))
    toc.get_by_role("link", name="Stolpersteine").click()
    page.wait_for_url(re.compile(r"#stolpersteine$"))
    box = page.get_by_role("heading", name="Stolpersteine").bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]


def test_header_search_shows_results_grouped_by_kind(page, catalogue):
    page.goto("/handlungsfelder/")
    box = page.get_by_role("searchbox", name="Ganzen Katalog durchsuchen")
    box.fill("P+R")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/suche/\?q=P%2BR"))
    groups = page.get_by_role("navigation", name="Treffer nach Art")
    assert groups.get_by_role("link", name=re.compile(r"Praxisbeispiele \(\d+\)")).count() == 1
    with page.expect_navigation():
        page.get_by_role("link", name="Regional Hub Petershausen").click()
    assert page.url.endswith("/praxisbeispiele/regional-hub-petershausen/")


def test_reader_searches_and_narrows_with_facets(page, catalogue):
    page.goto("/steckbriefe/")
    # The browse page's own box (the header's searches the whole catalogue).
    search = page.get_by_role("searchbox", name="Steckbriefe durchsuchen")
    search.first.fill("Kostenbeteiligung")
    search.first.press("Enter")
    page.wait_for_url(re.compile(r"[?&]q=Kostenbeteiligung"))
    titles = result_titles(page)
    assert catalogue.profile.title in titles
    assert catalogue.other_profile.title not in titles

    # Facet counts next to each option; an option without results says 0.
    page.goto("/steckbriefe/")
    label = area_checkbox(page, catalogue.area).first.evaluate("el => el.labels[0].innerText")
    assert re.search(r"\d+", label), f"no count next to {label!r}"
    empty = area_checkbox(page, catalogue.empty_area).first
    assert re.search(r"\b0\b", empty.evaluate("el => el.labels[0].innerText"))

    # An active filter is a removable chip.
    page.goto(f"/steckbriefe/?handlungsfeld={catalogue.area.slug}")
    narrowed = result_count(page)
    chip = page.get_by_role("link", name=re.compile(rf"{catalogue.area.name}.*entfernen", re.I))
    with page.expect_navigation():
        chip.click()
    assert catalogue.area.slug not in page.url
    assert result_count(page) > narrowed


def test_reader_copies_the_permanent_link(context, page, catalogue, live_server):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(catalogue.profile.get_absolute_url())
    page.get_by_role("button", name="Link kopieren").click()
    # The confirmation appears once the clipboard promise resolves: wait for it.
    expect(page.get_by_text("Link kopiert.")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(catalogue.profile.get_absolute_url())
    assert copied.startswith("http")


def test_print_view_shows_the_content_without_navigation(page, catalogue):
    page.goto(catalogue.profile.get_absolute_url())
    page.emulate_media(media="print")
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.get_by_role("heading", name="Auf einen Blick").is_visible()
    assert page.get_by_role("heading", name="Stolpersteine").is_visible()
    assert not page.get_by_role("navigation", name="Hauptnavigation").is_visible()
    assert not page.get_by_role("link", name="Zum Inhalt springen").is_visible()
    # Links are printed as text: the source's address is visible on paper.
    source_url = catalogue.profile.sources.get().url
    assert page.get_by_text(source_url).first.is_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=SCREENSHOTS / "steckbrief-print.pdf", format="A4")


def test_print_view_hides_share_buttons_and_shows_the_permanent_address(page, catalogue):
    page.goto(catalogue.profile.get_absolute_url())
    assert page.get_by_role("button", name="Link kopieren").is_visible()
    page.emulate_media(media="print")
    assert not page.get_by_role("button", name="Link kopieren").is_visible()
    printed = page.get_by_text(re.compile(re.escape(catalogue.profile.get_absolute_url())))
    assert printed.filter(visible=True).count() >= 1
    # "Stand" (last reviewed) or, before a first review, the last update, on paper.
    dated = page.get_by_text(re.compile(r"Stand:|Zuletzt aktualisiert:"))
    assert dated.filter(visible=True).count() >= 1


def test_reader_compares_two_profiles_on_a_shareable_page(page, catalogue):
    open_compare(page, catalogue)
    for profile in (catalogue.profile, catalogue.other_profile):
        assert (
            page.get_by_role("columnheader", name=profile.title)
            .or_(page.get_by_role("heading", name=profile.title))
            .first.is_visible()
        )
    assert page.get_by_text("Stolpersteine").first.is_visible()
    shared_url = page.url
    for profile in (catalogue.profile, catalogue.other_profile):
        assert profile.slug in shared_url
    other = page.context.new_page()
    other.goto(shared_url)
    assert other.get_by_text(catalogue.other_profile.title).first.is_visible()


def test_editor_publishes_a_draft_and_the_public_sees_it(browser, page, catalogue, live_server):
    from playwright.sync_api import expect  # imported late: the suite may skip without it

    editor = User.objects.create_user(
        "redakteur", password="ein-langes-passwort-123", is_staff=True
    )
    editor.groups.add(Group.objects.get(name=EDITOR_GROUP))
    draft = catalogue.draft

    public = browser.new_context(base_url=live_server.url, locale="de-DE")
    reader = public.new_page()
    assert reader.goto(draft.get_absolute_url()).status == 404

    page.goto("/admin/")
    page.get_by_label("Benutzername").fill("redakteur")
    page.get_by_label("Passwort").fill("ein-langes-passwort-123")
    page.get_by_role("button", name="Anmelden").click()
    page.get_by_role("link", name="Steckbriefe", exact=True).first.click()
    page.get_by_role("row").filter(has_text=draft.title).get_by_role("checkbox").check()
    page.get_by_role("combobox", name="Aktion").select_option(label="Ausgewählte veröffentlichen")
    page.get_by_role("button", name="Ausführen").click()
    expect(page.get_by_text("1 Eintrag veröffentlicht.")).to_be_visible()

    assert reader.goto(draft.get_absolute_url()).status == 200
    assert reader.get_by_role("heading", level=1).inner_text() == draft.title
    reader.goto(f"/steckbriefe/?handlungsfeld={catalogue.area.slug}")
    assert draft.title in result_titles(reader)
    public.close()
