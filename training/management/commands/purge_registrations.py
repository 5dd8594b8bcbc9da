"""Delete registrations (personal data) of sessions that ended more than DAYS ago (by default
REGISTRATION_RETENTION_DAYS, which run_periodic_tasks applies every minute anyway)."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from training.retention import ended_before


class Command(BaseCommand):
    help = "Delete the registrations of training sessions that ended more than --older-than DAYS ago."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            metavar="DAYS",
            help="Purge registrations of sessions that ended more than this many days ago "
            "(default: the REGISTRATION_RETENTION_DAYS setting).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Only report what would be deleted.")

    def handle(self, *args, older_than=None, dry_run=False, **options):
        if older_than is None:
            older_than = settings.REGISTRATION_RETENTION_DAYS
        if older_than < 0:
            raise CommandError("--older-than must be zero or more days.")
        cutoff = timezone.now() - timedelta(days=older_than)
        registrations = ended_before(older_than)
        count = registrations.count()
        sessions = registrations.values("session_id").distinct().count()
        if dry_run:
            self.stdout.write(
                f"Dry run: would delete {count} registration(s) from {sessions} session(s) "
                f"that ended before {timezone.localtime(cutoff):%Y-%m-%d %H:%M}."
            )
            return
        with transaction.atomic():
            deleted, _by_model = registrations.delete()
        self.stdout.write(self.style.SUCCESS(f"Deleted {deleted} registration(s) from {sessions} session(s)."))
