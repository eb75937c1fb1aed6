"""Delete rejected submissions (with their personal data) after the retention period.

Deletes only submissions in state "abgelehnt" whose state changed more than
--days days ago (default: SUBMISSION_RETENTION_DAYS, 90). Nothing else. Run it
daily, e.g. from cron: ``manage.py delete_rejected_submissions``.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from submissions.models import State, Submission


class Command(BaseCommand):
    help = "Löscht abgelehnte Einsendungen, die älter als die Aufbewahrungsfrist sind."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Aufbewahrungsfrist in Tagen (Voreinstellung: SUBMISSION_RETENTION_DAYS).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Nur zählen, nichts löschen.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.SUBMISSION_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError("Die Frist muss 0 oder mehr Tage betragen.")
        cutoff = timezone.now() - timedelta(days=days)
        expired = Submission.objects.filter(state=State.REJECTED, state_changed__lt=cutoff)
        count = expired.count()
        if not dry_run:
            expired.delete()
        verb = "würden gelöscht" if dry_run else "gelöscht"
        self.stdout.write(f"{count} abgelehnte Einsendung(en) älter als {days} Tage {verb}.")
