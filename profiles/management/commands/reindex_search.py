"""Rebuild the search columns of all profiles (normally kept up to date by signals)."""

from django.core.management.base import BaseCommand

from profiles.search import reindex_profiles


class Command(BaseCommand):
    help = "Baut den Suchindex aller Steckbriefe neu auf (z. B. nach einem Massenimport)."

    def handle(self, *args, **options):
        count = reindex_profiles()
        self.stdout.write(self.style.SUCCESS(f"Suchindex für {count} Steckbriefe neu aufgebaut."))
