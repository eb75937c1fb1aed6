"""The Steckbrief PDF download and the editors' change form, in Chromium.

The change form is written to artifacts/screenshots/ at 1280 and 375 px.
"""

import io
from urllib.parse import urlsplit

from django.contrib.auth.models import Group, User
from playwright.sync_api import expect
from pypdf import PdfReader

from profiles.editorial.groups import EDITOR_GROUP

from .conftest import SCREENSHOTS

PASSWORD = "ein-langes-passwort-123"


def test_reader_downloads_the_steckbrief_as_pdf(page, catalogue):
    profile = catalogue.profile
    page.goto(profile.get_absolute_url())
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Als PDF herunterladen").click()
    download = download_info.value
    assert download.suggested_filename == f"{profile.slug}.pdf"
    data = open(download.path(), "rb").read()
    assert data.startswith(b"%PDF-")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Park-and-Ride-Kostenbeteiligung" in text
    assert "Stolpersteine" in text


def log_in_as_editor(page):
    editor = User.objects.create_user("redakteur", password=PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR_GROUP))
    page.goto("/admin/")
    page.get_by_label("Benutzername").fill("redakteur")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(
        page.get_by_role("link", name="Abmelden").or_(page.get_by_text("Abmelden"))
    ).to_be_attached()


def watch(page, live_server):
    """Console errors (a CSP refusal shows there) and requests to other hosts."""
    seen = {"errors": [], "foreign": []}
    own = urlsplit(live_server.url).netloc
    # Chromium's own favicon request is no page request; its 404 only shows in the console.
    page.on(
        "console",
        lambda m: (
            m.type == "error"
            and not m.text.startswith("Failed to load resource")
            and seen["errors"].append(m.text)
        ),
    )
    page.on("response", lambda r: r.status >= 400 and seen["errors"].append(f"{r.status} {r.url}"))
    page.on(
        "request",
        lambda r: (
            r.url.startswith("http")
            and urlsplit(r.url).netloc != own
            and seen["foreign"].append(r.url)
        ),
    )
    return seen


def test_editor_types_a_title_and_the_slug_spells_umlauts_the_german_way(
    page, catalogue, live_server
):
    seen = watch(page, live_server)
    log_in_as_editor(page)
    page.goto("/admin/profiles/profile/add/")
    title = page.get_by_role("textbox", name="Titel")
    slug = page.get_by_role("textbox", name="Kurzname in der Adresse")
    # A demo Steckbrief's title gives the demo's slug.
    title.press_sequentially("Städtebaulicher Vertrag")
    expect(slug).to_have_value("staedtebaulicher-vertrag")
    title.fill("")
    title.press_sequentially("Größere Straßenmeisterei für Übach")
    expect(slug).to_have_value("groessere-strassenmeisterei-fuer-uebach")
    assert seen["errors"] == []
    assert seen["foreign"] == []


def test_editor_sees_a_markdown_preview_beside_the_text(page, catalogue, live_server):
    seen = watch(page, live_server)
    log_in_as_editor(page)
    profile = catalogue.profile
    page.goto(f"/admin/profiles/profile/{profile.pk}/change/")
    field = page.get_by_role("textbox", name="Was ist das?")
    editor = page.locator(".markdown-editor").filter(has=field)
    preview = editor.get_by_role("region", name="Vorschau")
    # The saved text is shown rendered at once.
    expect(preview.locator("strong")).to_have_text("die Nutzer kommen überwiegend von außerhalb")
    field.fill("Ein **neuer** Absatz mit [Link](https://example.org).\n\n- eins\n- zwei")
    expect(preview.locator("strong")).to_have_text("neuer")
    expect(preview.get_by_role("listitem")).to_have_count(2)
    expect(preview.get_by_role("link", name="Link")).to_have_attribute(
        "href", "https://example.org"
    )
    # Beside the textarea on a wide screen.
    field_box, preview_box = field.bounding_box(), preview.bounding_box()
    assert preview_box["x"] >= field_box["x"] + field_box["width"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    field.scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / "admin-change-form-1280.png", full_page=True)
    page.set_viewport_size({"width": 375, "height": 800})
    field_box, preview_box = field.bounding_box(), preview.bounding_box()
    assert preview_box["y"] >= field_box["y"] + field_box["height"]  # below it on a phone
    page.screenshot(path=SCREENSHOTS / "admin-change-form-375.png", full_page=True)
    assert seen["errors"] == []
    assert seen["foreign"] == []
