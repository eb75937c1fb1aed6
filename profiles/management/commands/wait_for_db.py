"""Wait until the database accepts connections (the container's entry script runs this)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection


class Command(BaseCommand):
    help = "Wait until the database accepts connections, or fail after --timeout seconds."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=60.0)
        parser.add_argument("--interval", type=float, default=1.0)

    def handle(self, *args, timeout, interval, **options):
        deadline = time.monotonic() + timeout
        while True:
            try:
                connection.ensure_connection()
                with connection.cursor() as cursor:
                    cursor.execute("SELECT 1")
                self.stdout.write("Database is ready.")
                return
            except DatabaseError as error:
                connection.close()
                if time.monotonic() >= deadline:
                    raise CommandError(
                        f"Database not reachable after {timeout:g} s: {error}"
                    ) from error
                time.sleep(interval)
