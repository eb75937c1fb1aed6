"""The benchmark's data generator and command (figures in docs/benchmark.md)."""

import io

import pytest
from django.core.management import CommandError, call_command

from profiles.management import benchdata
from profiles.models import Profile
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
