"""Contact: how to reach and visit the office, and the general enquiries sent from the contact page."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from odi_site.public_forms import render_form_page
from odi_site.subpages import subpage_url

from ..blocks import RICH_TEXT_FEATURES, BodyStreamBlock
from ..choices import EnquirySubject
from ..models.base import BasePage, SiteSettings
from ..models.mail import OutgoingEmail, OwnedEmailManager
from .enquiries import handle_enquiry


class ContactPage(RoutablePageMixin, BasePage):
    """How to reach and visit the office, with a general enquiry form."""

    address = models.TextField(
        blank=True,
        help_text="Where visitors find the office, one line per row. Left blank, the site settings' address is shown.",
    )
    opening_hours = models.TextField(
        blank=True,
        max_length=500,
        help_text="One line per row, e.g. “Monday to Friday, 8:30 am – 5 pm”. Say when the office is closed too.",
    )
    directions = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="How to get here: building and entrance, public transport, parking, the nearest landmark.",
    )
    accessibility_info = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        verbose_name="accessibility information",
        help_text="Step-free route, lifts, accessible parking and restrooms, and how to ask for other arrangements.",
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        help_text="Anything else visitors should know before they get in touch, e.g. an FAQ.",
    )
    form_heading = models.CharField(
        max_length=120, default="Send us a message", help_text="Heading above the enquiry form."
    )
    form_intro = models.TextField(
        max_length=500,
        blank=True,
        help_text="A sentence or two above the form, e.g. how soon the office replies.",
    )
    consent_notice = models.TextField(
        max_length=800,
        default=(
            "We use what you send only to answer your enquiry. It is seen by the office staff who answer "
            "enquiries and deleted a year after your enquiry is handled."
        ),
        help_text="Shown next to the send button: who sees the message and how long it is kept.",
    )
    thanks_heading = models.CharField(
        max_length=120, default="Thank you: your message has been sent", help_text="Heading of the confirmation page."
    )
    thanks_text = models.TextField(
        max_length=500,
        default="The office will reply to the email address you gave, usually within two working days.",
        help_text="What happens next, shown on the confirmation page.",
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("opening_hours"), FieldPanel("directions")],
            heading="Visiting the office",
        ),
        FieldPanel("accessibility_info"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("form_heading"), FieldPanel("form_intro"), FieldPanel("consent_notice")],
            heading="Enquiry form",
            help_text="Where enquiries are emailed is set under Settings > Enquiry settings, by the Office enquiries group.",
        ),
        MultiFieldPanel([FieldPanel("thanks_heading"), FieldPanel("thanks_text")], heading="Confirmation page"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("opening_hours"),
        index.SearchField("directions"),
        index.SearchField("accessibility_info"),
        index.SearchField("body"),
    ]

    template = "pages/contact_page.html"
    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "contact page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        office = SiteSettings.for_request(request)
        context["office_address"] = self.address or office.address
        context["office_phone"] = office.phone
        context["office_email"] = office.email
        return context

    def help_email(self, request):
        """The address shown to visitors who cannot send the form: the office's public one."""
        return SiteSettings.for_request(request).email

    def enquiry_recipient(self, request):
        """Where enquiries are emailed: the enquiry settings, which only Office enquiries may change."""
        return EnquirySettings.for_request(request).recipient

    def render_form(self, request, form, status=200):
        return render_form_page(self, request, form, status)

    @path("")
    def index_route(self, request, *args, **kwargs):
        return handle_enquiry(self, request, Enquiry.objects)

    @path("thanks/", name="thanks")
    def thanks_route(self, request):
        context = self.get_context(request)
        context.update(heading=self.thanks_heading, message=self.thanks_text)
        return TemplateResponse(request, "message_page.html", context)

    def thanks_redirect(self):
        return redirect(subpage_url(self, "thanks"))


@register_setting(icon="mail")
class EnquirySettings(BaseSiteSetting):
    """Where contact-page enquiries are emailed: only the Office enquiries group may change it, as
    the address receives personal data (site settings' public address is the approvers')."""

    recipient = models.EmailField(
        blank=True,
        verbose_name="send enquiries to",
        help_text="The office inbox that answers enquiries. Left blank, enquiries are only kept under Enquiries.",
    )

    panels = [FieldPanel("recipient")]

    class Meta:
        verbose_name = "enquiry settings"


class Enquiry(models.Model):
    """A general enquiry from the contact page; personal data, seen only by the Office enquiries group."""

    shown_on_public_pages = False  # saving one leaves cached pages alone (odi_site.caching)

    created_at = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="received")
    closed_at = models.DateTimeField(
        null=True, blank=True, db_index=True, verbose_name="handled", help_text="When the enquiry was answered."
    )
    name = models.CharField(max_length=120)
    email = models.EmailField(max_length=254)
    phone = models.CharField(max_length=40, blank=True)
    subject = models.CharField(max_length=20, choices=EnquirySubject.choices)
    message = models.TextField(max_length=3000)
    emails = GenericRelation(OutgoingEmail, related_query_name="enquiry")

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("name", read_only=True), FieldPanel("email", read_only=True)]),
                FieldRowPanel([FieldPanel("phone", read_only=True), FieldPanel("subject", read_only=True)]),
                FieldPanel("message", read_only=True),
            ],
            heading="Sent by the visitor",
        ),
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "enquiry"
        verbose_name_plural = "enquiries"

    def __str__(self):
        return f"{self.name} ({self.created_at:%Y-%m-%d})" if self.created_at else self.name

    @property
    def is_handled(self):
        return self.closed_at is not None

    def mark_handled(self):
        """Close the enquiry now; its retention period starts from here (pages.contact.retention)."""
        if self.closed_at is None:
            self.closed_at = timezone.now()
            self.save(update_fields=["closed_at"])


class EnquiryEmail(OutgoingEmail):
    """The office's copies of enquiries, for the Office enquiries group to check and send again."""

    objects = OwnedEmailManager("pages", "enquiry")

    class Meta:
        proxy = True
        verbose_name = "enquiry email"
        default_permissions = ("view",)
        permissions = [("resend_enquiryemail", "Can send an enquiry email again")]
