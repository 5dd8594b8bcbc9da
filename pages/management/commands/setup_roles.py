from django.core.management.base import BaseCommand

from pages.roles import WORKFLOW_NAME, setup_roles


class Command(BaseCommand):
    help = "Create the Communications editors/approvers groups and the review workflow (safe to rerun)."

    def handle(self, *args, **options):
        groups, _ = setup_roles()
        self.stdout.write(f"Groups ready: {', '.join(groups)}. Workflow “{WORKFLOW_NAME}” covers every page.")
