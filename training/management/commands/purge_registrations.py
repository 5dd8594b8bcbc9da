"""Delete registrations (personal data) of sessions that ended more than DAYS ago."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from training.models import Registration


class Command(BaseCommand):
    help = "Delete the registrations of training sessions that ended more than --older-than DAYS ago."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            required=True,
            metavar="DAYS",
            help="Purge registrations of sessions that ended more than this many days ago.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Only report what would be deleted.")

    def handle(self, *args, older_than, dry_run=False, **options):
        if older_than < 0:
            raise CommandError("--older-than must be zero or more days.")
        cutoff = timezone.now() - timedelta(days=older_than)
        registrations = Registration.objects.filter(session__end__lt=cutoff)
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
