"""Create a first admin account for trying the demo, with a random password shown once."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"


class Command(BaseCommand):
    help = "Create superuser “admin” with a random password, unless a superuser already exists."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="The port `make run` serves on.")

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("A superuser already exists; use `make superuser` to create another.")
            return
        if User.objects.filter(**{User.USERNAME_FIELD: USERNAME}).exists():
            raise CommandError(
                f"A user named “{USERNAME}” exists but is not a superuser; use `make superuser` instead."
            )
        # Never a fixed password: demo databases get copied to shared machines more often than planned.
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(USERNAME, "admin@example.edu", password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Log in at http://127.0.0.1:{options['port']}/admin/ as {USERNAME} / {password} — shown once; change it after logging in."
            )
        )
