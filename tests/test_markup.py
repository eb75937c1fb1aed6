"""Editors' Markdown is rendered and sanitised."""

from html.parser import HTMLParser

import pytest

from profiles.markup import ALLOWED_TAGS, render_markdown
from tests.conftest import make_profile

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[klick](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src='https://example.org'></iframe>",
    '<p style="background:url(javascript:alert(1))">x</p>',
]


class ElementCollector(HTMLParser):
    """Collects the real elements and attributes (escaped text does not count)."""

    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements_of(html):
    collector = ElementCollector()
    collector.feed(html)
    return collector.elements


@pytest.mark.parametrize("source", HOSTILE)
def test_sanitiser_strips_script(source):
    for tag, attrs in elements_of(render_markdown(source)):
        assert tag in ALLOWED_TAGS
        assert not any(name.startswith("on") or name == "style" for name in attrs)
        assert not attrs.get("href", "").lower().startswith("javascript")


def test_sanitiser_drops_raw_html_even_if_the_renderer_lets_it_through(monkeypatch):
    from profiles import markup

    monkeypatch.setattr(markup._markdown, "render", lambda text: text)
    html = render_markdown(
        '<p onclick="x()">a</p><script>alert(1)</script><a href="javascript:x">b</a>'
    )
    assert elements_of(html) == [("p", {}), ("a", {"rel": "noopener noreferrer"})]


def test_markdown_renders_lists_emphasis_and_safe_links():
    html = render_markdown(
        "Text mit **Betonung**.\n\n- eins\n- zwei\n\n[Quelle](https://difu.de/17534)"
    )
    assert "<strong>Betonung</strong>" in html
    assert "<li>eins</li>" in html
    assert 'href="https://difu.de/17534"' in html
    assert 'rel="noopener noreferrer"' in html


def test_headings_are_demoted_below_the_section_heading():
    assert "<h3>Titel</h3>" in render_markdown("# Titel")


@pytest.mark.django_db
def test_profile_page_shows_no_script_from_a_section(client):
    profile = make_profile(description="Vorher <script>alert('x')</script> nachher")
    response = client.get(profile.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert" not in body
    assert "Vorher" in body
