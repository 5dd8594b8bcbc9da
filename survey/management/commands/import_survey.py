"""manage.py import_survey FILE [--dry-run]: validate a survey CSV whole, then write it in one transaction."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from survey.importing import MAX_BYTES, import_file
from survey.models import SurveyImport


class Command(BaseCommand):
    help = "Import survey aggregates from a CSV file (format: docs/survey-csv.md). Nothing is written on any error."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to the CSV file.")
        parser.add_argument("--dry-run", action="store_true", help="Validate only; write nothing.")

    def handle(self, *args, file, dry_run=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file")
        if path.stat().st_size > MAX_BYTES:
            raise CommandError(f"{file}: larger than {MAX_BYTES:,} bytes; split it into several files")
        self.interactive = options.get("verbosity", 1) >= 1 and sys.stderr.isatty()
        report = import_file(
            path.read_bytes(),
            dry_run=dry_run,
            progress=self.progress,
            source=SurveyImport.Source.COMMAND_LINE,
            file_name=path.name,
        )
        if self.interactive:
            self.stderr.write("")
        if not report.ok:
            for line in report.messages():
                self.stderr.write(f"{path.name}: {line}")
            raise CommandError(f"{len(report.problems) + report.truncated} problem(s); nothing was written.")
        records = ", ".join(f"{count} {record}" for record, count in sorted(report.records.items()))
        if dry_run:
            self.stdout.write(self.style.SUCCESS(f"Valid: {records}. Nothing written (--dry-run)."))
            return
        written = ", ".join(f"{count} {what}" for what, count in sorted(report.written.items()) if count)
        self.stdout.write(self.style.SUCCESS(f"Imported {records}: {written or 'nothing changed'}."))

    def progress(self, stage, done, total):
        """A one-line progress bar on a terminal; silent when piped or at verbosity 0."""
        if not self.interactive or total < 5000:
            return
        width = 30
        filled = int(width * done / total)
        self.stderr.write(f"\r{stage:<10} [{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,}", ending="")
        self.stderr.flush()
