"""A title or summary with quotes, < and & stays text everywhere it is shown."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.conftest import make_example, make_profile
from tests.test_steckbrief_page import parse

pytestmark = pytest.mark.django_db

TITLE = 'Zweck"verband" & <script>alert(1)</script>'
SUMMARY = "Er sagt: 'A < B' & \"C > D\" </script><b>fett</b>"


@pytest.fixture
def hostile():
    return make_profile(TITLE, summary=SUMMARY)


def test_html_body_shows_the_text_escaped(client, hostile):
    body = client.get(hostile.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in body
    assert "<b>fett</b>" not in body
    assert "Zweck&quot;verband&quot; &amp; &lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_meta_tags_hold_the_exact_text(client, hostile):
    page = parse(client.get(hostile.get_absolute_url()))
    for key in ("og:title", "twitter:title"):
        assert page.meta[key] == TITLE
    for key in ("description", "og:description", "twitter:description"):
        assert page.meta[key] == SUMMARY


def test_json_ld_cannot_break_out_of_its_script_element(client, hostile):
    body = client.get(hostile.get_absolute_url()).content.decode()
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    assert "<" not in block and ">" not in block and "&" not in block
    article = json.loads(block)["@graph"][0]
    assert article["headline"] == TITLE
    assert article["description"] == SUMMARY


def test_feed_holds_the_exact_text_escaped_once(client, hostile):
    response = client.get(reverse("profiles:profile_feed"))
    assert b"<script>" not in response.content
    entry = ET.fromstring(response.content).find("{http://www.w3.org/2005/Atom}entry")
    assert entry.findtext("{http://www.w3.org/2005/Atom}title") == TITLE
    assert entry.findtext("{http://www.w3.org/2005/Atom}summary") == SUMMARY


def test_mailto_and_compare_page_escape_too(client, hostile):
    other = make_profile()
    response = client.get(reverse("profiles:compare"), {"s": [hostile.slug, other.slug]})
    body = response.content.decode()
    assert "<script>alert(1)" not in body
    mailto = next(h for h in parse(response).hrefs if h.startswith("mailto:"))
    assert "%3Cscript%3E" in mailto and "<" not in mailto


def test_example_page_escapes_too(client):
    example = make_example(TITLE, summary=SUMMARY)
    response = client.get(example.get_absolute_url())
    assert "<script>alert(1)" not in response.content.decode()
    assert parse(response).meta["og:title"] == TITLE
