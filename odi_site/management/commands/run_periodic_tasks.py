import logging

from django.core.management.base import BaseCommand, CommandError
from wagtail import hooks

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Run the site's periodic jobs once (reminders, email retries, clean-ups); schedule it every minute. "
        "Each app registers its jobs with the register_periodic_task hook; they only queue work for the task worker."
    )

    def handle(self, *args, **options):
        failed = []
        for job in hooks.get_hooks("register_periodic_task"):
            name = f"{job.__module__}.{job.__name__}"
            try:
                result = job()
            except Exception:
                logger.exception("Periodic task %s failed", name)
                failed.append(name)
            else:
                if options["verbosity"] > 1:
                    self.stdout.write(f"{name}: {result}")
        if failed:
            raise CommandError(f"Failed: {', '.join(failed)}")
