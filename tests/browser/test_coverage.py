"""Every public HTML page of the URLconf is a page type the browser suite checks.

Runs without a browser. When a new public page is added, this fails until it
gets a PageType in tests/browser/pages.py (so axe, Nu, reflow and keyboard
checks apply to it) or, if it is not an HTML page, an entry in NOT_PAGES.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from profiles.public.legal import ensure_legal_pages

from .pages import PAGE_TYPES

pytestmark = pytest.mark.django_db

# URL names that answer something other than an HTML page for people (feeds,
# sitemaps, downloads, JSON, images), or only redirect. Parameterless routes
# are also recognised by their Content-Type; list here those with parameters.
NOT_PAGES: set[str] = {
    "profiles:profile_qr",  # SVG image
    "profiles:profile_pdf",  # PDF download
    "profiles:profile_card",  # PNG image (og:image)
    "profiles:example_qr",  # SVG image
    "profiles:api_profile_detail",  # JSON
    "profiles:api_example_detail",  # JSON
}
SKIPPED_NAMESPACES = {"admin"}


def public_url_patterns(patterns=None, namespace=""):
    """(URL name, pattern) for every named route outside the admin."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or ""
            full = ":".join(part for part in (namespace, inner) if part)
            if inner in SKIPPED_NAMESPACES:
                continue
            yield from public_url_patterns(entry.url_patterns, full)
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry


def covered_url_names() -> set[str]:
    names = set()
    for page_type in PAGE_TYPES:
        if page_type.url_name:
            names.add(page_type.url_name)
        names.update(page_type.needs)
    return names


def test_every_public_html_page_is_a_checked_page_type(client):
    ensure_legal_pages()
    covered = covered_url_names()
    uncovered = []
    for name, pattern in public_url_patterns():
        if name in covered or name in NOT_PAGES:
            continue
        if pattern.pattern.regex.groups:
            uncovered.append(f"{name} (has parameters: add a PageType or list it in NOT_PAGES)")
            continue
        response = client.get(reverse(name))
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            uncovered.append(f"{name} ({reverse(name)} is an HTML page: add a PageType)")
    assert not uncovered, "Public routes the browser suite does not check:\n" + "\n".join(uncovered)


def test_the_page_types_name_real_routes():
    names = {name for name, _ in public_url_patterns()}
    unknown = [
        page_type.url_name
        for page_type in PAGE_TYPES
        if page_type.url_name and page_type.url_name not in names
    ]
    assert not unknown, f"PageType url_name not in the URLconf: {unknown}"
