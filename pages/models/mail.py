"""Every email the site sends, stored before it is sent so no message is lost while the worker or
the mail server is down (pages/mail.py writes and sends them)."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from ..choices import EmailStatus


class OutgoingEmail(models.Model):
    """One message to one recipient, written in the same transaction as the record it is about.

    Holds personal data (the address, a name, links): each owning app shows its own messages,
    through a proxy model, only to the group that owns the record.
    """

    shown_on_public_pages = False  # sending one leaves cached pages alone (odi_site.caching)

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(max_length=60, help_text="What the message is, e.g. “Registration confirmation”.")
    to = models.EmailField(max_length=254, verbose_name="recipient")
    reply_to = models.EmailField(max_length=254, blank=True)
    subject = models.CharField(max_length=255)
    body = models.TextField()
    attachment_name = models.CharField(max_length=100, blank=True)
    attachment_type = models.CharField(max_length=100, blank=True)
    attachment = models.TextField(blank=True, help_text="A text attachment such as a calendar file.")
    headers = models.JSONField(
        default=dict,
        blank=True,
        help_text="Extra headers such as List-Unsubscribe, the same on every try of this message.",
    )
    message_id = models.CharField(
        max_length=255, unique=True, help_text="The Message-ID header, the same on every try of this message."
    )
    status = models.CharField(max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0, help_text="How many times sending was tried.")
    created_at = models.DateTimeField(default=timezone.now, db_index=True, verbose_name="queued")
    next_attempt_at = models.DateTimeField(default=timezone.now, help_text="When it is due to be tried (again).")
    queued_at = models.DateTimeField(null=True, blank=True, help_text="When a task was last enqueued to send it.")
    locked_until = models.DateTimeField(null=True, blank=True, help_text="A worker is sending it until then.")
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name="sent")
    last_error = models.CharField(
        max_length=200,
        blank=True,
        help_text="The kind of the last failure (never the server's text: it names addresses).",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "email"
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["status", "next_attempt_at"]),
        ]

    def __str__(self):
        return f"{self.kind} to {self.to} ({self.get_status_display()})"


class OwnedEmailManager(models.Manager):
    """The emails about one model's records: what a proxy model (and so its admin) may show."""

    def __init__(self, app_label, model_name):
        super().__init__()
        self.owner = (app_label, model_name)

    def get_queryset(self):
        app_label, model_name = self.owner
        return super().get_queryset().filter(content_type__app_label=app_label, content_type__model=model_name)
