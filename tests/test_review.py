"""Review dates: overdue filter, dashboard on the admin index, "als geprüft markieren"."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from profiles.editorial.review import due_for_review, months_before
from profiles.models import Profile
from tests.conftest import make_profile

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 11, 24), 12, date(2025, 11, 24)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2024, 2, 29), 12, date(2023, 2, 28)),
        (date(2026, 1, 15), 18, date(2024, 7, 15)),
    ],
)
def test_months_before(day, months, expected):
    assert months_before(day, months) == expected


@pytest.fixture
def profiles():
    today = timezone.localdate()
    fresh = make_profile("Frisch geprüft", last_reviewed=today - timedelta(days=30))
    old = make_profile("Lange her", last_reviewed=today - timedelta(days=400))
    never_new = make_profile("Nie geprüft, neu")
    never_old = make_profile("Nie geprüft, alt")
    Profile.objects.filter(pk=never_old.pk).update(created=timezone.now() - timedelta(days=800))
    return {"fresh": fresh, "old": old, "never_new": never_new, "never_old": never_old}


def test_due_for_review_follows_the_interval(profiles, settings):
    settings.REVIEW_INTERVAL_MONTHS = 12
    due = list(due_for_review(Profile.objects.all()))
    assert set(due) == {profiles["old"], profiles["never_old"]}
    settings.REVIEW_INTERVAL_MONTHS = 36
    assert not due_for_review(Profile.objects.all()).exists()
    settings.REVIEW_INTERVAL_MONTHS = 0
    assert set(due_for_review(Profile.objects.all())) == {
        profiles["fresh"],
        profiles["old"],
        profiles["never_old"],
    }


def test_admin_filter_shows_overdue_and_not_overdue(editor_client, profiles):
    url = reverse("admin:profiles_profile_changelist")
    due = editor_client.get(url, {"pruefung_faellig": "ja"})
    assert set(due.context["cl"].result_list) == {profiles["old"], profiles["never_old"]}
    not_due = editor_client.get(url, {"pruefung_faellig": "nein"})
    assert set(not_due.context["cl"].result_list) == {profiles["fresh"], profiles["never_new"]}
    assert "Prüfung fällig" in due.content.decode()


def test_dashboard_lists_overdue_profiles(editor_client, profiles):
    response = editor_client.get(reverse("admin:index"))
    content = response.content.decode()
    assert "Prüfung fällig" in content
    assert "2 Steckbriefe seit mehr als 12 Monaten nicht geprüft" in content
    assert "Lange her" in content and "Nie geprüft, alt" in content
    assert "Frisch geprüft" not in content
    assert reverse("admin:profiles_profile_change", args=[profiles["old"].pk]) in content


def test_mark_as_reviewed_sets_today_and_is_recorded(editor_client, editor, profiles):
    old = profiles["old"]
    editor_client.post(
        reverse("admin:profiles_profile_changelist"),
        {"action": "mark_reviewed", "_selected_action": [old.pk]},
    )
    old.refresh_from_db()
    assert old.last_reviewed == timezone.localdate()
    assert old not in due_for_review(Profile.objects.all())
    version = Version.objects.get_for_object(old).get()
    assert version.revision.user == editor
    assert version.revision.get_comment() == "Als geprüft markiert"
