"""Export the whole catalogue (drafts included) as CSV, XLSX or JSON."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from profiles.editorial.catalogue_files import (
    FORMATS,
    CatalogueFileError,
    guess_format,
    write_catalogue,
)


class Command(BaseCommand):
    help = (
        "Exportiert den ganzen Katalog (Handlungsfelder, Steckbriefe, Praxisbeispiele, "
        "auch Entwürfe). XLSX: eine Mappe mit drei Blättern; JSON: ein Objekt; CSV: ein "
        "Verzeichnis mit drei Dateien."
    )

    def add_arguments(self, parser):
        parser.add_argument("target", help="Zieldatei (.xlsx, .json) oder Verzeichnis (CSV)")
        parser.add_argument("--format", choices=FORMATS, help="sonst aus der Endung")

    def handle(self, target, format=None, **options):
        path = Path(target)
        try:
            file_format = format or guess_format(path)
            written = write_catalogue(path, file_format)
        except CatalogueFileError as error:
            raise CommandError(str(error)) from error
        for file in written:
            self.stdout.write(f"geschrieben: {file}")
