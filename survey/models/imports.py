"""The import log: one row per survey CSV written, so staff can see who imported what and when."""

from django.conf import settings
from django.db import models

from .data import Administration


class SurveyImport(models.Model):
    """A successful survey CSV import, written by the importer itself and never edited by hand."""

    shown_on_public_pages = False  # an internal log: saving it leaves cached pages alone (odi_site.caching)

    class Source(models.TextChoices):
        ADMIN_UPLOAD = "admin", "Admin upload"
        COMMAND_LINE = "command", "Command line"

    created_at = models.DateTimeField("imported at", auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who confirmed the upload; empty for the command line or a since-deleted user.",
    )
    source = models.CharField(max_length=10, choices=Source.choices, help_text="Where the import was started.")
    file_name = models.CharField(max_length=255, blank=True, help_text="The imported file's name, without its folder.")
    administration = models.ForeignKey(
        Administration,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imports",
        help_text="The administration the file held; empty when it held several or none, or it was deleted since.",
    )
    rows_in_file = models.PositiveIntegerField(help_text="Data rows (records) in the file.")
    rows_written = models.PositiveIntegerField(
        help_text="Database rows created or updated; 0 when the file matched what was already stored."
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        # Rows are written by imports only; "view" is the one permission that means anything.
        default_permissions = ("view",)

    def __str__(self):
        return self.file_name or "Unnamed file"

    def imported_by(self):
        """The user's name, or where the import came from when no user is recorded."""
        if self.user is not None:
            return self.user.get_full_name().strip() or self.user.get_username()
        if self.source == self.Source.COMMAND_LINE:
            return "command line"
        return "deleted user"

    imported_by.short_description = "who"
