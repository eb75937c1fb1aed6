"""The map of Praxisbeispiele: pins and list show the same examples as the list page."""

import re

import pytest
from django.core.management import call_command

from profiles.models import Municipality, PracticeExample
from profiles.public import examplemap

pytestmark = pytest.mark.django_db

FILTERS = [
    "",
    "?bundesland=BY",
    "?bundesland=SH",
    "?groesse=unter-5000",
    "?groesse=5000-20000",
    "?groesse=ueber-20000",
    "?handlungsfeld=mobilitaet",
    "?instrument=zweckverband",
    "?bundesland=BY&groesse=5000-20000&handlungsfeld=mobilitaet",
    "?bundesland=XX&groesse=riesig",  # invalid values: errors shown, nothing else filtered
]


@pytest.fixture
def demo(db):
    call_command("load_demo")


def links(html, start, end):
    part = html.split(start, 1)[1].split(end, 1)[0]
    return set(re.findall(r'href="(/praxisbeispiele/[^"/]+/)"', part))


def list_page_examples(client, query):
    html = client.get("/praxisbeispiele/" + query).content.decode()
    return links(html, 'class="cards"', "</section>")


def test_pins_and_list_show_the_examples_of_the_list_page(demo, client):
    located = {
        e.get_absolute_url()
        for e in PracticeExample.objects.filter(members__latitude__isnull=False).distinct()
    }
    for query in FILTERS:
        response = client.get("/praxisbeispiele/karte/" + query)
        assert response.status_code == 200
        html = response.content.decode()
        pins = links(html, '<svg class="example-map__svg"', "</svg>")
        listed = links(html, 'class="example-map__list"', "</ol>")
        expected = list_page_examples(client, query)
        assert listed == expected, query
        assert pins == expected & located, query
    for pin in re.findall(
        r'<a href="/praxisbeispiele/[^"]+/"\s+class="example-map__pin"\s+'
        r'aria-label="([^"]+)"',
        html,
    ):
        assert pin.strip()


def test_filters_narrow_the_map(demo, client):
    everything = links(
        client.get("/praxisbeispiele/karte/").content.decode(),
        '<svg class="example-map__svg"',
        "</svg>",
    )
    bavaria = links(
        client.get("/praxisbeispiele/karte/?bundesland=BY").content.decode(),
        '<svg class="example-map__svg"',
        "</svg>",
    )
    assert bavaria and bavaria < everything
    assert "/praxisbeispiele/strukturfonds-rendsburg/" in everything - bavaria


def test_small_class_uses_the_smallest_member(demo):
    rendsburg = PracticeExample.objects.get(slug="strukturfonds-rendsburg")
    smallest = min(m.population for m in rendsburg.members.all())
    assert smallest < 5000
    from django.test import Client

    html = Client().get("/praxisbeispiele/?groesse=unter-5000").content.decode()
    assert "strukturfonds-rendsburg" in html
    assert "regional-hub-petershausen" not in html


def test_pins_lie_inside_the_map_and_north_is_up(demo):
    entries, pins = examplemap.map_entries(
        PracticeExample.objects.published().prefetch_related("members").order_by("title")
    )
    height = examplemap.projection().height
    for pin in pins:
        assert 0 < pin.x < examplemap.WIDTH and 0 < pin.y < height
    by_slug = {pin.example.slug: pin for pin in pins}
    # Rendsburg (Schleswig-Holstein) lies north of Petershausen (Bavaria).
    assert by_slug["strukturfonds-rendsburg"].y < by_slug["regional-hub-petershausen"].y


def test_example_without_positions_is_listed_without_a_pin(demo, client):
    Municipality.objects.update(latitude=None, longitude=None)
    html = client.get("/praxisbeispiele/karte/").content.decode()
    assert not links(html, '<svg class="example-map__svg"', "</svg>")
    published = PracticeExample.objects.published().count()
    assert len(links(html, 'class="example-map__list"', "</ol>")) == published
    assert "keine Lage der Kommunen erfasst" in html


def test_outline_comes_from_the_vendored_data():
    path = examplemap.outline_path()
    assert path.count("M") == len(examplemap.outline_rings()) >= 1


def test_svg_numbers_are_not_localised(demo, client):
    """German number formatting would turn 561.3 into 561,3 and break the SVG."""
    html = client.get("/praxisbeispiele/karte/").content.decode()
    svg = html.split('<svg class="example-map__svg"', 1)[1].split("</svg>", 1)[0]
    view_box = re.search(r'viewBox="([^"]+)"', svg).group(1)
    assert "," not in view_box
    assert not re.search(r'c[xy]="[^"]*,', svg)


def test_api_takes_the_size_filter_too(demo, client):
    data = client.get("/api/praxisbeispiele/?groesse=unter-5000").json()
    text = str(data)
    assert "strukturfonds-rendsburg" in text
    assert "regional-hub-petershausen" not in text
