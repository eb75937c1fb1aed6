"""Benchmark the public browse page against the editors' admin list (docs/benchmark.md).

Fills its own database with synthetic published profiles (profiles.management.benchdata)
and measures, in-process with the Django test client, the server time and the
number of SQL queries of typical requests. Run it through ``make bench``,
which points DATABASE_URL at a separate PostgreSQL database.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from urllib.parse import urlencode

from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError, connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from profiles.editorial.groups import EDITOR_GROUP
from profiles.management import benchdata
from profiles.models import PolicyArea, PracticeExample, Profile

BENCH_USER = "bench-redaktion"
JSON_MARKER = "BENCH-JSON "


def database_url_for(url: str, size: int) -> str:
    """The bench database URL with ``_<size>`` appended to the database name."""
    base, _, query = url.partition("?")
    return f"{base.rstrip('/')}_{size}" + (f"?{query}" if query else "")


def ensure_database():
    """Create the PostgreSQL database named in the settings if it does not exist."""
    if connection.vendor != "postgresql":
        return
    try:
        connection.ensure_connection()
    except OperationalError:
        name = connection.settings_dict["NAME"]
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


class Command(BaseCommand):
    help = (
        "Füllt eine eigene Datenbank mit synthetischen Steckbriefen und misst "
        "Antwortzeit und SQL-Abfragen der Übersichtsseite und der Redaktionsliste."
    )

    def add_arguments(self, parser):
        parser.add_argument("--profiles", type=int, default=10_000, help="Anzahl Steckbriefe")
        parser.add_argument("--runs", type=int, default=30, help="Messungen je Anfrage")
        parser.add_argument(
            "--fill-only", action="store_true", help="Nur Daten anlegen, nicht messen"
        )
        parser.add_argument(
            "--refill", action="store_true", help="Daten neu anlegen, auch wenn vorhanden"
        )
        parser.add_argument(
            "--sizes",
            help=(
                "Mehrere Katalog-Größen nebeneinander, z. B. 1000,10000,100000: je Größe eine "
                "eigene Datenbank (Name der Datenbank + _<Anzahl>), Tabelle mit Faktor"
            ),
        )
        parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args, profiles, runs, fill_only, refill, sizes=None, **options):
        if sizes:
            return self.scaling(sizes, runs, fill_only, refill)
        self.as_json = options.get("json", False)
        if connection.vendor != "postgresql":
            self.stderr.write(
                "Hinweis: Der Benchmark ist für PostgreSQL gedacht; "
                f"gemessen wird jetzt auf {connection.vendor}."
            )
        ensure_database()
        call_command("migrate", verbosity=0, interactive=False)
        try:
            benchdata.ensure_bench_only()
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        existing = Profile.objects.filter(slug__startswith=benchdata.SLUG_PREFIX).count()
        if refill or existing != profiles:
            self.stdout.write(f"Lege {profiles} synthetische Steckbriefe an …")
            started = time.perf_counter()
            benchdata.fill(profiles, log=self.stdout.write)
            self.stdout.write(f"  fertig in {time.perf_counter() - started:.0f} s")
        else:
            self.stdout.write(f"{existing} Benchmark-Steckbriefe sind schon da.")
        benchdata.ensure_examples(profiles, log=self.stdout.write)
        if fill_only:
            return
        with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]):
            self.measure(runs)

    def scenarios(self):
        browse = reverse("profiles:profile_list")
        site = reverse("search:results")
        wohnen = PolicyArea.objects.get(name="Wohnen")
        mobil = PolicyArea.objects.get(name="Mobilität")
        # The profile and example in the middle of the catalogue: neither the
        # newest nor the oldest, so no size is measured at a lucky end.
        profiles = Profile.objects.filter(slug__startswith=benchdata.SLUG_PREFIX).order_by("pk")
        profile = profiles[profiles.count() // 2]
        examples = PracticeExample.objects.filter(
            slug__startswith=benchdata.EXAMPLE_PREFIX
        ).order_by("pk")
        example = examples[examples.count() // 2]
        admin = reverse("admin:profiles_profile_changelist")
        search_filter = {"q": "Gewerbegebiet", "handlungsfeld": "wohnen", "art": "instrument"}
        admin_filter = {
            "q": "Gewerbegebiet",
            "tags__id__exact": wohnen.pk,
            "kind__exact": "instrument",
        }
        two_areas = [("handlungsfeld", wohnen.slug), ("handlungsfeld", mobil.slug)]
        return [
            ("Übersicht ohne Filter", browse, {}, False),
            (
                "2 Handlungsfelder + Art",
                browse + "?" + urlencode([*two_areas, ("art", "instrument")]),
                {},
                False,
            ),
            ("Geltungsbereich Bayern", browse, {"land": "BY"}, False),
            ("Volltextsuche (viele Treffer)", browse, {"q": "Gewerbesteuereinnahmen"}, False),
            ("Volltextsuche (wenige Treffer)", browse, {"q": "Badebus Würmtal"}, False),
            ("Suche + Filter", browse, search_filter, False),
            ("Suche mit Tippfehler", browse, {"q": "Gewerbegebeit Würmtal"}, False),
            ("Steckbrief-Seite", profile.get_absolute_url(), {}, False),
            (
                "Finder-Ergebnis",
                reverse("finder:result"),
                {"vorhaben": "einrichtung", "partner": "privat", "geld": "kosten"},
                False,
            ),
            ("Praxisbeispiel-Seite", example.get_absolute_url(), {}, False),
            ("Praxisbeispiele-Liste", reverse("profiles:example_list"), {}, False),
            # The site search over every kind (search app)
            ("Katalogsuche (viele Treffer)", site, {"q": "Gewerbesteuereinnahmen"}, False),
            ("Katalogsuche (wenige Treffer)", site, {"q": "Badebus Würmtal"}, False),
            ("Katalogsuche (Frage)", site, {"q": "Kosten teilen Parkplatz"}, False),
            ("Katalogsuche mit Tippfehler", site, {"q": "Gewerbegebeit Würmtal"}, False),
            ("Katalogsuche ohne Treffer", site, {"q": "Xylophonorchester"}, False),
            ("Admin: Suche + Filter", admin, admin_filter, True),
        ]

    def measure(self, runs):
        anonymous = Client()
        editor = Client()
        user, _ = User.objects.get_or_create(username=BENCH_USER, defaults={"is_staff": True})
        user.groups.add(Group.objects.get(name=EDITOR_GROUP))
        editor.force_login(user)

        scenarios = self.scenarios()
        samples = {
            name: {"time": [], "cpu": [], "sql": [], "queries": set()} for name, *_ in scenarios
        }
        last = {}
        for name, url, params, as_editor in scenarios:
            client = editor if as_editor else anonymous
            for _ in range(3):  # warm up connections and caches
                response = client.get(url, params)
            if response.status_code != 200:
                raise CommandError(f"{name}: Status {response.status_code} für {url}")
        # Round-robin over the requests, so that load from elsewhere on the
        # machine hits all of them alike and the comparison stays fair.
        for _ in range(runs):
            for name, url, params, as_editor in scenarios:
                client = editor if as_editor else anonymous
                with CaptureQueriesContext(connection) as captured:
                    started, cpu_started = time.perf_counter(), time.process_time()
                    response = client.get(url, params)
                    elapsed = (time.perf_counter() - started) * 1000
                    cpu = (time.process_time() - cpu_started) * 1000
                sample = samples[name]
                sample["time"].append(elapsed)
                sample["cpu"].append(cpu)
                sample["sql"].append(
                    sum(float(q["time"]) for q in captured.captured_queries) * 1000
                )
                sample["queries"].add(len(captured))
                last[name] = response

        rows = []
        for name, *_ in scenarios:
            sample = samples[name]
            body = last[name].content.decode()
            match = re.search(r'class="result-count"[^>]*>\s*([\d.]+)', body)
            if not match:
                match = re.search(r'class="paginator">\s*([\d.]+)', body)
            results = match.group(1) if match else "–"
            rows.append(
                (
                    name,
                    statistics.median(sample["time"]),
                    percentile(sample["time"], 0.95),
                    min(sample["time"]),
                    statistics.median(sample["sql"]),
                    statistics.median(sample["cpu"]),
                    sample["queries"],
                    results,
                )
            )

        if getattr(self, "as_json", False):
            self.stdout.write(
                JSON_MARKER
                + json.dumps(
                    [
                        {
                            "name": row[0],
                            "median": row[1],
                            "sql": row[4],
                            "cpu": row[5],
                            "queries": sorted(row[6]),
                        }
                        for row in rows
                    ]
                )
            )
        self.stdout.write("")
        header = (
            f"{'Anfrage':<30} {'Median':>7} {'p95':>7} {'min':>6} {'SQL':>6} "
            f"{'Python-CPU':>10} {'Abfragen':>8} {'Treffer':>7}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for name, median, p95, fastest, sql, cpu, queries, results in rows:
            count = "/".join(str(q) for q in sorted(queries))
            self.stdout.write(
                f"{name:<30} {median:>7.1f} {p95:>7.1f} {fastest:>6.1f} {sql:>6.1f} "
                f"{cpu:>10.1f} {count:>8} {results:>7}"
            )
        self.stdout.write(
            "Zeiten in ms: Median, p95 und Minimum der Serverzeit; SQL = Zeit in der "
            "Datenbank (Median); Python-CPU = Rechenzeit des Prozesses (Median)."
        )
        public = next(row for row in rows if row[0] == "Suche + Filter")
        admin = next(row for row in rows if row[0].startswith("Admin"))
        self.stdout.write("")
        self.stdout.write(
            f"Suche + Filter: öffentliche Seite {admin[1] / public[1]:.1f}× schneller "
            f"als die Admin-Liste (Median {public[1]:.1f} ms gegen {admin[1]:.1f} ms; "
            f"Minimum {admin[3] / public[3]:.1f}×)."
        )

    def scaling(self, sizes, runs, fill_only, refill):
        """Run the benchmark once per catalogue size, each in its own database and
        process, and print the medians side by side with t(largest)/t(smallest)."""
        try:
            numbers = sorted({int(size) for size in sizes.split(",") if size.strip()})
        except ValueError as error:
            raise CommandError("--sizes erwartet Zahlen, z. B. 1000,10000,100000") from error
        if len(numbers) < 2:
            raise CommandError("--sizes braucht mindestens zwei Größen")
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith(("postgres://", "postgresql://")):
            raise CommandError("--sizes braucht eine PostgreSQL-DATABASE_URL (make bench)")
        results = {}
        for size in numbers:
            self.stdout.write(f"== {size} Steckbriefe ({database_url_for(url, size)})")
            command = [sys.executable, "manage.py", "bench", "--profiles", str(size)]
            command += ["--runs", str(runs), "--json"]
            if fill_only:
                command.append("--fill-only")
            if refill:
                command.append("--refill")
            env = {**os.environ, "DATABASE_URL": database_url_for(url, size)}
            process = subprocess.run(command, env=env, capture_output=True, text=True)
            if process.returncode:
                self.stderr.write(process.stderr)
                raise CommandError(f"Benchmark mit {size} Steckbriefen fehlgeschlagen")
            for line in process.stdout.splitlines():
                if line.startswith(JSON_MARKER):
                    results[size] = json.loads(line[len(JSON_MARKER) :])
                else:
                    self.stdout.write("  " + line)
        if fill_only:
            return
        names = [row["name"] for row in results[numbers[0]]]
        by_size = {size: {row["name"]: row for row in rows} for size, rows in results.items()}
        smallest, largest = numbers[0], numbers[-1]
        columns = "".join(f" {size:>9,}".replace(",", ".") for size in numbers)
        header = f"{'Anfrage (Median in ms)':<30}{columns} {'Faktor':>7} {'Abfragen':>9}"
        self.stdout.write("")
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for name in names:
            medians = [by_size[size][name]["median"] for size in numbers]
            factor = medians[-1] / medians[0]
            queries = "/".join(
                str(q)
                for q in sorted({q for size in numbers for q in by_size[size][name]["queries"]})
            )
            cells = "".join(f" {median:>9.1f}" for median in medians)
            self.stdout.write(f"{name:<30}{cells} {factor:>7.2f} {queries:>9}")
        self.stdout.write(
            f"Faktor = Median bei {largest:,} / Median bei {smallest:,} Steckbriefen; "
            "Abfragen = SQL-Abfragen je Anfrage über alle Größen.".replace(",", ".")
        )
