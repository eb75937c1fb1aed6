"""Admin hardening: lockout after repeated failed logins (django-axes), recovery,
session lifetime."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "ein-langes-passwort-123"
LOGIN = reverse("admin:login")


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff(db):
    return User.objects.create_user("redakteur", password=PASSWORD, is_staff=True)


def login(client, password, username="redakteur"):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": reverse("admin:index")}
    )


def fail_until_locked(client, limit):
    for _ in range(limit - 1):
        response = login(client, "falsch")
        assert response.status_code == 200  # the login form again, with its error
    return login(client, "falsch")


def test_locked_out_after_the_configured_number_of_failures(client, staff, settings):
    settings.AXES_FAILURE_LIMIT = 3
    response = fail_until_locked(client, 3)
    assert response.status_code == 429
    body = response.content.decode()
    assert "Anmeldung vorübergehend gesperrt" in body
    assert "3-mal" in body
    assert "30 Minuten" in body
    assert response["Retry-After"] == "1800"
    assert "no-store" in response["Cache-Control"]
    # Even the right password is refused now.
    assert login(client, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_default_limit_is_five(client, staff):
    for _ in range(4):
        assert login(client, "falsch").status_code == 200
    assert login(client, "falsch").status_code == 429


def test_lockout_ends_after_the_cool_off(client, staff, settings):
    settings.AXES_FAILURE_LIMIT = 2
    assert fail_until_locked(client, 2).status_code == 429
    # The cool-off passes: the failed attempts are older than AXES_COOLOFF_TIME.
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= settings.AXES_COOLOFF_TIME + timedelta(minutes=1)
        attempt.save()
    response = login(client, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_an_administrator_can_lift_the_lockout_at_once(client, staff, settings):
    settings.AXES_FAILURE_LIMIT = 2
    assert fail_until_locked(client, 2).status_code == 429
    call_command("axes_reset")
    assert login(client, PASSWORD).status_code == 302


def test_a_successful_login_resets_the_count(client, staff, settings):
    settings.AXES_FAILURE_LIMIT = 3
    login(client, "falsch")
    login(client, "falsch")
    assert login(client, PASSWORD).status_code == 302
    other = Client()
    login(other, "falsch")
    login(other, "falsch")
    assert login(other, PASSWORD).status_code == 302


def test_lockout_is_per_user_name_and_address(client, staff, settings):
    settings.AXES_FAILURE_LIMIT = 2
    User.objects.create_user("kollegin", password=PASSWORD, is_staff=True)
    assert fail_until_locked(client, 2).status_code == 429
    # A colleague on the same network is not locked out by someone else's typos,
    assert login(client, PASSWORD, username="kollegin").status_code == 302
    # nor is the same account from another address.
    elsewhere = Client(REMOTE_ADDR="192.0.2.7")
    assert login(elsewhere, PASSWORD).status_code == 302


def test_client_address_behind_trusted_proxies(rf, settings):
    from catalogue.lockout import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.4")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1  # one proxy appends the address it saw
    assert client_ip(request) == "198.51.100.4"  # a forged left entry is ignored


def test_editor_sessions_expire_with_the_browser_and_after_the_age(client, staff, settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert login(client, PASSWORD).status_code == 302
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == ""  # a browser-session cookie
    assert cookie["httponly"]
    assert client.session.get_expiry_age() <= settings.SESSION_COOKIE_AGE == 8 * 60 * 60


def test_weak_passwords_are_rejected():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("kurz123", "123456789012", "password1234"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("Kooperation-ist-der-Schluessel-2025")
