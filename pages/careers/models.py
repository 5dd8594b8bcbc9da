"""Career development: the consultation service page and the requests people send through it."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from odi_site.public_forms import render_form_page
from odi_site.subpages import subpage_url

from ..blocks import BodyStreamBlock
from ..choices import ConsultationRole, ConsultationStatus, ConsultationTopic
from ..models.base import BasePage, SiteSettings
from ..models.mail import OutgoingEmail, OwnedEmailManager
from ..templatetags.dates import day
from .consultations import handle_request


class CareerServicesPage(RoutablePageMixin, BasePage):
    """The career development service: what it is, who it is for, and a consultation request form."""

    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        help_text="What the service is, who it is for, what to expect (and what it cannot promise), FAQ.",
    )
    form_heading = models.CharField(
        max_length=120, default="Request a consultation", help_text="Heading above the request form."
    )
    form_intro = models.TextField(
        max_length=500,
        blank=True,
        help_text="A sentence or two above the form, e.g. how soon the specialist replies.",
    )
    consent_notice = models.TextField(
        max_length=800,
        default=(
            "We use the details you send only to arrange your consultation. They are seen by the career "
            "services team alone and deleted a year after your request is closed."
        ),
        help_text="Shown next to the send button: who sees the details and how long they are kept.",
    )
    consultation_email = models.EmailField(
        blank=True,
        help_text="Where new requests are emailed. Left blank, requests are only kept under Consultation requests.",
    )
    thanks_heading = models.CharField(
        max_length=120, default="Thank you: your request has been sent", help_text="Heading of the confirmation page."
    )
    thanks_text = models.TextField(
        max_length=500,
        default="The career development specialist will email you within three working days to arrange a time.",
        help_text="What happens next, shown on the confirmation page.",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("form_heading"),
                FieldPanel("form_intro"),
                FieldPanel("consent_notice"),
                # Where personal data goes: Career services and administrators only (pages/roles.py).
                FieldPanel("consultation_email", permission="pages.change_consultation_email"),
            ],
            heading="Request form",
        ),
        MultiFieldPanel([FieldPanel("thanks_heading"), FieldPanel("thanks_text")], heading="Confirmation page"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    template = "pages/career_services_page.html"
    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "career services page"
        permissions = [("change_consultation_email", "Can change where consultation requests are emailed")]

    def help_email(self, request):
        """The address shown to visitors who cannot send the form: the page's, else the office's."""
        return self.consultation_email or SiteSettings.for_request(request).email

    def render_form(self, request, form, status=200):
        return render_form_page(self, request, form, status)

    @path("")
    def index_route(self, request, *args, **kwargs):
        return handle_request(self, request, ConsultationRequest.objects)

    @path("thanks/", name="thanks")
    def thanks_route(self, request):
        context = self.get_context(request)
        context.update(heading=self.thanks_heading, message=self.thanks_text)
        return TemplateResponse(request, "message_page.html", context)

    def thanks_redirect(self):
        return redirect(subpage_url(self, "thanks"))


def topic_labels(codes):
    """The topics as the form worded them ("Preparing for a management role"), not their codes."""
    labels = dict(ConsultationTopic.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes or ())


class TopicsPanel(FieldPanel):
    """The read-only topics of a request, shown by their labels (a list field has no choices of its own)."""

    def format_value_for_display(self, value):
        return topic_labels(value)


class ConsultationRequest(models.Model):
    """A request for a career consultation; personal data, seen only by the Career services group."""

    shown_on_public_pages = False  # saving one leaves cached pages alone (odi_site.caching)

    created_at = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="received")
    name = models.CharField(max_length=120)
    email = models.EmailField(max_length=254, verbose_name="work email")
    role = models.CharField(max_length=20, choices=ConsultationRole.choices)
    department = models.CharField(max_length=150)
    topics = models.JSONField(default=list, blank=True, help_text="Topic codes chosen on the form.")
    other_topics = models.TextField(max_length=1000, blank=True, verbose_name="other topics")
    preferred_times = models.TextField(max_length=500, verbose_name="preferred times")
    status = models.CharField(
        max_length=20,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.NEW,
        db_index=True,
        help_text="New until a consultation is booked; closed once it has happened or was declined.",
    )
    closed_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        verbose_name="closed",
        help_text="Set when the status becomes Closed; the request is deleted a retention period later.",
    )
    staff_notes = models.TextField(
        blank=True, help_text="Internal notes for the career services team; never shown to the requester."
    )
    emails = GenericRelation(OutgoingEmail, related_query_name="consultation_request")

    panels = [
        FieldPanel("status"),
        FieldPanel("staff_notes"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("name", read_only=True), FieldPanel("email", read_only=True)]),
                FieldRowPanel([FieldPanel("role", read_only=True), FieldPanel("department", read_only=True)]),
                TopicsPanel("topics", read_only=True),
                FieldPanel("other_topics", read_only=True),
                FieldPanel("preferred_times", read_only=True),
            ],
            heading="Submitted by the requester",
        ),
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "consultation request"

    def __str__(self):
        return f"{self.name} ({day(timezone.localtime(self.created_at))})" if self.created_at else self.name

    def save(self, *args, **kwargs):
        # The retention period (odi_site.retention) runs from closing; reopening stops the clock.
        closed = self.status == ConsultationStatus.CLOSED
        if closed != (self.closed_at is not None):
            self.closed_at = timezone.now() if closed else None
            if (fields := kwargs.get("update_fields")) is not None:
                kwargs["update_fields"] = {*fields, "closed_at"}
        super().save(*args, **kwargs)

    def get_topics_display(self):
        return topic_labels(self.topics)

    get_topics_display.short_description = "topics"


class ConsultationEmail(OutgoingEmail):
    """The emails about consultation requests (to the office, and the requester's acknowledgement)."""

    objects = OwnedEmailManager("pages", "consultationrequest")

    class Meta:
        proxy = True
        verbose_name = "consultation email"
        default_permissions = ("view",)
        permissions = [("resend_consultationemail", "Can send a consultation email again")]
