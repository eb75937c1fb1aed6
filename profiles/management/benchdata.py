"""Synthetic catalogue content for benchmarks and load tests.

``fill(n)`` creates n published profiles with realistic German text, Handlungs-
felder and facts, deterministic for a given seed. Their slugs start with
``bench-`` so they are easy to recognise and remove; a database that holds
other profiles is refused (see ``ensure_bench_only``). Reused by
``manage.py bench`` (and ``--fill-only`` for other load tests).
"""

import random
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from profiles.models import (
    NATIONWIDE,
    Bindingness,
    Bundesland,
    Effort,
    Kind,
    Land,
    PolicyArea,
    PracticeExample,
    Profile,
    ProjectStatus,
    Status,
    TaggedExample,
    TaggedProfile,
)
from search import registry
from search.index import reindex

SLUG_PREFIX = "bench-"

POLICY_AREAS = [
    "Wohnen",
    "Gewerbe und Handel",
    "Mobilität",
    "Medizinische Versorgung",
    "Freiraum und Landschaft",
    "Energie und Klimaschutz",
    "Konversionsflächen",
    "Bildung und Betreuung",
]

SUBJECTS = {
    Kind.ORGANISATION: [
        "Zweckverband",
        "Zweckvereinbarung",
        "Kommunale Arbeitsgemeinschaft",
        "Gemeinsames Kommunalunternehmen",
        "Planungsverband",
        "Eingetragener Verein",
        "Regionalmanagement",
        "Interkommunale GmbH",
    ],
    Kind.INSTRUMENT: [
        "Gemeinsamer Flächennutzungsplan",
        "Interkommunales Gewerbegebiet",
        "Regionales Einzelhandelskonzept",
        "Städtebaulicher Vertrag",
        "Raumordnerischer Vertrag",
        "Regionaler Gewerbeflächenpool",
        "Ökokonto-Pool",
        "Gemeinsames Wohnbauflächenmanagement",
        "Mobilitätsstrategie",
    ],
    Kind.COMPENSATION: [
        "Steuerteilung",
        "Interkommunaler Fonds",
        "Strukturfonds",
        "Umlage nach Einwohnern",
        "Paketlösung",
        "Nutzungsgebühr",
        "Flächentausch",
        "Infrastrukturabgabe",
    ],
}
TOPICS = [
    "Abwasser",
    "Schulwege",
    "Hausarztversorgung",
    "Radschnellweg",
    "Breitband",
    "Badebus",
    "Park-and-Ride",
    "Kinderbetreuung",
    "Feuerwehr",
    "Windenergie",
    "Nahwärme",
    "Ausgleichsflächen",
    "Bauhof",
    "Tourismus",
    "Bauleitplanung",
    "Bahnhofsumfeld",
]
REGIONS = [
    "Oberland",
    "Würmtal",
    "Ampertal",
    "Neckar-Alb",
    "Rendsburg",
    "Ebersberger Land",
    "Dachauer Land",
    "Isartal",
    "Hügelland",
    "Altmühltal",
    "Vogelsberg",
    "Südheide",
]
ACTORS = [
    "die beteiligten Gemeinden",
    "der Landkreis",
    "die Nachbarstädte",
    "die Verwaltungsgemeinschaft",
    "die Mitgliedskommunen",
    "kleine Gemeinden ohne Fachpersonal",
]
VERBS = [
    "teilen sich",
    "finanzieren gemeinsam",
    "planen zusammen",
    "verteilen fair",
    "gleichen aus",
    "vereinbaren vertraglich",
]
OBJECTS = [
    "die Kosten der Erschließung",
    "die Gewerbesteuereinnahmen",
    "die Lasten des Verkehrs",
    "die Flächen für Ausgleichsmaßnahmen",
    "den Betrieb der Einrichtung",
    "die Einnahmen aus Grundsteuer",
    "die Folgekosten für Straßen",
    "den Nutzen neuer Arbeitsplätze",
]
CLAUSES = [
    "nach einem festen Schlüssel",
    "über einen gemeinsamen Fonds",
    "für mindestens fünf Jahre",
    "auf Grundlage einer Satzung",
    "mit Zustimmung aller Räte",
    "nach der Einwohnerzahl",
    "nach dem Anteil an der Fläche",
]
LAWS = [
    "Art. 7 KommZG",
    "Art. 17–48 KommZG",
    "§ 204 BauGB",
    "§ 205 BauGB",
    "§ 11 BauGB",
    "Art. 49–50 KommZG",
]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def sentence(rng) -> str:
    return (
        f"{upper_first(rng.choice(ACTORS))} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
        f"{rng.choice(CLAUSES)}."
    )


def paragraph(rng, sentences=(2, 5)) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(*sentences)))


def policy_areas() -> list[PolicyArea]:
    areas = []
    for name in POLICY_AREAS:
        area = PolicyArea.objects.filter(name=name).first()
        areas.append(area or PolicyArea.objects.create(name=name))
    return areas


def build_profile(rng, number, now) -> Profile:
    kind = rng.choice(list(SUBJECTS))
    title = f"{rng.choice(SUBJECTS[kind])} {rng.choice(TOPICS)} {rng.choice(REGIONS)}"
    published = now - timedelta(days=rng.randint(1, 2000))
    return Profile(
        kind=kind,
        title=title,
        slug=f"{SLUG_PREFIX}{number:05d}",
        summary=sentence(rng),
        description=paragraph(rng, (3, 6)),
        legal_basis=f"{rng.choice(LAWS)}. {sentence(rng)}",
        burdens_benefits=paragraph(rng),
        prerequisites=paragraph(rng, (1, 3)),
        opportunities=paragraph(rng, (1, 3)),
        stumbling_blocks=paragraph(rng, (1, 3)),
        steps="\n".join(f"- {sentence(rng)}" for _ in range(rng.randint(2, 5))),
        contact="Geschäftsstelle, Telefon 089 000000",
        bindingness=rng.choice(Bindingness.values),
        effort=rng.choice(Effort.values),
        compensation_monetary=rng.random() < 0.5,
        compensation_in_kind=rng.random() < 0.3,
        compensation_package=rng.random() < 0.15,
        small_municipalities=rng.random() < 0.4,
        status=Status.PUBLISHED,
        published_at=published,
        last_reviewed=published.date(),
    )


def scope_codes(rng) -> list[str]:
    """Geltungsbereich: a third bundesweit, the others one or two Länder."""
    if rng.random() < 0.33:
        return [NATIONWIDE]
    return rng.sample(Bundesland.values, rng.choice([1, 1, 2]))


def ensure_bench_only():
    """Refuse a database with real content: the benchmark needs its own."""
    others = Profile.objects.exclude(slug__startswith=SLUG_PREFIX).count()
    if others:
        raise RuntimeError(
            f"Die Datenbank enthält {others} Steckbriefe, die nicht vom Benchmark stammen. "
            "Der Benchmark braucht eine eigene Datenbank (BENCH_DATABASE_URL)."
        )


def fill(n=10_000, seed=20250301, batch_size=1000, log=print) -> int:
    """Replace the bench profiles by n new ones; returns n."""
    ensure_bench_only()
    rng = random.Random(seed)
    scope_rng = random.Random(seed + 1)  # its own stream: the other data stay as before
    now = timezone.now()
    Land.ensure_rows()
    with transaction.atomic():
        Profile.objects.filter(slug__startswith=SLUG_PREFIX).delete()
        areas = policy_areas()
        for start in range(0, n, batch_size):
            profiles = Profile.objects.bulk_create(
                build_profile(rng, number, now)
                for number in range(start + 1, min(n, start + batch_size) + 1)
            )
            taggings = [
                TaggedProfile(content_object=profile, tag=area)
                for profile in profiles
                for area in rng.sample(areas, rng.choice([1, 1, 2, 2, 3]))
            ]
            TaggedProfile.objects.bulk_create(taggings)
            Profile.scope.through.objects.bulk_create(
                Profile.scope.through(profile_id=profile.pk, land_id=code)
                for profile in profiles
                for code in scope_codes(scope_rng)
            )
            log(f"  {start + len(profiles)} Steckbriefe angelegt")
    log("  Suchindex wird aufgebaut …")
    reindex(
        registry.get("steckbriefe"),
        Profile.objects.filter(slug__startswith=SLUG_PREFIX),
        batch_size=1000,
    )
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Fresh statistics and visibility map (index-only scans for facets);
        # statistics for every table the profiles fill (tags, Geltungsbereich
        # links), as autovacuum would keep them: without them the planner
        # misjudges a Land filter by 30× and sorts every match (563 ms → 3 ms
        # at 100,000 entries).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE profiles_profile")
            cursor.execute("ANALYZE")
    return n


EXAMPLE_PREFIX = "bench-beispiel-"


def build_example(rng, number, now) -> PracticeExample:
    published = now - timedelta(days=rng.randint(1, 2000))
    return PracticeExample(
        title=f"Beispiel {rng.choice(TOPICS)} {rng.choice(REGIONS)} {number}",
        slug=f"{EXAMPLE_PREFIX}{number:05d}",
        summary=sentence(rng),
        municipalities="\n".join(f"Gemeinde {rng.choice(REGIONS)}" for _ in range(3)),
        region=rng.choice(REGIONS),
        state=rng.choice(Bundesland.values),
        period="seit 2019",
        project_status=rng.choice(ProjectStatus.values),
        description=paragraph(rng, (3, 6)),
        status=Status.PUBLISHED,
        published_at=published,
        last_reviewed=published.date(),
    )


def ensure_examples(n, seed=20250302, batch_size=1000, log=print) -> int:
    """One published Praxisbeispiel per ten bench profiles (tagged, linked to 1–3
    profiles), unless they are there already; returns how many there are."""
    wanted = max(1, n // 10)
    existing = PracticeExample.objects.filter(slug__startswith=EXAMPLE_PREFIX).count()
    if existing == wanted:
        return existing
    rng = random.Random(seed)
    now = timezone.now()
    profile_ids = list(
        Profile.objects.filter(slug__startswith=SLUG_PREFIX).values_list("pk", flat=True)
    )
    links = PracticeExample.profiles.through
    with transaction.atomic():
        PracticeExample.objects.filter(slug__startswith=EXAMPLE_PREFIX).delete()
        areas = policy_areas()
        for start in range(0, wanted, batch_size):
            examples = PracticeExample.objects.bulk_create(
                build_example(rng, number, now)
                for number in range(start + 1, min(wanted, start + batch_size) + 1)
            )
            TaggedExample.objects.bulk_create(
                TaggedExample(content_object=example, tag=area)
                for example in examples
                for area in rng.sample(areas, rng.choice([1, 2]))
            )
            links.objects.bulk_create(
                links(practiceexample_id=example.pk, profile_id=profile_id)
                for example in examples
                for profile_id in rng.sample(profile_ids, rng.randint(1, 3))
            )
            log(f"  {start + len(examples)} Praxisbeispiele angelegt")
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:  # fresh statistics for the planner
            cursor.execute("ANALYZE")
    return wanted
