"""Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit."""

import pytest
from django.urls import reverse

from profiles.models import LegalPage
from profiles.public.legal import DEFAULT_PAGES, ensure_legal_pages

pytestmark = pytest.mark.django_db

LEGAL_URLS = {
    "impressum": "/impressum/",
    "datenschutz": "/datenschutz/",
    "barrierefreiheit": "/barrierefreiheit/",
}


@pytest.fixture(autouse=True)
def legal_pages():
    # The migration creates them; a flush by an earlier transactional test may not.
    ensure_legal_pages()


@pytest.mark.parametrize(("slug", "url"), LEGAL_URLS.items())
def test_each_legal_page_has_its_fixed_url_and_is_linked_from_every_footer(client, slug, url):
    assert reverse(f"profiles:{slug}") == url
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert f"<h1>{DEFAULT_PAGES[slug][0]}</h1>" in body
    for other_url in LEGAL_URLS.values():
        assert f'href="{other_url}"' in body
    home = client.get(reverse("profiles:home")).content.decode()
    assert f'href="{url}"' in home


def test_accessibility_statement_names_standard_contact_and_schlichtungsstelle(client, settings):
    settings.CONTACT_EMAIL = "feedback@katalog.example.org"
    body = client.get("/barrierefreiheit/").content.decode()
    assert "BITV 2.0" in body
    assert "WCAG" in body
    assert "2.1" in body
    assert "teilweise" in body
    assert 'href="mailto:feedback@katalog.example.org"' in body
    assert "{kontakt_email}" not in body
    assert "§ 16" in body
    assert 'href="https://www.schlichtungsstelle-bgg.de"' in body


def test_legal_page_headings_follow_the_h1(client):
    body = client.get("/impressum/").content.decode()
    assert "<h2>" in body
    assert "<h3>" not in body


def test_editor_changes_legal_text_and_the_public_sees_it(editor_client, client):
    page = LegalPage.objects.get(slug="impressum")
    change_url = reverse("admin:profiles_legalpage_change", args=[page.pk])
    assert editor_client.get(change_url).status_code == 200
    response = editor_client.post(
        change_url, {"title": "Impressum", "body": "Musterinstitut e. V.\n\n<script>x</script>"}
    )
    assert response.status_code == 302
    body = client.get("/impressum/").content.decode()
    assert "Musterinstitut e. V." in body
    assert "<script>x" not in body


def test_editors_can_neither_add_nor_delete_legal_pages(editor_client):
    page = LegalPage.objects.get(slug="datenschutz")
    assert editor_client.get(reverse("admin:profiles_legalpage_add")).status_code == 403
    delete_url = reverse("admin:profiles_legalpage_delete", args=[page.pk])
    assert editor_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert LegalPage.objects.filter(slug="datenschutz").exists()


def test_seeding_never_overwrites_edited_text():
    LegalPage.objects.filter(slug="impressum").update(body="Eigener Text")
    ensure_legal_pages()
    assert LegalPage.objects.get(slug="impressum").body == "Eigener Text"
    assert LegalPage.objects.count() == len(DEFAULT_PAGES)


def test_unknown_address_gets_a_german_404_page_in_the_site_design(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Seite nicht gefunden" in body
    assert 'lang="de"' in body
    assert 'href="/barrierefreiheit/"' in body
