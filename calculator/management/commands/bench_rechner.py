"""Benchmark the Lasten-Nutzen-Rechner (docs/benchmark.md): engine and result page.

Prints the engine's time for 12 partners × 10 items (every key, Vorab, caps,
Finanzausgleich, and the comparison with a second key) and the server time of
the result page for the same scenario, measured in-process with Django's test
client (no network). The page writes nothing, so any database will do.
"""

import statistics
import time
from decimal import Decimal
from urllib.parse import urlencode

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client, override_settings

from calculator import engine

KEYS = ["gleich", "einwohner", "flaeche", "kapital", "nutzung", "fest", "kombiniert"]
KINDS = list(engine.ITEM_KINDS)


def big_query(partners: int = 12, items: int = 10) -> str:
    pairs = [("titel", "Benchmark"), ("jahr", "2025")]
    anteil = [Decimal(100) / partners] * partners
    anteil = [a.quantize(Decimal("0.0001")) for a in anteil]
    anteil[-1] += Decimal(100) - sum(anteil)
    for n in range(1, partners + 1):
        pairs += [
            (f"g{n}_name", f"Gemeinde {n:02d}"),
            (f"g{n}_ew", str(1000 * n + 37)),
            (f"g{n}_ha", f"{n * 3},5"),
            (f"g{n}_kap", str(250000 * n)),
            (f"g{n}_nutz", str(17 * n)),
            (f"g{n}_anteil", str(anteil[n - 1]).replace(".", ",")),
        ]
        if n == 1:
            pairs += [("g1_standort", "1"), ("g1_max", "30")]
        if n % 2:
            pairs.append((f"g{n}_sz", "1"))
    for n in range(1, items + 1):
        kind = KINDS[(n - 1) % len(KINDS)]
        pairs += [
            (f"p{n}_name", f"Posten {n}"),
            (f"p{n}_art", kind),
            (f"p{n}_schluessel", KEYS[(n - 1) % len(KEYS)]),
            (f"p{n}_vorab", "5" if n % 3 == 0 else ""),
        ]
        if kind == "gewerbesteuer":
            pairs += [(f"p{n}_messbetrag", "123456,78"), (f"p{n}_hebesatz", "380")]
        else:
            pairs.append((f"p{n}_betrag", str(98765 * n) + ",43"))
    pairs += [("w_gleich", "20"), ("w_einwohner", "30"), ("w_flaeche", "50")]
    pairs += [("vergleich", "einwohner"), ("fa", "1"), ("fa_anerkannt", "ja")]
    pairs += [("fa_kreisumlage", "48,5"), ("partner", str(partners)), ("posten", str(items))]
    return urlencode([(k, v) for k, v in pairs if v])


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"Median {statistics.median(values):7.2f}  p95 {p95:7.2f}  min {ordered[0]:7.2f}"


class Command(BaseCommand):
    help = "Misst die Rechenzeit des Lasten-Nutzen-Rechners und die Serverzeit der Ergebnisseite."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=200, help="Messungen der Engine")
        parser.add_argument("--page-runs", type=int, default=30, help="Messungen der Seite")

    def handle(self, *args, runs=200, page_runs=30, **options):
        from django.http import QueryDict

        from calculator import query

        text = big_query()
        parsed = query.read(QueryDict(text))
        assert parsed.scenario is not None, parsed.all_errors()
        scenario = parsed.scenario
        engine.calculate(scenario)  # warm-up

        engine_ms, engine_cpu = [], []
        for _ in range(runs):
            start, cpu = time.perf_counter(), time.process_time()
            engine.calculate(scenario)
            engine.calculate(scenario, key="einwohner")
            engine_ms.append((time.perf_counter() - start) * 1000)
            engine_cpu.append((time.process_time() - cpu) * 1000)
        parse_ms = []
        for _ in range(runs):
            start = time.perf_counter()
            query.read(QueryDict(text))
            parse_ms.append((time.perf_counter() - start) * 1000)

        client = Client()
        url = f"/rechner/?{text}"
        page_ms, cpu_ms = [], []
        with override_settings(DEBUG=False, PUBLIC_CACHE=False, ALLOWED_HOSTS=["testserver"]):
            for _ in range(3):
                response = client.get(url)
                assert response.status_code == 200, response.status_code
            statements = []
            with connection.execute_wrapper(
                lambda execute, sql, params, many, context: (
                    statements.append(sql),
                    execute(sql, params, many, context),
                )[1]
            ):
                client.get(url)
            for _ in range(page_runs):
                start, cpu = time.perf_counter(), time.process_time()
                client.get(url)
                page_ms.append((time.perf_counter() - start) * 1000)
                cpu_ms.append((time.process_time() - cpu) * 1000)
            size = len(client.get(url).content)

        self.stdout.write(
            f"Szenario: {len(scenario.partners)} Partner × {len(scenario.items)} Posten, alle "
            "Schlüssel, Vorab, Höchstanteil, Vergleich, Finanzausgleich"
        )
        self.stdout.write(f"Engine (Berechnung + Vergleich), ms: {summary(engine_ms)}")
        self.stdout.write(f"  davon Python-CPU Median {statistics.median(engine_cpu):.2f} ms")
        self.stdout.write(f"URL lesen und prüfen, ms:            {summary(parse_ms)}")
        self.stdout.write(f"Ergebnisseite (Server), ms:          {summary(page_ms)}")
        self.stdout.write(f"Läufe: Engine und URL je {runs}, Seite {page_runs}")
        self.stdout.write(
            f"  davon Python-CPU Median {statistics.median(cpu_ms):.2f} ms; "
            f"{len(statements)} SQL-Abfragen; {size // 1024} KiB HTML"
        )
