"""The attacks of scripts/hostile_sweep.sh against a running server (see there).

Needs the server's settings in the environment (it reads the URL resolver and
creates an editor and an author in the same database). Prints a summary and
every 5xx; exits 1 if there was a 5xx or a workflow attack succeeded.
"""

import collections
import io
import os
import re
import sys
import urllib.error
import urllib.request
import uuid
import zipfile
from urllib.parse import urlencode

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalogue.settings")
django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.urls import URLPattern, URLResolver, get_resolver  # noqa: E402

from profiles.editorial.groups import AUTHOR_GROUP, EDITOR_GROUP  # noqa: E402
from profiles.models import PolicyArea, PracticeExample, Profile, Status  # noqa: E402
from profiles.public.filters import PracticeExampleFilterSet, ProfileFilterSet  # noqa: E402

BASE = sys.argv[1].rstrip("/")
HOSTILE = [
    "\x00",
    "%00",
    "a\x01b",
    "\x1b[2J",
    "\u202e",
    "\ufeff",
    "'",
    '"',
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    '=HYPERLINK("https://example.org")',
    "-1",
    "99999999999999999999",
    "1e309",
    "a" * 4000,
    "ä" * 1500,
    "*:&|!()",
    "",
]
PARAMETERS = sorted(
    set(ProfileFilterSet.base_filters)
    | set(PracticeExampleFilterSet.base_filters)
    | {"q", "s", "page", "sortierung", "format"}
)
counts = collections.Counter()
errors = []
failed_attacks = []


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


opener = urllib.request.build_opener(NoRedirect)


def request(path, *, data=None, headers=None, method=None, label=""):
    req = urllib.request.Request(
        BASE + path, data=data, headers=headers or {}, method=method or ("POST" if data else "GET")
    )
    try:
        with opener.open(req, timeout=60) as response:
            status, body, got = response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        status, body, got = error.code, error.read(), error.headers
    except Exception as error:  # noqa: BLE001 - a dropped connection counts as a failure
        status, body, got = 599, str(error).encode(), {}
    counts[status] += 1
    if status >= 500:
        errors.append((status, label or path[:120]))
    return status, body, got


def routes(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        text = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from routes(pattern, text)
        elif isinstance(pattern, URLPattern):
            yield text


def session_for(user):
    store = SessionStore()
    store["_auth_user_id"] = str(user.pk)
    store["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    store["_auth_user_hash"] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def staff(name, group):
    user, _ = User.objects.get_or_create(username=name, defaults={"is_staff": True})
    user.groups.add(Group.objects.get(name=group))
    token = uuid.uuid4().hex
    cookie = f"sessionid={session_for(user)}; csrftoken={token}"
    return {"Cookie": cookie, "X-CSRFToken": token, "Referer": BASE + "/admin/"}


def post(path, fields, headers, files=None, label=""):
    if files:
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            disposition = f'Content-Disposition: form-data; name="{name}"'
            parts.append(f"--{boundary}\r\n{disposition}\r\n\r\n{value}\r\n".encode())
        for name, (filename, content) in files.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        content_type = f"multipart/form-data; boundary={boundary}"
    else:
        body = urlencode(fields, doseq=True).encode()
        content_type = "application/x-www-form-urlencoded"
    return request(path, data=body, headers={**headers, "Content-Type": content_type}, label=label)


def public_sweep():
    slug = Profile.objects.published().values_list("slug", flat=True).first()
    fill = {"slug": slug}
    for route in sorted(set(routes())):
        if route.startswith("admin/"):
            continue
        slugs = [slug, "x" * 300, "feed", "%00"] if "<" in route else [None]
        for value in slugs:
            path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", value or fill["slug"], route)
            path = path.replace("^", "").replace("$", "").replace("\\Z", "")
            for hostile in HOSTILE:
                request(path + "?" + urlencode({name: hostile for name in PARAMETERS}), label=path)
            request(path + "?" + "&".join(f"{n}=%00%01" for n in PARAMETERS), label=path + " raw")


def admin_sweep(editor):
    keys = [
        "q",
        "o",
        "p",
        "status__exact",
        "kind__exact",
        "updated__year",
        "updated__month",
        "pruefung_faellig",
        "tags__id__exact",
        "e",
    ]
    for model in ("profile", "practiceexample", "policyarea", "legalpage", "changeproposal"):
        for hostile in HOSTILE:
            for key in keys:
                request(
                    f"/admin/profiles/{model}/?" + urlencode({key: hostile}),
                    headers=editor,
                    label=f"admin {model} {key}",
                )
    for hostile in HOSTILE:
        query = {
            "term": hostile,
            "app_label": "profiles",
            "model_name": "profile",
            "field_name": "related",
        }
        request("/admin/autocomplete/?" + urlencode(query), headers=editor, label="autocomplete")


def csv_bytes(rows, delimiter=","):
    out = io.StringIO()
    for row in rows:
        out.write(delimiter.join(f'"{c}"' for c in row) + "\r\n")
    return out.getvalue().encode()


def xlsx_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "<a>" + "0" * 200_000_000 + "</a>")
    return buffer.getvalue()


def import_attacks(editor):
    header = ["slug", "title", "kind", "summary", "description", "bindingness", "effort", "status"]
    row = ["neu-{}", "Neu", "instrument", "Kurz.", "Text.", "vertraglich", "mittel", "entwurf"]
    files = {
        "semikolon.csv": csv_bytes([header, [c.format(1) for c in row]], ";"),
        "doppelt.csv": csv_bytes([header, [c.format(2) for c in row], [c.format(2) for c in row]]),
        "reserviert.csv": csv_bytes([header, ["feed", *row[1:]]]),
        "gross.csv": csv_bytes([header] + [[c.format(n) for c in row] for n in range(60_000)]),
        "viele.csv": csv_bytes([header] + [[c.format(n) for c in row] for n in range(3000)]),
        "langes-wort.csv": csv_bytes(
            [
                header,
                [
                    "lang",
                    "Lang",
                    "instrument",
                    "K",
                    "a" * 100_000,
                    "vertraglich",
                    "mittel",
                    "entwurf",
                ],
            ]
        ),
        "formel.csv": csv_bytes(
            [
                header,
                [
                    "formel",
                    "=1+1",
                    "instrument",
                    "@SUM(1)",
                    "=HYPERLINK()",
                    "vertraglich",
                    "mittel",
                    "entwurf",
                ],
            ]
        ),
        "bombe.xlsx": xlsx_bomb(),
        "kaputt.xlsx": b"PK\x03\x04kaputt",
        "binär.csv": bytes(range(256)) * 10,
        "leer.csv": b"",
    }
    for name, content in files.items():
        file_format = "1" if name.endswith(".xlsx") else "0"
        post(
            "/admin/profiles/profile/import/",
            {"resource": "0", "format": file_format},
            editor,
            files={"import_file": (name, content)},
            label=f"import {name}",
        )
    for forged in ["../../etc/passwd", "", "0" * 32, "x" * 500, "%00"]:
        post(
            "/admin/profiles/profile/process_import/",
            {
                "import_file_name": forged,
                "original_file_name": "x.csv",
                "format": "0",
                "resource": "0",
            },
            editor,
            label=f"process_import {forged[:10]!r}",
        )
    post(
        "/admin/profiles/profile/process_import/",
        {"import_file_name": "x", "original_file_name": "x.csv", "format": "99", "resource": "0"},
        editor,
        label="process_import format 99",
    )
    if (
        Profile.objects.filter(slug="feed").exists()
        or Profile.objects.filter(slug="neu-2").count() > 1
    ):
        failed_attacks.append("import accepted a reserved or duplicate slug")


def author_attacks(author):
    profile = Profile.objects.published().first()
    before = (profile.summary, profile.status)
    changelist = "/admin/profiles/profile/"
    post(
        changelist,
        {"action": "back_to_draft", "_selected_action": [profile.pk]},
        author,
        label="author withdraw",
    )
    post(
        changelist,
        {"action": "delete_selected", "_selected_action": [profile.pk], "post": "yes"},
        author,
        label="author delete",
    )
    post(
        f"/admin/profiles/profile/{profile.pk}/delete/",
        {"post": "yes"},
        author,
        label="author delete view",
    )
    area = PolicyArea.objects.first()
    post(
        f"/admin/profiles/policyarea/{area.pk}/change/",
        {"name": area.name, "slug": area.slug, "description": "gekapert"},
        author,
        label="author policy area",
    )
    profile.refresh_from_db()
    area.refresh_from_db()
    if (profile.summary, profile.status) != before or area.description == "gekapert":
        failed_attacks.append("an author changed live content")
    draft = PracticeExample.objects.exclude(status=Status.PUBLISHED).first()
    if draft:
        post(
            "/admin/profiles/practiceexample/",
            {"action": "publish", "_selected_action": [draft.pk]},
            author,
            label="author publish",
        )
        draft.refresh_from_db()
        if draft.status == Status.PUBLISHED:
            failed_attacks.append("an author published")


def main():
    editor = staff("sweep-redaktion", EDITOR_GROUP)
    author = staff("sweep-autorin", AUTHOR_GROUP)
    public_sweep()
    admin_sweep(editor)
    import_attacks(editor)
    author_attacks(author)
    total = sum(counts.values())
    print(f"requests: {total}")
    print("status:", ", ".join(f"{code}: {n}" for code, n in sorted(counts.items())))
    print(f"5xx: {len(errors)}")
    for status, label in errors[:40]:
        print(f"  {status} {label}")
    for attack in failed_attacks:
        print(f"  ATTACK SUCCEEDED: {attack}")
    return 1 if errors or failed_attacks else 0


if __name__ == "__main__":
    sys.exit(main())
