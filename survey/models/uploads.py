"""A checked survey CSV waiting for its uploader to confirm the import (survey/admin_views.py)."""

from django.conf import settings
from django.db import models


class PendingSurveyUpload(models.Model):
    """The file between "check" and "confirm", in the database so any app server can confirm it.

    Only the user who checked it can confirm it; it expires, and `run_periodic_tasks` removes
    abandoned ones. It holds raw figures (small cells included), so no admin view lists it.
    """

    shown_on_public_pages = False  # saving one leaves cached pages alone (odi_site.caching)

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=255)
    data = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "pending survey upload"

    def __str__(self):
        return self.file_name
