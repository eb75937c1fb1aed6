"""Load the demo catalogue from fixtures/demo/*.yaml (Django fixtures with natural keys).

Safe to run again: on a catalogue that already has content it does nothing
unless --force is given, and with --force it updates the demo objects in place
(natural keys match them) instead of adding duplicates.
"""

import tempfile
from pathlib import Path

import yaml
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from profiles.models import PolicyArea, Profile

DEMO_DIR = Path(settings.BASE_DIR) / "fixtures" / "demo"
TIMESTAMPED = {"profiles.profile", "profiles.practiceexample", "glossary.term"}


RELATION_FIELDS = ("related", "profiles", "members")


def demo_fixture_files(only=None) -> list[Path]:
    """Fixture files in load order (their names start with a number)."""
    files = sorted(DEMO_DIR.glob("*.yaml"))
    if only:
        files = [path for path in files if path.name in set(only)]
    return files


def read_demo_objects(now=None, only=None, skip_relations=False) -> list[dict]:
    """All demo objects, with the timestamps a raw fixture load would leave empty."""
    now = (now or timezone.now()).isoformat()
    objects = []
    for path in demo_fixture_files(only):
        for obj in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            fields = obj.setdefault("fields", {})
            if skip_relations:
                for name in RELATION_FIELDS:
                    fields.pop(name, None)
            if obj["model"] in TIMESTAMPED:
                fields.setdefault("created", now)
                fields.setdefault("updated", fields["created"])
                if fields.get("status") == "veroeffentlicht":
                    fields.setdefault("published_at", fields["created"])
            elif obj["model"] == "profiles.policyarea":
                fields.setdefault("updated", now)
            objects.append(obj)
    return objects


class Command(BaseCommand):
    help = "Lädt den Demo-Katalog (Handlungsfelder, Steckbriefe, Praxisbeispiele)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Auch laden, wenn schon Inhalte da sind (aktualisiert die Demo-Inhalte).",
        )
        parser.add_argument(
            "--only", nargs="+", metavar="DATEI", help="Nur diese Dateien aus fixtures/demo laden."
        )
        parser.add_argument(
            "--skip-relations",
            action="store_true",
            help="Verweise auf andere Steckbriefe auslassen (zum Prüfen einzelner Dateien).",
        )

    def handle(self, *args, force=False, only=None, skip_relations=False, **options):
        if not force and (Profile.objects.exists() or PolicyArea.objects.exists()):
            self.stdout.write("Katalog hat bereits Inhalte – Demo-Katalog nicht neu geladen.")
            return
        objects = read_demo_objects(only=only, skip_relations=skip_relations)
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", encoding="utf-8") as combined:
            yaml.safe_dump(objects, combined, allow_unicode=True)
            combined.flush()
            call_command("loaddata", combined.name, verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo-Katalog geladen: {PolicyArea.objects.count()} Handlungsfelder, "
                f"{Profile.objects.count()} Steckbriefe."
            )
        )
