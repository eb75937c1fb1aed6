"""Submissions: public forms with limits, the queue, take-over as draft, retention."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from profiles.models import PracticeExample, Status
from submissions.models import Kind, State, Submission
from tests.conftest import make_example, make_policy_area, make_profile

pytestmark = pytest.mark.django_db

MARKER = "Zebrafinkenkooperation"


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def example_data(**overrides):
    data = {
        "title": f"{MARKER} Bauhof",
        "municipalities": "Gemeinde A\nGemeinde B",
        "land": "BY",
        "since": "seit 2019",
        "shared": f"Die {MARKER} teilt Personal und Fahrzeuge nach Einwohnern.",
        "instrument": "",
        "instrument_other": "Zweckvereinbarung",
        "worked": "Ein fester Kostenschlüssel.",
        "stumbling_blocks": "Abstimmung der Räte.",
        "sources": "https://example.org/beschluss",
        "name": "Erika Muster",
        "email": "erika@example.org",
        "organisation": "Gemeinde A",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def test_example_submission_is_stored_and_mails_go_out(client, settings):
    settings.SUBMISSION_NOTIFY_EMAILS = ["redaktion@example.org"]
    profile = make_profile()
    response = client.post("/einreichen/", example_data(instrument=profile.pk))
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.kind == Kind.EXAMPLE
    assert submission.state == State.RECEIVED
    assert submission.instrument == profile
    assert submission.consent_at is not None
    recipients = [message.to for message in mail.outbox]
    assert ["redaktion@example.org"] in recipients
    assert ["erika@example.org"] in recipients
    assert client.get(response["Location"]).status_code == 200


def test_missing_and_too_long_fields_get_german_messages_at_the_field(client):
    response = client.post(
        "/einreichen/", example_data(title="", consent="", shared="x" * 4001, email="kein")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bitte „Was: Titel des Vorhabens“ ausfüllen." in html
    assert "Ohne Ihre Einwilligung können wir die Einsendung nicht annehmen." in html
    assert "höchstens 4000 Zeichen" in html
    assert "gültige E-Mail-Adresse" in html
    assert 'aria-invalid="true"' in html
    assert not Submission.objects.exists()


def test_honeypot_rejects_without_storing(client):
    response = client.post("/einreichen/", example_data(website="http://spam.example"))
    assert response.status_code == 400
    assert "muss leer bleiben" in response.content.decode()
    assert not Submission.objects.exists()
    assert not mail.outbox


def test_rate_limit_per_address_rejects_without_storing(client, settings):
    settings.SUBMISSION_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post("/einreichen/", example_data()).status_code == 302
    response = client.post("/einreichen/", example_data())
    assert response.status_code == 429
    assert "mehrere Einsendungen" in response.content.decode()
    assert Submission.objects.count() == 2
    # Another address is not affected.
    other = client.post("/einreichen/", example_data(), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


def test_post_without_csrf_token_is_refused(settings):
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post("/einreichen/", example_data())
    assert response.status_code == 403
    assert not Submission.objects.exists()


def test_hint_form_is_its_own_uncached_page_and_stores_the_profile(client):
    profile = make_profile()
    page = client.get(profile.get_absolute_url()).content.decode()
    assert f"/steckbriefe/{profile.slug}/hinweis/" in page
    assert "csrfmiddlewaretoken" not in page  # the cached Steckbrief carries no form
    form_page = client.get(f"/steckbriefe/{profile.slug}/hinweis/")
    assert "no-cache" in form_page["Cache-Control"] or "private" in form_page["Cache-Control"]
    response = client.post(
        f"/steckbriefe/{profile.slug}/hinweis/",
        {
            "message": "Die Rechtsgrundlage ist veraltet.",
            "name": "A",
            "email": "a@example.org",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    hint = Submission.objects.get()
    assert (hint.kind, hint.profile) == (Kind.HINT, profile)


def test_hint_for_unpublished_profile_is_404(client):
    draft = make_profile(status=Status.DRAFT)
    assert client.get(f"/steckbriefe/{draft.slug}/hinweis/").status_code == 404


def test_form_pages_are_never_stored_in_the_public_page_cache(client, settings):
    settings.PUBLIC_CACHE = True
    first = client.get("/einreichen/")
    second = client.get("/einreichen/")
    assert second.get("X-Cache") != "hit"
    assert "csrfmiddlewaretoken" in first.content.decode()


def test_take_over_creates_a_draft_with_the_submitted_content(client, editor_client):
    profile = make_profile()
    client.post("/einreichen/", example_data(instrument=profile.pk))
    submission = Submission.objects.get()
    response = editor_client.post(
        "/admin/submissions/submission/",
        {"action": "take_over", "_selected_action": [submission.pk]},
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    example = submission.example
    assert submission.state == State.ACCEPTED
    assert example.status == Status.DRAFT
    assert example.title == f"{MARKER} Bauhof"
    assert example.state == "BY"
    assert example.period == "seit 2019"
    assert example.municipalities == "Gemeinde A\nGemeinde B"
    assert "teilt Personal und Fahrzeuge" in example.description
    assert "Stolpersteine" in example.description
    assert list(example.profiles.all()) == [profile]
    assert "Erika" not in example.description + example.contact  # no personal data
    assert not example.is_public
    assert Client().get(example.get_absolute_url()).status_code == 404


def test_queue_moves_through_states(client, editor_client):
    client.post("/einreichen/", example_data())
    submission = Submission.objects.get()
    for action, state in [("start_checking", State.CHECKING), ("reject", State.REJECTED)]:
        editor_client.post(
            "/admin/submissions/submission/",
            {"action": action, "_selected_action": [submission.pk]},
        )
        submission.refresh_from_db()
        assert submission.state == state


def test_deletion_command_removes_expired_rejected_submissions_only(client):
    def make(state, days_ago):
        submission = Submission.objects.create(
            kind=Kind.EXAMPLE,
            title=f"{state} {days_ago}",
            name="N",
            email="n@example.org",
            consent_at=timezone.now(),
            state=state,
        )
        Submission.objects.filter(pk=submission.pk).update(
            state_changed=timezone.now() - timedelta(days=days_ago)
        )
        return submission

    old_rejected = make(State.REJECTED, 100)
    fresh_rejected = make(State.REJECTED, 10)
    kept = [
        make(State.RECEIVED, 400),
        make(State.CHECKING, 400),
        make(State.ACCEPTED, 400),
        fresh_rejected,
    ]
    example = make_example()
    call_command("delete_rejected_submissions", "--days", "90")
    assert not Submission.objects.filter(pk=old_rejected.pk).exists()
    assert set(Submission.objects.values_list("pk", flat=True)) == {s.pk for s in kept}
    assert PracticeExample.objects.filter(pk=example.pk).exists()
    call_command("delete_rejected_submissions", "--days", "5")
    assert not Submission.objects.filter(pk=fresh_rejected.pk).exists()
    assert Submission.objects.count() == 3


def public_urls(profile, example, area):
    """Every public GET route of the resolver, with known slugs filled in."""
    values = {"slug": None}
    urls = []

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if route.startswith("admin/"):
                    continue
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                urls.append(route)

    walk(get_resolver().url_patterns)
    result = []
    for route in urls:
        route = route.lstrip("^").rstrip("$")
        if "<slug:slug>" in route:
            for slug in {profile.slug, example.slug, area.slug}:
                result.append("/" + route.replace("<slug:slug>", slug))
        elif "<" not in route and "(" not in route:
            result.append("/" + route)
    del values
    return result


def test_a_submission_never_appears_on_any_public_route(client, settings):
    settings.PUBLIC_CACHE = False
    area = make_policy_area()
    profile = make_profile(tags=[area])
    example = make_example(tags=[area], profiles=[profile])
    client.post("/einreichen/", example_data(instrument=profile.pk))
    client.post(
        f"/steckbriefe/{profile.slug}/hinweis/",
        {
            "message": f"{MARKER} Hinweis",
            "name": "Erika Muster",
            "email": "erika@example.org",
            "consent": "on",
        },
    )
    assert Submission.objects.count() == 2
    checked = 0
    for url in public_urls(profile, example, area):
        for query in ("", f"?q={MARKER}"):
            response = client.get(url + query)
            if response.status_code != 200 or response.streaming:
                continue
            body = response.content.decode(errors="replace")
            assert MARKER not in body.replace(f"q={MARKER}", "").replace(
                f'value="{MARKER}"', ""
            ).replace(f"„{MARKER}“", ""), url + query
            assert "erika@example.org" not in body, url
            checked += 1
    assert checked > 20


def test_privacy_notice_names_the_processing_and_reaches_existing_databases(client):
    import importlib

    from django.apps import apps

    from profiles.models import LegalPage
    from profiles.public.legal import ensure_legal_pages

    ensure_legal_pages()
    page = LegalPage.objects.get(slug="datenschutz")
    assert "### Einsendungen" in page.body  # new databases: from the template
    # An existing database whose page predates the section gets it once.
    page.body = "Eigener Text der Redaktion.\n\n### Ihre Rechte\n\nAuskunft."
    page.save()
    migration = importlib.import_module("submissions.migrations.0002_privacy_notice")
    migration.add_section(apps, None)
    migration.add_section(apps, None)
    page.refresh_from_db()
    assert page.body.count("### Einsendungen") == 1
    assert page.body.startswith("Eigener Text der Redaktion.")
    assert page.body.index("### Einsendungen") < page.body.index("### Ihre Rechte")
    html = client.get("/datenschutz/").content.decode()
    assert "Einwilligung" in html and "Einsendungen" in html
    assert "/datenschutz/" in client.get("/einreichen/").content.decode()
