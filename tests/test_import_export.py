"""Import and export: German per-row errors, all-or-nothing imports, lossless round trip."""

import io
import json
from datetime import date, timedelta

import pytest
import tablib
from django.contrib.auth.models import Group, Permission, User
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from profiles.editorial.resources import ProfileResource, import_catalogue, parse_sources
from profiles.models import PolicyArea, PracticeExample, Profile, ProfileSource, Status
from tests.conftest import make_example, make_policy_area, make_profile

pytestmark = pytest.mark.django_db


def profile_rows(**changes):
    """Two valid profile rows as a spreadsheet would hold them."""
    rows = [
        {
            "slug": "zweckverband",
            "title": "Zweckverband",
            "kind": "organisationsform",
            "summary": "Eine eigene Körperschaft.",
            "description": "Was es ist.",
            "bindingness": "rechtsperson",
            "effort": "hoch",
            "compensation_monetary": "ja",
            "small_municipalities": "nein",
            "status": "entwurf",
            "handlungsfelder": "mobilitaet",
            "verwandte_steckbriefe": "zweckvereinbarung",
            "quellen": "KommZG Art. 17 | https://gesetze.legal/bayern/kommzg/17",
        },
        {
            "slug": "zweckvereinbarung",
            "title": "Zweckvereinbarung",
            "kind": "organisationsform",
            "summary": "Ein Vertrag.",
            "description": "Was es ist.",
            "bindingness": "vertraglich",
            "effort": "mittel",
            "status": "pruefung",
            "handlungsfelder": "",
            "verwandte_steckbriefe": "zweckverband",
            "quellen": "",
        },
    ]
    for index, values in changes.items():
        rows[int(index.removeprefix("row"))].update(values)
    return rows


def dataset(rows):
    data = tablib.Dataset()
    data.headers = list(dict.fromkeys(key for row in rows for key in row))
    for row in rows:
        data.append([row.get(header, "") for header in data.headers])
    return data


@pytest.fixture
def mobility():
    return make_policy_area("Mobilität", slug="mobilitaet")


def test_valid_rows_are_imported_with_tags_related_and_sources(mobility):
    [(table, result)] = import_catalogue({"steckbriefe": dataset(profile_rows())})
    assert not result.has_validation_errors() and not result.has_errors()
    verband = Profile.objects.get(slug="zweckverband")
    assert list(verband.tags.all()) == [mobility]
    assert [p.slug for p in verband.related.all()] == ["zweckvereinbarung"]
    assert [(s.title, s.url) for s in verband.sources.all()] == [
        ("KommZG Art. 17", "https://gesetze.legal/bayern/kommzg/17")
    ]
    assert verband.compensation_monetary is True
    assert Profile.objects.get(slug="zweckvereinbarung").status == Status.REVIEW


def test_one_bad_row_writes_nothing_and_names_row_and_column(mobility):
    existing = make_profile("Bestehend", slug="bestehend")
    rows = profile_rows(row1={"kind": "unbekannt", "handlungsfelder": "gibt-es-nicht"})
    rows.append({**rows[0], "slug": "bestehend", "title": "Überschrieben"})
    [(table, result)] = import_catalogue({"steckbriefe": dataset(rows)})
    assert result.has_validation_errors()
    assert Profile.objects.filter(slug__in=["zweckverband", "zweckvereinbarung"]).count() == 0
    existing.refresh_from_db()
    assert existing.title == "Bestehend"
    assert not ProfileSource.objects.exists()
    [invalid] = result.invalid_rows
    assert invalid.number == 2
    messages = invalid.field_specific_errors
    assert "Unbekannte Handlungsfelder: gibt-es-nicht" in messages["handlungsfelder"][0]
    assert "ist keine gültige Option" in messages["kind"][0]


def test_import_command_reports_the_bad_row_and_writes_nothing(tmp_path, mobility, capsys):
    rows = profile_rows(row1={"quellen": "nur ein Titel ohne Adresse"})
    path = tmp_path / "katalog.json"
    path.write_text(json.dumps({"steckbriefe": rows}), encoding="utf-8")
    with pytest.raises(CommandError, match="nichts gespeichert"):
        call_command("import_catalogue", str(path), "--no-progress")
    assert not Profile.objects.exists()
    assert "steckbriefe, Zeile 2, Spalte „quellen“: Quelle 1: erwartet" in capsys.readouterr().err


def test_dry_run_checks_everything_but_writes_nothing(tmp_path, mobility):
    path = tmp_path / "katalog.json"
    path.write_text(json.dumps({"steckbriefe": profile_rows()}), encoding="utf-8")
    call_command("import_catalogue", str(path), "--dry-run", "--no-progress")
    assert not Profile.objects.exists()
    call_command("import_catalogue", str(path), "--no-progress")
    assert Profile.objects.count() == 2


def test_import_command_rejects_unreadable_files_in_german(tmp_path):
    path = tmp_path / "katalog.txt"
    path.write_text("egal")
    with pytest.raises(CommandError, match="Format von „katalog.txt“ unbekannt"):
        call_command("import_catalogue", str(path))
    broken = tmp_path / "katalog.json"
    broken.write_text("{kein json")
    with pytest.raises(CommandError, match="keine lesbare JSON-Datei"):
        call_command("import_catalogue", str(broken))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Titel ohne Trenner", "erwartet „Titel | https://adresse“"),
        ("Titel | keine-adresse", "keine gültige Adresse"),
        ("A | https://a.example\nB | https://a.example", "steht doppelt"),
    ],
)
def test_source_lines_are_checked(value, message):
    with pytest.raises(ValueError, match=message):
        parse_sources(value)


def test_titles_may_contain_the_separator():
    assert parse_sources("A | B | https://x.example/a?b=1\n\n") == [
        ("A | B", "https://x.example/a?b=1")
    ]


def make_author():
    """Staff who may edit everything in the catalogue but not publish."""
    authors = Group.objects.create(name="Autorinnen-Test")
    authors.permissions.set(
        Permission.objects.filter(content_type__app_label="profiles").exclude(
            codename__startswith="publish_"
        )
    )
    user = User.objects.create_user("autorin", password="x", is_staff=True)
    user.groups.set([authors])
    return user


def test_import_by_an_author_cannot_publish(mobility):
    author = make_author()
    rows = profile_rows(row0={"status": "veroeffentlicht"})
    resource = ProfileResource()
    result = resource.import_data(
        dataset(rows), dry_run=True, user=author, rollback_on_validation_errors=True
    )
    [invalid] = result.invalid_rows
    assert invalid.number == 1
    assert "Keine Berechtigung zum Veröffentlichen" in invalid.field_specific_errors["status"][0]


def test_admin_import_previews_errors_and_writes_nothing(editor_client, mobility):
    rows = profile_rows(row1={"effort": "riesig"})
    upload = dataset(rows).export("csv").encode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = editor_client.post(
        reverse("admin:profiles_profile_import"),
        {
            "resource": "0",
            "format": "0",  # CSV
            "import_file": SimpleUploadedFile("steckbriefe.csv", upload, "text/csv"),
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "ist keine gültige Option" in content
    assert "riesig" in content
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert not Profile.objects.exists()


def test_admin_import_confirms_and_records_history(editor_client, editor, mobility):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from reversion.models import Version

    upload = dataset(profile_rows()).export("csv").encode()
    response = editor_client.post(
        reverse("admin:profiles_profile_import"),
        {
            "resource": "0",
            "format": "0",
            "import_file": SimpleUploadedFile("steckbriefe.csv", upload, "text/csv"),
        },
    )
    assert not Profile.objects.exists()  # the preview is a dry run
    confirm = response.context["confirm_form"]
    data = {name: confirm[name].value() for name in confirm.fields}
    response = editor_client.post(reverse("admin:profiles_profile_process_import"), data)
    assert response.status_code == 302
    profile = Profile.objects.get(slug="zweckverband")
    assert [p.slug for p in profile.related.all()] == ["zweckvereinbarung"]
    version = Version.objects.get_for_object(profile).first()
    assert version.revision.user == editor


def snapshot():
    """Everything an editor entered, per object, in comparable form."""

    def publishing(obj):
        return {
            "status": obj.status,
            "published_at": obj.published_at,
            "last_reviewed": obj.last_reviewed,
        }

    profile_fields = [
        f.name for f in Profile._meta.concrete_fields if f.name not in {"id", "created", "updated"}
    ]
    example_fields = [
        f.name
        for f in PracticeExample._meta.concrete_fields
        if f.name not in {"id", "created", "updated"}
    ]
    return {
        "areas": sorted(PolicyArea.objects.values_list("slug", "name", "description")),
        "profiles": {
            p.slug: {
                **{name: getattr(p, name) for name in profile_fields},
                **publishing(p),
                "tags": sorted(t.slug for t in p.tags.all()),
                "related": sorted(r.slug for r in p.related.all()),
                "sources": [(s.title, s.url) for s in p.sources.all()],
            }
            for p in Profile.objects.all()
        },
        "examples": {
            e.slug: {
                **{name: getattr(e, name) for name in example_fields},
                "tags": sorted(t.slug for t in e.tags.all()),
                "profiles": sorted(p.slug for p in e.profiles.all()),
                "sources": [(s.title, s.url) for s in e.sources.all()],
            }
            for e in PracticeExample.objects.all()
        },
    }


def build_catalogue():
    housing = make_policy_area("Wohnen", slug="wohnen", description="Wohnstandorte **fair**.")
    mobility = make_policy_area("Mobilität", slug="mobilitaet")
    verband = make_profile(
        "Zweckverband",
        slug="zweckverband",
        tags=[housing, mobility],
        burdens_benefits="Zeile 1\n\n- Liste; mit „Anführungszeichen“, Komma",
        # Published: every section filled, as publishing through an import requires.
        prerequisites="Ein Beschluss.",
        opportunities="Chancen.",
        stumbling_blocks="Streit.",
        steps="1. Anfangen.",
        checklist="- Satzung beschließen.",
        compensation_monetary=True,
        compensation_package=True,
        small_municipalities=True,
        last_reviewed=date(2024, 2, 29),
        published_at=timezone.now().replace(microsecond=123456) - timedelta(days=3),
    )
    draft = make_profile(
        "Gewerbeflächenpool", slug="pool", status=Status.DRAFT, kind="ausgleich", effort="hoch"
    )
    review = make_profile("Vertrag", slug="vertrag", status=Status.REVIEW, contact="Frau X")
    verband.related.set([draft, review])
    for position, (title, url) in enumerate(
        [
            ("KommZG Art. 17 | Zweckverband", "https://gesetze.legal/bayern/kommzg/17"),
            ("Difu", "https://difu.de/17534"),
        ],
        1,
    ):
        verband.sources.create(title=title, url=url, position=position)
    example = make_example(
        "Strukturfonds Rendsburg",
        slug="rendsburg",
        state="SH",
        region="Rendsburg",
        period="seit 2004",
        project_status="laufend",
        tags=[housing],
        profiles=[verband, draft],
    )
    example.sources.create(
        title="Finanzen", url="https://entwicklungsagentur-rendsburg.de/x", position=1
    )
    make_example("Entwurf", slug="entwurf-beispiel", status=Status.DRAFT, municipalities="A")


def clear_catalogue():
    PracticeExample.objects.all().delete()
    Profile.objects.all().delete()
    PolicyArea.objects.all().delete()


@pytest.mark.parametrize("file_format", ["json", "xlsx", "csv"])
def test_round_trip_into_an_empty_database_is_lossless(tmp_path, file_format):
    build_catalogue()
    before = snapshot()
    assert before["profiles"]["zweckverband"]["published_at"].microsecond == 123456
    target = tmp_path / ("katalog" if file_format == "csv" else f"katalog.{file_format}")
    call_command("export_catalogue", str(target), "--format", file_format)
    clear_catalogue()
    assert not Profile.objects.exists() and not PolicyArea.objects.exists()
    call_command("import_catalogue", str(target), "--format", file_format, "--no-progress")
    after = snapshot()
    assert after["areas"] == before["areas"]
    assert after["profiles"].keys() == before["profiles"].keys()
    for slug, fields in before["profiles"].items():
        for name, value in fields.items():
            assert after["profiles"][slug][name] == value, (slug, name)
    for slug, fields in before["examples"].items():
        for name, value in fields.items():
            assert after["examples"][slug][name] == value, (slug, name)
    assert after == before
    # Importing the same file again changes nothing: no save, no history entry.
    updated = dict(Profile.objects.values_list("slug", "updated"))
    versions = Version.objects.count()
    call_command("import_catalogue", str(target), "--format", file_format, "--no-progress")
    assert snapshot() == before
    assert dict(Profile.objects.values_list("slug", "updated")) == updated
    assert Version.objects.count() == versions


def test_reimport_saves_only_the_changed_rows(tmp_path):
    build_catalogue()
    target = tmp_path / "katalog.json"
    call_command("export_catalogue", str(target))
    data = json.loads(target.read_text(encoding="utf-8"))
    [row] = [row for row in data["steckbriefe"] if row["slug"] == "vertrag"]
    row["quellen"] = "Neu | https://neu.example/"
    target.write_text(json.dumps(data), encoding="utf-8")
    updated = dict(Profile.objects.values_list("slug", "updated"))
    out = io.StringIO()
    call_command("import_catalogue", str(target), "--no-progress", stdout=out)
    assert "steckbriefe: 0 neu, 1 geändert, 2 unverändert" in out.getvalue()
    changed = {
        slug
        for slug, stamp in Profile.objects.values_list("slug", "updated")
        if stamp != updated[slug]
    }
    assert changed == {"vertrag"}
    assert [s.url for s in Profile.objects.get(slug="vertrag").sources.all()] == [
        "https://neu.example/"
    ]
    [version] = Version.objects.get_for_object(Profile.objects.get(slug="vertrag"))
    assert version.revision.get_comment() == "Import aus katalog.json"


EXPORT_FIELDS = [f"profileresource_{name}" for name in ProfileResource().get_export_headers()]


def test_admin_xlsx_export_imports_back_unchanged(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    build_catalogue()
    before = snapshot()["profiles"]
    data = {"format": "1", "resource": "0", **{name: "on" for name in EXPORT_FIELDS}}
    response = editor_client.post(reverse("admin:profiles_profile_export"), data)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    workbook = response.content
    areas = list(PolicyArea.objects.values("name", "slug", "description"))
    clear_catalogue()
    for area in areas:
        PolicyArea.objects.create(**area)
    response = editor_client.post(
        reverse("admin:profiles_profile_import"),
        {
            "resource": "0",
            "format": "1",
            "import_file": SimpleUploadedFile("steckbriefe.xlsx", workbook),
        },
    )
    confirm = response.context.get("confirm_form")
    assert confirm is not None, (
        [str(m) for m in response.context.get("messages", [])],
        response.context.get("form") and response.context["form"].errors,
    )
    data = {name: confirm[name].value() for name in confirm.fields}
    assert (
        editor_client.post(reverse("admin:profiles_profile_process_import"), data).status_code
        == 302
    )
    assert snapshot()["profiles"] == before


def test_csv_saved_by_a_german_spreadsheet_program_is_read(tmp_path, mobility):
    rows = profile_rows()
    path = tmp_path / "steckbriefe.csv"
    path.write_text("\ufeff" + dataset(rows).export("csv", delimiter=";"), encoding="utf-8")
    call_command("import_catalogue", str(path), "--no-progress")
    assert set(Profile.objects.values_list("slug", flat=True)) == {
        "zweckverband",
        "zweckvereinbarung",
    }
    assert Profile.objects.get(slug="zweckverband").sources.get().title == "KommZG Art. 17"


def test_progress_advances_once_per_row(mobility):
    class Progress:
        n = 0

        def update(self, step):
            self.n += step

    progress = Progress()
    areas = dataset([{"slug": "wohnen", "name": "Wohnen", "description": ""}])
    import_catalogue(
        {"handlungsfelder": areas, "steckbriefe": dataset(profile_rows())},
        dry_run=True,
        progress=progress,
    )
    assert progress.n == 3
    assert not PolicyArea.objects.filter(slug="wohnen").exists()
