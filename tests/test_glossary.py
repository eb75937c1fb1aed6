"""The Glossar: public pages, drafts private, first-use links in Steckbriefe, demo content."""

import pytest
from django.core.management import call_command

from glossary.linking import Entry, TermLinker
from glossary.models import Term
from profiles.markup import render_markdown
from profiles.models import Status
from tests.conftest import make_profile

pytestmark = pytest.mark.django_db


def linker(*terms):
    return TermLinker(Entry(slug, f"/glossar/{slug}/", tuple(forms)) for slug, *forms in terms)


def make_term(term, slug, status=Status.PUBLISHED, **fields):
    return Term.objects.create(
        term=term, slug=slug, definition=f"Erklärung von {term}.", status=status, **fields
    )


# The linker on its own (no database)


def test_links_only_the_first_use_across_sections():
    link = linker(("hebesatz", "Hebesatz"))
    seen = set()
    first = link.link("<p>Der Hebesatz und noch ein Hebesatz.</p>", seen)
    second = link.link("<p>Wieder der Hebesatz.</p>", seen)
    assert first.count("glossary-link") == 1
    assert first.startswith(
        '<p>Der <a class="glossary-link" href="/glossar/hebesatz/">Hebesatz</a>'
    )
    assert "glossary-link" not in second


def test_inflected_forms_and_variants_link_to_the_term():
    link = linker(("zweckverband", "Zweckverband", "Zweckverbände"))
    assert 'href="/glossar/zweckverband/">Zweckverbandes</a>' in link.link(
        "<p>Organe des Zweckverbandes</p>", set()
    )
    assert ">Zweckverbände</a>" in link.link("<p>Viele Zweckverbände</p>", set())


def test_words_inside_compounds_are_not_linked():
    link = linker(("umlage", "Umlage"))
    assert "glossary-link" not in link.link("<p>Die Gewerbesteuerumlage sinkt.</p>", set())


def test_text_in_links_headings_and_code_is_left_alone():
    link = linker(("hebesatz", "Hebesatz"))
    html = (
        '<h3>Hebesatz</h3><p><a href="https://example.org" title="a > Hebesatz">Hebesatz</a> '
        "<code>Hebesatz</code> und dann der Hebesatz.</p>"
    )
    out = link.link(html, set())
    assert out.count("glossary-link") == 1
    assert out.endswith(
        'und dann der <a class="glossary-link" href="/glossar/hebesatz/">Hebesatz</a>.</p>'
    )
    # Everything before the linked word is unchanged, attribute with ">" included.
    assert out.startswith(html[: html.index("und dann")])


def test_longest_form_wins_and_keys_in_seen_are_never_linked():
    link = linker(("anstalt", "Anstalt"), ("aoer", "Anstalt des öffentlichen Rechts"))
    out = link.link("<p>Eine Anstalt des öffentlichen Rechts.</p>", set())
    assert 'href="/glossar/aoer/">Anstalt des öffentlichen Rechts</a>' in out
    assert "glossary-link" not in link.link("<p>Eine Anstalt.</p>", {"anstalt"})


def test_markup_in_text_cannot_be_injected_through_the_linker():
    link = linker(("hebesatz", "Hebesatz"))
    html = render_markdown('Hebesatz <script>alert(1)</script> & "Zitat"')
    out = link.link(html, set())
    assert "<script>" not in out
    assert "&lt;script&gt;" in out
    assert (
        out.replace('<a class="glossary-link" href="/glossar/hebesatz/">Hebesatz</a>', "Hebesatz")
        == html
    )


def test_long_text_with_many_near_misses_is_handled():
    link = linker(*((f"t{n}", f"Begriff{n}x") for n in range(40)))
    html = "<p>" + "Begriff " * 20000 + "Begriff7x</p>"
    out = link.link(html, set())
    assert out.count("glossary-link") == 1


# Pages


def test_list_shows_published_terms_a_to_z_and_hides_drafts(client):
    make_term("Zweckverband", "zweckverband")
    make_term("Ärgernis", "aergernis")
    make_term("Entwurfsbegriff", "entwurfsbegriff", status=Status.DRAFT)
    response = client.get("/glossar/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="buchstabe-z"' in html and 'id="buchstabe-a"' in html  # Ä under A
    assert "Zweckverband" in html and "Entwurfsbegriff" not in html
    assert client.get("/glossar/entwurfsbegriff/").status_code == 404
    assert client.get("/glossar/zweckverband/").status_code == 200


def test_term_page_shows_definition_and_sources(client):
    term = make_term("Hebesatz", "hebesatz")
    term.sources.create(title="Quelle zum Hebesatz", url="https://example.org/hebesatz")
    html = client.get(term.get_absolute_url()).content.decode()
    assert "Erklärung von Hebesatz." in html
    assert 'href="https://example.org/hebesatz"' in html


def test_steckbrief_links_the_first_use_of_published_terms_only(client):
    make_term("Hebesatz", "hebesatz")
    make_term("Kreisumlage", "kreisumlage", status=Status.DRAFT)
    profile = make_profile(
        "Steuerteilung",
        slug="steuerteilung",
        description="Der Hebesatz zählt. Der Hebesatz zählt wieder. Die Kreisumlage auch.",
        legal_basis="Noch einmal der Hebesatz.",
    )
    html = client.get(profile.get_absolute_url()).content.decode()
    assert html.count('href="/glossar/hebesatz/"') == 1
    assert "/glossar/kreisumlage/" not in html


def test_a_term_is_not_linked_on_its_own_steckbrief(client):
    profile = make_profile(
        "Zweckverband", slug="zweckverband", description="Ein Zweckverband ist …"
    )
    make_term("Zweckverband", "zweckverband", profile=profile)
    html = client.get(profile.get_absolute_url()).content.decode()
    assert "/glossar/zweckverband/" not in html
    assert profile.get_absolute_url() in client.get("/glossar/zweckverband/").content.decode()


# Demo content


def test_demo_glossary_has_thirty_published_sourced_terms():
    call_command("load_demo")
    terms = Term.objects.published().prefetch_related("sources")
    assert terms.count() >= 30
    for term in terms:
        assert term.definition.strip(), term.slug
        assert term.sources.all(), term.slug
        for source in term.sources.all():
            assert source.url.startswith(("http://", "https://")), (term.slug, source.url)
