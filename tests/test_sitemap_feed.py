"""/sitemap.xml, /robots.txt and the Atom feed: published content only, absolute URLs."""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from profiles.models import Status
from profiles.public.legal import ensure_legal_pages
from tests.conftest import make_example, make_policy_area, make_profile
from tests.routes import public_routes, urls_of

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM_NS = {"a": "http://www.w3.org/2005/Atom"}


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.findtext("sm:loc", namespaces=SITEMAP_NS): url.findtext(
            "sm:lastmod", namespaces=SITEMAP_NS
        )
        for url in root.findall("sm:url", SITEMAP_NS)
    }


def test_sitemap_lists_published_profiles_examples_and_policy_areas(client):
    area = make_policy_area("Wohnen")
    profile = make_profile(tags=[area])
    example = make_example()
    draft = make_profile(status=Status.DRAFT)
    future = make_profile(published_at=timezone.now() + timedelta(days=3))
    draft_example = make_example(status=Status.DRAFT)
    entries = sitemap_entries(client)
    base = "http://testserver"
    assert (
        entries[base + profile.get_absolute_url()]
        == timezone.localtime(profile.updated).date().isoformat()
    )
    assert base + example.get_absolute_url() in entries
    assert base + area.get_absolute_url() in entries
    assert base + reverse("profiles:profile_list") in entries
    for hidden in (draft, future, draft_example):
        assert base + hidden.get_absolute_url() not in entries


def test_policy_area_lastmod_follows_its_newest_published_profile(client):
    area = make_policy_area("Mobilität")
    old = timezone.now() - timedelta(days=400)
    type(area).objects.filter(pk=area.pk).update(updated=old)
    profile = make_profile(tags=[area])
    draft = make_profile(tags=[area], status=Status.DRAFT)
    type(draft).objects.filter(pk=draft.pk).update(updated=timezone.now() + timedelta(days=2))
    entries = sitemap_entries(client)
    assert entries["http://testserver" + area.get_absolute_url()] == (
        timezone.localtime(profile.updated).date().isoformat()
    )


def test_sitemap_uses_the_configured_site_url(client, settings):
    settings.SITE_URL = "https://katalog.example.org"
    profile = make_profile()
    assert f"https://katalog.example.org{profile.get_absolute_url()}" in sitemap_entries(client)


def test_robots_txt_allows_all_but_admin_and_names_the_sitemap(client, settings):
    settings.SITE_URL = "https://katalog.example.org"
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: https://katalog.example.org/sitemap.xml" in lines


def test_feed_lists_published_profiles_newest_update_first(client):
    area = make_policy_area("Gewerbe")
    older = make_profile("Älterer", tags=[area])
    make_profile("Neuerer")
    make_profile("Entwurf im Feed", status=Status.DRAFT)
    type(older).objects.filter(pk=older.pk).update(updated=timezone.now() - timedelta(days=1))
    response = client.get(reverse("profiles:profile_feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    entries = root.findall("a:entry", ATOM_NS)
    assert [e.findtext("a:title", namespaces=ATOM_NS) for e in entries] == [
        "Neuerer",
        "Älterer",
    ]
    first = entries[1]
    assert first.find("a:link", ATOM_NS).get("href") == (
        "http://testserver" + older.get_absolute_url()
    )
    assert first.findtext("a:summary", namespaces=ATOM_NS) == older.summary
    assert first.find("a:category", ATOM_NS).get("term") == "Gewerbe"
    assert first.findtext("a:published", namespaces=ATOM_NS)
    assert b"Entwurf im Feed" not in response.content


def test_feed_is_linked_from_every_page(client):
    """Every HTML answer of every public route (and the 404 page) links the feed."""
    ensure_legal_pages()
    area = make_policy_area("Wohnen")
    profiles = [make_profile(tags=[area]) for _ in range(2)]
    example = make_example(profiles=profiles)
    slugs = {"slug": [profiles[0].slug, example.slug, area.slug]}
    compare = "?" + "&".join(f"s={p.slug}" for p in profiles)
    html_pages = set()
    for name, route, params in public_routes():
        for url in urls_of(route, params, slugs):
            url += compare if name == "profiles:compare" else ""
            response = client.get(url)
            if not response["Content-Type"].startswith("text/html"):
                continue
            html_pages.add(name if response.status_code == 200 else "404")
            body = response.content.decode()
            links = re.findall(r"<link rel=\"alternate\"[^>]*>", body)
            assert any(
                'type="application/atom+xml"' in link and 'href="/steckbriefe/feed/"' in link
                for link in links
            ), url
    # Home, lists, details, compare, open data, legal pages and the 404 page.
    assert len(html_pages) >= 12, html_pages
