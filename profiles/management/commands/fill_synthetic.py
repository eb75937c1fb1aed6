"""Fill the database with synthetic published Steckbriefe for load tests.

    python manage.py fill_synthetic --count 10000

Adds profiles (slug prefix "synthetisch-"), eight Handlungsfelder if missing and
one Praxisbeispiel per ten profiles, until --count synthetic profiles exist.
Never touches other content. Texts are varied German filler, not facts:
use this on a load-test database only.
"""

import random
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from profiles.caching import bump_content_version
from profiles.models import (
    Bindingness,
    Bundesland,
    Effort,
    Kind,
    PolicyArea,
    PracticeExample,
    Profile,
    Status,
    TaggedExample,
    TaggedProfile,
)

PREFIX = "synthetisch-"
AREAS = [
    "Wohnen",
    "Gewerbe und Handel",
    "Mobilität",
    "Medizinische Versorgung",
    "Freiraum und Landschaft",
    "Energie und Klima",
    "Konversionsflächen",
    "Daseinsvorsorge",
]
SUBJECTS = [
    "Zweckverband",
    "Zweckvereinbarung",
    "Arbeitsgemeinschaft",
    "Gewerbeflächenpool",
    "Flächennutzungsplan",
    "Strukturfonds",
    "Kommunalunternehmen",
    "Ökokonto-Pool",
    "Einzelhandelskonzept",
    "Regionalmanagement",
]
QUALIFIERS = [
    "für kleine Gemeinden",
    "im ländlichen Raum",
    "an der Stadtgrenze",
    "mit Umlage",
    "mit Steuerteilung",
    "mit Paketlösung",
    "für die Region",
    "im Verdichtungsraum",
]
WORDS = (
    "Gemeinde Landkreis Region Ausgleich Lasten Nutzen Vertrag Satzung Fläche Verkehr "
    "Steuer Umlage Fonds Beteiligung Verwaltung Planung Kooperation Haushalt Einnahmen "
    "Infrastruktur Schule Wohnraum Gewerbe Mobilität Versorgung Verfahren Beschluss Rat"
).split()


def _text(rng: random.Random, sentences: int) -> str:
    return " ".join(
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))).capitalize() + "."
        for _ in range(sentences)
    )


class Command(BaseCommand):
    help = "Add synthetic published Steckbriefe for load tests (load-test databases only)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=10000)
        parser.add_argument("--seed", type=int, default=6)

    @transaction.atomic
    def handle(self, *args, count, seed, **options):
        rng = random.Random(seed)
        areas = [PolicyArea.objects.get_or_create(name=name)[0] for name in AREAS]
        existing = Profile.objects.filter(slug__startswith=PREFIX).count()
        now = timezone.now()
        kinds, bindings, efforts = list(Kind), list(Bindingness), list(Effort)
        new_profiles = [
            Profile(
                slug=f"{PREFIX}{n:05d}",
                title=f"{rng.choice(SUBJECTS)} {rng.choice(QUALIFIERS)} Nr. {n}",
                kind=rng.choice(kinds),
                summary=_text(rng, 2)[:400],
                description=_text(rng, 6),
                legal_basis=f"Art. {rng.randint(1, 50)} KommZG",
                burdens_benefits=_text(rng, 4),
                prerequisites=_text(rng, 3),
                opportunities=_text(rng, 3),
                stumbling_blocks=_text(rng, 3),
                steps=_text(rng, 3),
                bindingness=rng.choice(bindings),
                effort=rng.choice(efforts),
                compensation_monetary=rng.random() < 0.5,
                compensation_in_kind=rng.random() < 0.4,
                compensation_package=rng.random() < 0.2,
                small_municipalities=rng.random() < 0.4,
                status=Status.PUBLISHED,
                published_at=now - timedelta(minutes=n),
            )
            for n in range(existing + 1, count + 1)
        ]
        created = Profile.objects.bulk_create(new_profiles, batch_size=1000)
        TaggedProfile.objects.bulk_create(
            [
                TaggedProfile(content_object=profile, tag=area)
                for profile in created
                for area in rng.sample(areas, rng.randint(1, 3))
            ],
            batch_size=2000,
        )
        examples = PracticeExample.objects.bulk_create(
            [
                PracticeExample(
                    slug=f"{PREFIX}beispiel-{profile.slug.removeprefix(PREFIX)}",
                    title=f"Praxisbeispiel zu {profile.title}",
                    summary=_text(rng, 1)[:400],
                    municipalities="Gemeinde A\nGemeinde B\nLandkreis C",
                    state=rng.choice(list(Bundesland)),
                    description=_text(rng, 5),
                    status=Status.PUBLISHED,
                    published_at=profile.published_at,
                )
                for profile in created[::10]
            ],
            batch_size=1000,
        )
        Profile.examples.through.objects.bulk_create(
            [
                Profile.examples.through(practiceexample=example, profile=profile)
                for example, profile in zip(examples, created[::10], strict=True)
            ],
            batch_size=2000,
        )
        TaggedExample.objects.bulk_create(
            [TaggedExample(content_object=e, tag=rng.choice(areas)) for e in examples],
            batch_size=2000,
        )
        bump_content_version()  # bulk_create sends no signals
        self.stdout.write(
            f"{len(created)} synthetische Steckbriefe und {len(examples)} Praxisbeispiele "
            f"angelegt; jetzt {existing + len(created)}."
        )
