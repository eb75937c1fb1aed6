"""Security headers on public pages and the admin, and the deploy check."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.conftest import make_example, make_policy_area, make_profile

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


def csp_directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_hardened(response):
    directives = csp_directives(response)
    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "geolocation=()", "microphone=()", "payment=()"):
        assert feature in permissions


def assert_no_inline_code(html: str):
    """What the CSP would block: inline scripts, style attributes and elements, handlers."""
    # Data blocks (JSON-LD) are never executed, so CSP does not apply to them.
    executable = re.compile(
        r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>"
    )
    assert not executable.search(html), "inline <script>"
    assert not re.search(r"\sstyle\s*=", html), "style attribute"
    assert "<style" not in html
    assert not re.search(r"\son[a-z]+\s*=", html), "event handler attribute"
    assert "javascript:" not in html


def test_public_pages_send_the_security_headers_and_need_no_inline_code(client):
    area = make_policy_area("Mobilität")
    profile = make_profile(tags=[area])
    other = make_profile(tags=[area])
    example = make_example(profiles=[profile], tags=[area])
    for url in (
        reverse("profiles:home"),
        reverse("profiles:compare") + f"?s={profile.slug}&s={other.slug}",
        reverse("profiles:opendata"),
        reverse("profiles:profile_list") + "?art=instrument",
        profile.get_absolute_url(),
        reverse("profiles:example_list"),
        example.get_absolute_url(),
        reverse("profiles:policyarea_list"),
        area.get_absolute_url(),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_hardened(response)
        assert_no_inline_code(response.content.decode())


def test_error_pages_send_the_security_headers(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert_hardened(response)
    assert_no_inline_code(response.content.decode())


def test_admin_works_under_the_same_strict_policy(client, editor_client):
    """Django's admin has no inline scripts or style attributes, so the strict
    policy needs no exception for it: checked on the pages editors use."""
    login = client.get(reverse("admin:login"))
    assert_hardened(login)
    assert_no_inline_code(login.content.decode())
    profile = make_profile()
    for url in (
        reverse("admin:index"),
        reverse("admin:profiles_profile_changelist"),
        reverse("admin:profiles_profile_add"),
        reverse("admin:profiles_profile_change", args=[profile.pk]),
        reverse("admin:profiles_practiceexample_add"),
        reverse("admin:profiles_policyarea_add"),
    ):
        response = editor_client.get(url)
        assert response.status_code == 200, url
        assert_hardened(response)
        assert_no_inline_code(response.content.decode())


def test_deploy_check_with_production_settings_is_clean():
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "deploy-check-" + "k3y" * 20,
        "ALLOWED_HOSTS": "katalog.example.org",
        "SITE_URL": "https://katalog.example.org",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    "site_url", ["", "katalog.example.org", "https://", "https://katalog.example.org/pfad"]
)
def test_production_settings_refuse_to_start_without_a_valid_site_url(site_url):
    # Defect 13 (issue 14): absolute URLs must not come from the Host header.
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "site-url-check-" + "k3y" * 20,
        "SITE_URL": site_url,
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SITE_URL must be set" in result.stderr


def test_a_cdn_for_static_files_is_allowed_by_the_policy():
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "cdn-check-" + "k3y" * 20,
        "SITE_URL": "https://katalog.example.org",
        "STATIC_URL": "https://cdn.example.org/static/",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    code = (
        "from django.conf import settings; "
        "d = settings.CONTENT_SECURITY_POLICY['DIRECTIVES']; "
        "print(d['style-src'], d['script-src'], d['default-src'])"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    style, script, default = result.stdout.strip().splitlines()[-1].split("] [")
    assert "https://cdn.example.org" in style
    assert "https://cdn.example.org" in script
    assert "cdn" not in default


def test_umlauts_in_a_raw_query_string_survive_the_control_character_filter(client):
    """ß is C3 9F in UTF-8; read as ISO-8859-1 its second byte looks like a C1 control."""
    response = client.get("/rechner/?g1_name=Meßstetten&g2_name=B%00")
    assert 'value="Meßstetten"' in response.content.decode()
