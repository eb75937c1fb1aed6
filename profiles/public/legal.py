"""The legal pages every German public website needs, with editable text.

Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit are
``LegalPage`` rows that editors change in the admin. Migration
0004_legal_pages creates them from its ``DEFAULT_PAGES``: sound German templates
that the operating institute completes (placeholders in square brackets).
The contact address for accessibility feedback comes from the CONTACT_EMAIL
setting and replaces ``{kontakt_email}`` in a page's text.
"""

from importlib import import_module

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import SafeString, mark_safe

from profiles.markup import render_markdown

CONTACT_PLACEHOLDER = "{kontakt_email}"

# slug -> (title, default Markdown text); the slugs are the URL names too.
# The texts are those migration 0004 created (kept there, frozen).
DEFAULT_PAGES = import_module("profiles.migrations.0004_legal_pages").DEFAULT_PAGES


def ensure_legal_pages():
    """Create any missing legal page with its default text; never overwrite edits."""
    from profiles.models import LegalPage as model

    for slug, (title, body) in DEFAULT_PAGES.items():
        model.objects.get_or_create(slug=slug, defaults={"title": title, "body": body})


def render_legal_body(page) -> SafeString:
    """The page's Markdown as safe HTML, with the configured contact address filled in.

    A legal page has no sections of its own, so its headings (h3 from the
    shared Markdown renderer) move up to h2 to keep the heading order.
    """
    html = render_markdown(page.body.replace(CONTACT_PLACEHOLDER, settings.CONTACT_EMAIL))
    html = html.replace("<h3>", "<h2>").replace("</h3>", "</h2>")
    return mark_safe(html)  # noqa: S308 - sanitised by nh3 in render_markdown


def legal_page(request, slug):
    from profiles.models import LegalPage

    page = get_object_or_404(LegalPage, slug=slug)
    return render(
        request,
        "profiles/legal_page.html",
        {"page": page, "body_html": render_legal_body(page)},
    )
