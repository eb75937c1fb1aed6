"""The Steckbrief page: contents, related lists, link previews, share box, QR code, print."""

import json
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from profiles.models import Status
from tests.conftest import make_example, make_policy_area, make_profile

pytestmark = pytest.mark.django_db


class HeadParser(HTMLParser):
    """Collects meta/link tags, JSON-LD blocks, element ids and links of a page."""

    def __init__(self):
        super().__init__()
        self.meta = {}
        self.links = {}
        self.json_ld = []
        self.ids = set()
        self.hrefs = []
        self.elements = {}
        self.buttons = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
            self.elements[attrs["id"]] = (tag, attrs)
        if tag == "button":
            self.buttons.append(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            self.meta.setdefault(key, attrs.get("content"))
        elif tag == "link":
            self.links[attrs.get("rel")] = attrs.get("href")
        elif tag == "a" and "href" in attrs:
            self.hrefs.append(attrs["href"])
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))


def parse(response):
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


def test_every_filled_section_has_a_stable_anchor_and_a_contents_entry(client):
    profile = make_profile(
        legal_basis="Art. 17 KommZG",
        burdens_benefits="Lasten",
        opportunities="Chancen",
        stumbling_blocks="Streit",
        steps="Schritte",
    )
    page = parse(client.get(profile.get_absolute_url()))
    for anchor in (
        "was-ist-das",
        "rechtsgrundlage",
        "lasten-und-nutzen",
        "chancen",
        "stolpersteine",
        "schritte",
        "auf-einen-blick",
    ):
        assert anchor in page.ids
        assert f"#{anchor}" in page.hrefs
    # Empty sections get neither an anchor nor a contents entry.
    assert "voraussetzungen" not in page.ids
    assert "#voraussetzungen" not in page.hrefs


def test_breadcrumbs_and_stand_date(client):
    from datetime import date

    profile = make_profile("Zweckverband", last_reviewed=date(2025, 3, 14))
    body = client.get(profile.get_absolute_url()).content.decode()
    assert 'aria-label="Brotkrumen"' in body
    assert 'href="/steckbriefe/"' in body
    assert "Stand:" in body and "14. März 2025" in body


def test_related_explicit_links_first_then_shared_policy_areas_published_only(client):
    housing = make_policy_area("Wohnen")
    mobility = make_policy_area("Mobilität")
    profile = make_profile("Hauptsteckbrief", tags=[housing, mobility])
    explicit = make_profile("Z ausdrücklich verknüpft")
    profile.related.add(explicit)
    both = make_profile("B teilt zwei", tags=[housing, mobility])
    one = make_profile("A teilt eins", tags=[housing])
    make_profile("Entwurf teilt zwei", tags=[housing, mobility], status=Status.DRAFT)
    make_profile("Anderes Feld", tags=[make_policy_area("Energie")])
    response = client.get(profile.get_absolute_url())
    assert response.context["related_profiles"] == [explicit, both, one]
    body = response.content.decode()
    assert "Entwurf teilt zwei" not in body
    related = body[body.index('id="verwandt"') : body.index('id="vergleich-title"')]
    assert "Anderes Feld" not in related
    assert "gemeinsame Handlungsfelder: Mobilität, Wohnen" in related


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_detail_page_queries_do_not_grow_with_related_content(client):
    area = make_policy_area()
    small = make_profile(tags=[area])
    small.related.add(make_profile())
    make_example(profiles=[small]).sources.create(title="Q", url="https://example.org/q")
    make_profile(tags=[area])
    few = count_queries(client, small.get_absolute_url())

    areas = [make_policy_area() for _ in range(3)]
    big = make_profile(tags=areas)
    for _ in range(5):
        big.related.add(make_profile(tags=areas))
        make_example(profiles=[big], tags=areas)
        make_profile(tags=areas)
    for n in range(5):
        big.sources.create(title=f"Quelle {n}", url=f"https://example.org/{n}")
    assert count_queries(client, big.get_absolute_url()) == few


def test_link_preview_tags_use_absolute_urls(client, settings):
    settings.SITE_URL = ""
    profile = make_profile("Zweckvereinbarung", summary="Eine Gemeinde übernimmt eine Aufgabe.")
    page = parse(client.get(profile.get_absolute_url()))
    url = f"http://testserver{profile.get_absolute_url()}"
    assert page.links["canonical"] == url
    assert page.meta["og:url"] == url
    assert page.meta["og:title"] == "Zweckvereinbarung"
    assert page.meta["og:description"] == "Eine Gemeinde übernimmt eine Aufgabe."
    assert page.meta["og:locale"] == "de_DE"
    assert page.meta["og:site_name"]
    # The Steckbrief's own card (tests/test_steckbrief_files.py), absolute like the rest.
    assert page.meta["og:image"].startswith(f"{url}vorschau.png?v=")
    assert page.meta["twitter:card"] == "summary_large_image"
    assert page.meta["description"] == "Eine Gemeinde übernimmt eine Aufgabe."
    assert page.links["alternate"] == "/steckbriefe/feed/"
    assert "robots" not in page.meta


def test_configured_site_url_wins_over_the_request_host(client, settings):
    settings.SITE_URL = "https://katalog.example.org"
    example = make_example()
    page = parse(client.get(example.get_absolute_url()))
    assert page.links["canonical"] == f"https://katalog.example.org{example.get_absolute_url()}"
    assert page.meta["og:image"].startswith("https://katalog.example.org/static/")


def test_json_ld_is_an_article_with_dates_and_breadcrumbs(client):
    from datetime import date

    area = make_policy_area("Gewerbe")
    profile = make_profile("Gewerbeflächenpool", tags=[area], last_reviewed=date(2025, 1, 2))
    page = parse(client.get(profile.get_absolute_url()))
    (data,) = page.json_ld
    article, trail = data["@graph"]
    assert data["@context"] == "https://schema.org"
    assert article["@type"] == "Article"
    assert article["headline"] == "Gewerbeflächenpool"
    assert article["datePublished"] == profile.published_at.isoformat()
    assert article["dateModified"] == profile.updated.isoformat()
    assert article["mainEntityOfPage"]["lastReviewed"] == "2025-01-02"
    assert article["keywords"] == ["Gewerbe"]
    assert [item["name"] for item in trail["itemListElement"]] == [
        "Start",
        "Steckbriefe",
        "Gewerbeflächenpool",
    ]
    assert trail["itemListElement"][-1]["item"].startswith("http://testserver/steckbriefe/")


def test_preview_of_a_draft_carries_noindex_in_header_and_page(editor_client):
    draft = make_profile(status=Status.DRAFT)
    response = editor_client.get(draft.get_absolute_url())
    assert "noindex" in response["X-Robots-Tag"]
    assert "noindex" in parse(response).meta["robots"]
    assert "datePublished" not in parse(response).json_ld[0]["@graph"][0]


def test_share_box_works_without_javascript(client):
    profile = make_profile("Zweckverband", summary="Ein Verband.")
    response = client.get(profile.get_absolute_url())
    body = response.content.decode()
    url = f"http://testserver{profile.get_absolute_url()}"
    page = parse(response)
    # The link is a read-only field with a label; the copy button waits for the script.
    tag, attrs = page.elements["share-url"]
    assert (tag, attrs["value"], "readonly" in attrs) == ("input", url, True)
    assert '<label for="share-url">' in body
    (copy,) = [b for b in page.buttons if "data-share-copy" in b]
    assert "hidden" in copy
    assert 'aria-live="polite"' in body
    assert "/static/js/share.js" in body
    mailto = next(h for h in page.hrefs if h.startswith("mailto:"))
    assert mailto.startswith("mailto:?subject=Zweckverband&body=")
    assert "http%3A%2F%2Ftestserver%2Fsteckbriefe%2F" in mailto
    assert f'src="{profile.get_absolute_url()}qr.svg"' in body


def test_qr_code_is_an_svg_of_the_permanent_link(client, settings):
    settings.SITE_URL = "https://katalog.example.org"
    profile = make_profile()
    response = client.get(f"{profile.get_absolute_url()}qr.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "max-age=86400" in response["Cache-Control"]
    svg = response.content.decode()
    assert svg.startswith("<?xml")
    assert "<svg" in svg and "viewBox" in svg
    assert f"https://katalog.example.org{profile.get_absolute_url()}" in svg  # the <title>


def test_qr_code_of_a_draft_is_404_for_the_public_and_uncached_for_staff(editor_client):
    draft = make_profile(status=Status.DRAFT)
    assert Client().get(f"{draft.get_absolute_url()}qr.svg").status_code == 404
    response = editor_client.get(f"{draft.get_absolute_url()}qr.svg")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


def test_example_qr_code(client):
    example = make_example()
    response = client.get(f"{example.get_absolute_url()}qr.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"


def test_print_header_has_url_qr_and_stand(client):
    profile = make_profile()
    body = client.get(profile.get_absolute_url()).content.decode()
    header = body[body.index('class="print-header') : body.index('class="profile__header')]
    assert f"http://testserver{profile.get_absolute_url()}" in header
    assert "qr.svg" in header
    assert "Zuletzt aktualisiert:" in header


def test_compare_with_form_on_a_profile_lists_other_published_profiles(client):
    profile = make_profile("Erster")
    make_profile("Zweiter")
    make_profile("Geheimer Entwurf", status=Status.DRAFT)
    body = client.get(profile.get_absolute_url()).content.decode()
    form = body[body.index('id="vergleich-title"') :]
    assert '<input type="hidden" name="s" value="' + profile.slug + '">' in form
    assert ">Zweiter</option>" in form
    assert "Geheimer Entwurf" not in form
    assert ">Erster</option>" not in form
