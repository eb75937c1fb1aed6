"""The benchmark's data generator and command (figures in docs/benchmark.md)."""

import io

import pytest
from django.core.management import CommandError, call_command

from profiles.management import benchdata
from profiles.models import PracticeExample, Profile
from search.request import find
from tests.conftest import make_profile

pytestmark = pytest.mark.django_db


def test_fill_creates_searchable_published_profiles_with_tags_and_facts():
    assert benchdata.fill(40, log=lambda message: None) == 40
    profiles = Profile.objects.published()
    assert profiles.count() == 40
    assert all(p.slug.startswith(benchdata.SLUG_PREFIX) for p in profiles)
    assert all(p.tags.exists() for p in profiles)
    assert len({p.kind for p in profiles}) == 3
    title_word = profiles.first().title.split()[0]
    assert find("steckbriefe", title_word).exists()
    # Every bench profile has a Geltungsbereich, so ?land= has something to filter.
    assert all(p.scope.exists() for p in profiles)
    assert Profile.objects.filter(scope="DE").exists()
    # Filling again replaces the bench profiles instead of adding more.
    benchdata.fill(10, log=lambda message: None)
    assert Profile.objects.count() == 10


def test_fill_refuses_a_database_with_real_profiles():
    make_profile("Echter Steckbrief")
    with pytest.raises(RuntimeError, match="eigene Datenbank"):
        benchdata.fill(5)
    with pytest.raises(CommandError):
        call_command("bench", profiles=5, runs=1, stdout=io.StringIO())


def test_bench_command_prints_the_table():
    out = io.StringIO()
    call_command("bench", profiles=30, runs=2, stdout=out, stderr=io.StringIO())
    text = out.getvalue()
    for row in ["Übersicht ohne Filter", "Suche + Filter", "Steckbrief-Seite", "Admin: Suche"]:
        assert row in text
    assert "schneller als die Admin-Liste" in text


def test_fill_only_does_not_measure():
    out = io.StringIO()
    call_command("bench", profiles=12, fill_only=True, stdout=out, stderr=io.StringIO())
    assert Profile.objects.count() == 12
    assert "Median" not in out.getvalue()


def test_bench_adds_linked_practice_examples_and_measures_their_pages():
    out = io.StringIO()
    call_command("bench", profiles=30, runs=1, stdout=out, stderr=io.StringIO())
    examples = PracticeExample.objects.published()
    assert examples.count() == 3
    assert all(example.profiles.exists() and example.tags.exists() for example in examples)
    assert "Praxisbeispiel-Seite" in out.getvalue()
    assert "Praxisbeispiele-Liste" in out.getvalue()


def test_size_databases_are_named_after_the_bench_database():
    from profiles.management.commands.bench import database_url_for

    url = "postgres://postgres@127.0.0.1:5432/cat_bench"
    assert database_url_for(url, 1000) == "postgres://postgres@127.0.0.1:5432/cat_bench_1000"
    assert database_url_for(url + "?sslmode=disable", 5).endswith("cat_bench_5?sslmode=disable")


@pytest.mark.parametrize("sizes", ["10", "zehn,20", "10,10"])
def test_sizes_needs_at_least_two_numbers(sizes):
    with pytest.raises(CommandError):
        call_command("bench", sizes=sizes, stdout=io.StringIO())


@pytest.mark.postgres
def test_sizes_prints_the_scaling_table_from_one_database_per_size(monkeypatch):
    from django.db import connection

    settings_dict = connection.settings_dict
    # The test database, as a URL the child processes can reach.
    url = (
        f"postgres://{settings_dict['USER']}@{settings_dict['HOST'] or '127.0.0.1'}:"
        f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
    )
    monkeypatch.setenv("DATABASE_URL", url)
    out = io.StringIO()
    try:
        call_command("bench", sizes="20,40", runs=1, stdout=out, stderr=io.StringIO())
    finally:
        with connection._nodb_cursor() as cursor:
            for size in (20, 40):
                cursor.execute(f'DROP DATABASE IF EXISTS "{settings_dict["NAME"]}_{size}"')
    lines = out.getvalue().splitlines()
    header = next(line for line in lines if line.startswith("Anfrage (Median in ms)"))
    assert header.split()[-4:] == ["20", "40", "Faktor", "Abfragen"]
    row = next(line for line in lines if line.startswith("Steckbrief-Seite"))
    first, second, factor = (float(value) for value in row.split()[1:4])
    assert factor == pytest.approx(second / first, rel=0.01)
