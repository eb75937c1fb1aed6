"""Import a catalogue file from the shell: all rows valid, or nothing is written."""

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import override_settings
from tqdm import tqdm

from profiles.editorial.catalogue_files import (
    FORMATS,
    CatalogueFileError,
    describe_errors,
    guess_format,
    read_catalogue,
)
from profiles.editorial.resources import TABLES, import_catalogue


class Command(BaseCommand):
    help = (
        "Importiert Handlungsfelder, Steckbriefe und Praxisbeispiele aus einer Datei "
        "(XLSX, JSON) oder einem CSV-Verzeichnis. Ist eine Zeile fehlerhaft, wird nichts "
        "gespeichert und jede fehlerhafte Zeile genannt."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="Datei (.xlsx, .json, .csv) oder CSV-Verzeichnis")
        parser.add_argument("--format", choices=FORMATS, help="sonst aus der Endung")
        parser.add_argument(
            "--tabelle",
            choices=[name for name, _resource in TABLES],
            help="Tabelle einer einzelnen CSV-/JSON-Liste, sonst aus dem Dateinamen",
        )
        parser.add_argument("--dry-run", action="store_true", help="nur prüfen, nichts speichern")
        parser.add_argument(
            "--max-zeilen",
            type=int,
            default=None,
            help="höchstens so viele Zeilen je Tabelle (Vorgabe: IMPORT_SHELL_MAX_ROWS)",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="keinen Fortschrittsbalken zeigen"
        )

    def handle(self, source, format=None, tabelle=None, dry_run=False, **options):
        # The shell has no worker timeout: a higher row limit than the admin's.
        limit = options.get("max_zeilen") or settings.IMPORT_SHELL_MAX_ROWS
        with override_settings(IMPORT_MAX_ROWS=limit):
            self.import_file(Path(source), format, tabelle, dry_run, **options)

    def import_file(self, path, format, tabelle, dry_run, **options):
        try:
            file_format = format or guess_format(path)
            datasets = read_catalogue(path, file_format, tabelle)
        except CatalogueFileError as error:
            raise CommandError(str(error)) from error
        total = sum(len(dataset) for dataset in datasets.values())
        with tqdm(
            total=total,
            unit="Zeilen",
            desc="Prüfen" if dry_run else "Importieren",
            file=sys.stderr,
            disable=options["no_progress"] or None,
        ) as progress:
            results = import_catalogue(
                datasets, dry_run=dry_run, progress=progress, comment=f"Import aus {path.name}"
            )
        errors = [line for table, result in results for line in describe_errors(table, result)]
        for table, result in results:
            totals = result.totals
            self.stdout.write(
                f"{table}: {totals['new']} neu, {totals['update']} geändert, "
                f"{totals['skip']} unverändert, {totals['invalid'] + totals['error']} fehlerhaft"
            )
        if errors:
            for line in errors:
                self.stderr.write(line)
            raise CommandError(
                f"{len(errors)} Fehler – es wurde nichts gespeichert. Bitte korrigieren und "
                "erneut importieren."
            )
        if dry_run:
            self.stdout.write(self.style.SUCCESS("Probelauf ohne Fehler: nichts gespeichert."))
        else:
            self.stdout.write(self.style.SUCCESS(f"{total} Zeilen importiert."))
