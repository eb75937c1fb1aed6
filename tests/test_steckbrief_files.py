"""A Steckbrief as a file: the PDF ("Als PDF herunterladen") and its link-preview card."""

import io
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from profiles.models import Profile, Status
from profiles.public import rendered
from profiles.public.seo import OG_IMAGE_SIZE
from tests.conftest import make_example, make_profile

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def pdf_url(profile):
    return reverse("profiles:profile_pdf", kwargs={"slug": profile.slug})


def card_url(profile):
    return reverse("profiles:profile_card", kwargs={"slug": profile.slug})


def rename(obj, slug):
    obj.slug = slug
    obj.save()


def withdraw(profile):
    profile.status = Status.DRAFT
    profile.save()


# ---- PDF -------------------------------------------------------------------


def test_pdf_is_a_download_of_the_print_layout_with_the_steckbriefs_content(client):
    profile = make_profile(
        "Gemeinsamer Bauhof",
        slug="gemeinsamer-bauhof",
        summary="Kommunen betreiben einen Bauhof zusammen.",
        description="Die **Rechtsgrundlage** ist das Landesrecht über Zweckverbände.",
    )
    response = client.get(pdf_url(profile))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="gemeinsamer-bauhof.pdf"'
    assert (
        response["Link"] == '<http://testserver/steckbriefe/gemeinsamer-bauhof/>; rel="canonical"'
    )
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content)
    assert "Gemeinsamer Bauhof" in text
    assert "Kommunen betreiben einen Bauhof zusammen." in text
    assert "Landesrecht über Zweckverbände" in text
    # The print layout: the print header with the permanent link, no screen-only parts.
    assert "Dauerhafter Link" in text
    assert "http://testserver/steckbriefe/gemeinsamer-bauhof/" in text.replace("\n", "")
    assert "Zum Inhalt springen" not in text
    assert "Vergleichen mit" not in text
    assert "Seite 1 von" in text


def test_pdf_uses_the_print_stylesheet_fetched_from_disk_and_nothing_else(client, monkeypatch):
    fetched = []
    fetcher_class = rendered._fetcher_class()
    original = fetcher_class.fetch

    def recording_fetch(self, url, headers=None):
        try:
            response = original(self, url, headers)
        except ValueError:
            fetched.append(("refused", url))
            raise
        fetched.append(("served", url))
        return response

    monkeypatch.setattr(fetcher_class, "fetch", recording_fetch)
    monkeypatch.setattr(rendered, "_fetcher_class", lambda: fetcher_class)
    profile = make_profile(description="Siehe [die Quelle](https://example.org/quelle.png).")
    assert client.get(pdf_url(profile)).status_code == 200
    served = [url for outcome, url in fetched if outcome == "served"]
    assert "http://testserver/static/css/print.css" in served
    assert "http://testserver/static/css/site.css" in served
    assert any(url.startswith("data:image/svg+xml") for url in served)  # the QR code
    assert all(url.startswith(("http://testserver/static/", "data:")) for url in served)


def test_local_fetcher_refuses_other_hosts_and_paths_outside_static():
    fetcher = rendered.local_fetcher("http://testserver/steckbriefe/x/")
    for url in (
        "https://example.org/static/css/site.css",
        "http://testserver/admin/",
        "http://testserver/static/../catalogue/settings.py",
        "http://testserver/static/%2e%2e/manage.py",
        "file:///etc/passwd",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    response = fetcher.fetch("http://testserver/static/css/print.css")
    assert b"@page" in response.read()
    assert response.content_type == "text/css"


def test_pdf_shows_only_published_related_content(client):
    profile = make_profile("Öffentlicher Steckbrief")
    hidden = make_profile("Geheimer Entwurf", status=Status.DRAFT)
    profile.related.add(hidden)
    make_example("Geheimes Beispiel", status=Status.DRAFT, profiles=[profile])
    make_example("Öffentliches Beispiel", profiles=[profile])
    text = pdf_text(client.get(pdf_url(profile)).content)
    assert "Öffentliches Beispiel" in text
    assert "Geheim" not in text


def test_pdf_of_drafts_is_404_and_of_withdrawn_steckbriefe_410(client):
    draft = make_profile(slug="entwurf", status=Status.DRAFT)
    assert client.get(pdf_url(draft)).status_code == 404
    withdrawn = make_profile(slug="weg")
    withdraw(withdrawn)
    assert client.get(pdf_url(withdrawn)).status_code == 410
    assert client.get("/steckbriefe/gibt-es-nicht/pdf/").status_code == 404


def test_pdf_of_an_old_slug_redirects_permanently_to_the_new_pdf(client):
    profile = make_profile(slug="pdf-alt")
    rename(profile, "pdf-neu")
    response = client.get("/steckbriefe/pdf-alt/pdf/")
    assert response.status_code == 301
    assert response["Location"] == "/steckbriefe/pdf-neu/pdf/"


def test_staff_preview_of_a_draft_pdf_is_never_cached(editor_client, settings):
    settings.PUBLIC_CACHE = True
    draft = make_profile("Vorschau im PDF", slug="vorschau", status=Status.DRAFT)
    response = editor_client.get(pdf_url(draft))
    assert response.status_code == 200
    assert "Vorschau im PDF" in pdf_text(response.content)
    assert "no-cache" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert rendered.cached_file("pdf", response.wsgi_request, draft) is None


def test_pdf_is_cached_per_content_version(client, settings, monkeypatch):
    settings.PUBLIC_CACHE = True
    cache.clear()
    profile = make_profile("Erster Titel", slug="zwischengespeichert")
    calls = []
    render = rendered.render_pdf

    def counting_render(*args, **kwargs):
        calls.append(1)
        return render(*args, **kwargs)

    monkeypatch.setattr(rendered, "render_pdf", counting_render)
    first = client.get(pdf_url(profile))
    # Another query string is another page-cache key, but the same rendering.
    again = client.get(pdf_url(profile) + "?nochmal=1")
    assert again.content == first.content
    assert len(calls) == 1
    assert "public" in first["Cache-Control"]
    profile.title = "Zweiter Titel"
    profile.save()  # bumps the content version
    changed = client.get(pdf_url(profile))
    assert len(calls) == 2
    assert "Zweiter Titel" in pdf_text(changed.content)


def test_steckbrief_page_links_the_pdf(client):
    profile = make_profile(slug="mit-pdf")
    html = client.get(profile.get_absolute_url()).content.decode()
    downloads = {
        href: re.sub(r"<[^>]+>", "", text).strip()
        for href, text in re.findall(r'<a [^>]*href="([^"]+)"[^>]*\sdownload>(.*?)</a>', html, re.S)
    }
    assert downloads[pdf_url(profile)] == "Als PDF herunterladen"


# ---- Link-preview card ---------------------------------------------------------


def card(client, profile):
    response = client.get(card_url(profile))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    return response.content


def test_card_is_a_png_of_the_declared_size(client):
    profile = make_profile("Interkommunaler Gewerbepark", slug="gewerbepark")
    data = card(client, profile)
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    assert image.size == OG_IMAGE_SIZE
    # Not a blank image: text and the accent colour are drawn.
    assert len(image.convert("L").getcolors(maxcolors=100_000)) > 10


def test_card_changes_with_the_title_and_long_titles_still_render(client):
    profile = make_profile("Zweckverband", slug="karte")
    before = card(client, profile)
    profile.title = "Zweckvereinbarung"
    profile.save()
    assert card(client, profile) != before
    profile.title = ("Donaudampfschifffahrtsgesellschaftskapitänsmütze " * 4).strip()
    profile.save()
    assert Image.open(io.BytesIO(card(client, profile))).size == OG_IMAGE_SIZE


def test_a_title_too_long_for_the_card_is_cut_with_an_ellipsis():
    from PIL import ImageDraw

    from profiles.public import cards

    draw = ImageDraw.Draw(Image.new("RGB", OG_IMAGE_SIZE))
    font, lines = cards._fit_title(draw, "Zusammenarbeit " * 40, 1040)
    assert len(lines) == cards.TITLE_MAX_LINES
    assert lines[-1].endswith("…")
    assert font.size == cards.TITLE_SIZES[-1]
    short_font, short_lines = cards._fit_title(draw, "Zweckverband", 1040)
    assert short_lines == ["Zweckverband"] and short_font.size == cards.TITLE_SIZES[0]
    assert Image.open(io.BytesIO(cards.card_png("Zusammenarbeit " * 40, "Art"))).size == (
        OG_IMAGE_SIZE
    )


def test_steckbrief_page_names_its_own_card_as_og_image(client):
    profile = make_profile("Gemeinsame Kläranlage", slug="klaeranlage")
    response = client.get(profile.get_absolute_url())
    html = response.content.decode()
    image = f"http://testserver{card_url(profile)}?v={int(profile.updated.timestamp())}"
    assert f'<meta property="og:image" content="{image}">' in html
    assert f'<meta name="twitter:image" content="{image}">' in html
    width, height = OG_IMAGE_SIZE
    assert f'<meta property="og:image:width" content="{width}">' in html
    assert f'<meta property="og:image:height" content="{height}">' in html
    kind = profile.get_kind_display()
    assert f'<meta property="og:image:alt" content="{kind}: Gemeinsame Kläranlage">' in html
    assert response.context["preview"]["json_ld"]["@graph"][0]["image"] == image
    # A later change of the Steckbrief gives its card a new address for caches elsewhere.
    Profile.objects.filter(pk=profile.pk).update(updated=profile.updated + timedelta(hours=1))
    again = client.get(profile.get_absolute_url()).context["preview"]["image"]
    assert again != image
    assert client.get(again).status_code == 200


def test_card_of_drafts_404_withdrawn_410_old_slugs_301(editor):
    draft = make_profile(slug="karte-entwurf", status=Status.DRAFT)
    withdrawn = make_profile(slug="karte-weg")
    withdraw(withdrawn)
    moved = make_profile(slug="karte-alt")
    rename(moved, "karte-neu")
    client = Client()
    assert client.get(card_url(draft)).status_code == 404
    assert client.get(card_url(withdrawn)).status_code == 410
    response = client.get("/steckbriefe/karte-alt/vorschau.png")
    assert response.status_code == 301
    assert response["Location"] == "/steckbriefe/karte-neu/vorschau.png"
    editor_client = Client()
    editor_client.force_login(editor)
    preview = editor_client.get(card_url(draft))
    assert preview.status_code == 200
    assert "no-cache" in preview["Cache-Control"]


def test_deploy_check_warns_when_weasyprint_cannot_load_its_libraries(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def failing_import(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    assert rendered.check_pdf_libraries() == []
    monkeypatch.setattr(builtins, "__import__", failing_import)
    (warning,) = rendered.check_pdf_libraries()
    assert warning.id == "profiles.W001"
    assert "libpango" in warning.msg
