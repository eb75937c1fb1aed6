"""Rebuild the search index of every searchable kind (normally kept up to date by signals)."""

from django.core.management.base import BaseCommand

from search.index import reindex


class Command(BaseCommand):
    help = (
        "Baut den Suchindex aller Steckbriefe, Praxisbeispiele, Handlungsfelder "
        "(und des Glossars) neu auf, z. B. nach einem Massenimport."
    )

    def handle(self, *args, **options):
        count = reindex()
        self.stdout.write(self.style.SUCCESS(f"Suchindex für {count} Einträge neu aufgebaut."))
