"""Property tests: arbitrary text goes through every channel unchanged and without error.

Text with long words, control characters, umlauts, Markdown and spreadsheet
formulas is saved in a Steckbrief, indexed for search, shown on its page and
in the API, exported as CSV (public and catalogue) and XLSX and imported
again. Stored text is the input without control characters and with \\n line
ends (``clean_content_text``); from there every round trip is exact.
Linear time is measured by ``manage.py bench_text`` (docs/benchmark.md).
"""

import csv
import io
import json

import pytest
import tablib
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from profiles.editorial.imports import dump_csv, load_csv, read_xlsx, write_xlsx
from profiles.editorial.resources import ProfileResource, import_catalogue
from profiles.models import Profile
from profiles.text import (
    clean_content_text,
    escape_formula,
    umlaut_words,
    unescape_formula,
)
from search import text as search_text
from tests.conftest import add_source, make_profile

HOSTILE_PIECES = [
    "=1+1",
    '=HYPERLINK("https://example.org","x")',
    "@SUM(1)",
    "+49",
    "-",
    "'",
    "''=",
    "\x00",
    "\x1b[31m",
    "\r\n",
    "\t",
    "Ä" * 50,
    "ß",
    "<script>",
    "**fett**",
    '"',
    ";",
    ",",
    "\u2028",
    "\ufeff",
]

texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(HOSTILE_PIECES) | st.text(max_size=20), max_size=20).map("".join),
    st.builds(lambda n, c: c * n, st.integers(1, 5000), st.sampled_from(["a", "ä", "x1"])),
)


@settings(deadline=None)
@given(texts)
def test_formula_escaping_round_trips(text):
    escaped = escape_formula(text)
    assert unescape_formula(escaped) == text
    assert not escaped or escaped[0] not in "=+-@\t\r" or escaped == text == ""


@settings(deadline=None)
@given(texts)
def test_umlaut_words_are_words_with_umlauts(text):
    words = umlaut_words(text)
    assert all(any(c in word for c in "äöüÄÖÜß") for word in words)
    # The index repeats every word with an umlaut in its folded spelling.
    indexed = search_text.plain_words(text).split()
    folded = [
        search_text.fold_umlauts(w) for w in search_text.words(text) if search_text.has_umlaut(w)
    ]
    assert all(word in indexed for word in folded)


@settings(deadline=None)
@given(st.lists(texts, min_size=1, max_size=4))
def test_csv_and_xlsx_round_trip_any_stored_text(cells):
    # A key column, as every catalogue table has one (blank rows are skipped).
    stored = ["schluessel", *(clean_content_text(cell) for cell in cells)]
    dataset = tablib.Dataset(headers=[f"c{i}" for i in range(len(stored))])
    dataset.append(stored)
    back = load_csv(dump_csv(dataset))
    assert [str(v) for v in back[0]] == stored
    sheet = read_xlsx(write_xlsx([("T", dataset)]))[0][1]
    assert [("" if v is None else v) for v in sheet[0]] == stored


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=texts)
def test_any_text_saves_shows_exports_and_imports_unchanged(text):
    profile = Profile.objects.filter(slug="eigenschaft").first() or make_profile(slug="eigenschaft")
    if not profile.sources.exists():
        add_source(profile)
    profile.opportunities = text
    profile.save()  # search indexing runs on save
    profile.refresh_from_db()
    stored = clean_content_text(text)
    assert profile.opportunities == stored

    client = Client()
    assert client.get(profile.get_absolute_url()).status_code == 200
    record = json.loads(client.get(f"/api/steckbriefe/{profile.slug}/").content)
    assert record["steckbrief"]["abschnitte"]["chancen"] == stored
    body = client.get("/daten/steckbriefe.csv").content.decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(body)))
    assert unescape_formula(row["chancen"]) == stored

    exported = ProfileResource().export()
    for data in (load_csv(dump_csv(exported)), read_xlsx(write_xlsx([("S", exported)]))[0][1]):
        results = import_catalogue({"steckbriefe": data})
        assert not results[0][1].has_validation_errors()
        assert results[0][1].totals["update"] == 0  # an unchanged file changes nothing
        profile.refresh_from_db()
        assert profile.opportunities == stored
