"""List the source addresses of Steckbriefe and Praxisbeispiele that no longer answer.

    manage.py check_sources                      # all sources, 8 at a time, 10 s timeout
    manage.py check_sources --workers 4 --timeout 5 --published-only --fail

Each distinct address is checked once (HEAD, then GET where HEAD is refused); the report
names every Steckbrief or Praxisbeispiel that cites a broken one, with its admin address,
so an editor can replace the source. Nothing is written to the database.
"""

from collections import defaultdict

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from profiles.editorial.link_check import check_urls
from profiles.models import ExampleSource, PracticeExample, Profile, ProfileSource


class Command(BaseCommand):
    help = "Prüft alle Quellenadressen über HTTP und listet die nicht erreichbaren auf."

    def add_arguments(self, parser):
        parser.add_argument(
            "--workers", type=int, default=8, help="Höchstens so viele Anfragen gleichzeitig."
        )
        parser.add_argument(
            "--timeout", type=float, default=10.0, help="Sekunden je Anfrage (Standard 10)."
        )
        parser.add_argument(
            "--published-only",
            action="store_true",
            help="Nur Quellen veröffentlichter Steckbriefe und Praxisbeispiele prüfen.",
        )
        parser.add_argument(
            "--fail",
            action="store_true",
            help="Mit Fehlercode enden, wenn eine Adresse nicht erreichbar ist (für Cron/CI).",
        )

    def handle(self, *args, workers, timeout, published_only, fail, **options):
        if workers < 1 or workers > 64:
            raise CommandError("--workers muss zwischen 1 und 64 liegen.")
        if timeout <= 0:
            raise CommandError("--timeout muss größer als 0 sein.")
        users = defaultdict(list)  # url -> [(label, admin path)]
        profile_sources = ProfileSource.objects.select_related("parent")
        example_sources = ExampleSource.objects.select_related("parent")
        if published_only:
            profile_sources = profile_sources.filter(parent__in=Profile.objects.published())
            example_sources = example_sources.filter(parent__in=PracticeExample.objects.published())
        for source in profile_sources.order_by("parent__title", "position"):
            admin = reverse("admin:profiles_profile_change", args=[source.parent_id])
            users[source.url].append((f"Steckbrief „{source.parent.title}“", admin))
        for source in example_sources.order_by("parent__title", "position"):
            admin = reverse("admin:profiles_practiceexample_change", args=[source.parent_id])
            users[source.url].append((f"Praxisbeispiel „{source.parent.title}“", admin))

        results = check_urls(users, workers=workers, timeout=timeout)
        broken = [result for result in results if not result.ok]
        for result in broken:
            self.stdout.write(f"NICHT ERREICHBAR ({result.reason}): {result.url}")
            for label, admin in users[result.url]:
                self.stdout.write(f"    {label} – {admin}")
        summary = f"{len(results)} Adressen geprüft, {len(broken)} nicht erreichbar."
        self.stdout.write(self.style.WARNING(summary) if broken else self.style.SUCCESS(summary))
        if broken and fail:
            raise CommandError(f"{len(broken)} Quellenadressen sind nicht erreichbar.")
