"""The newsletter: its sign-up page and the subscribers, whose consent the site records itself."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models.functions import Lower
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from odi_site.caching.page_cache import private
from odi_site.subpages import subpage_url

from ..blocks import BodyStreamBlock
from ..choices import SubscriberStatus
from ..models.base import BasePage, SiteSettings
from ..models.mail import OutgoingEmail
from . import subscriptions
from .links import new_token_key, unsubscribe_url


class NewsletterPage(RoutablePageMixin, BasePage):
    """The newsletter sign-up: what subscribers get, the form, and the confirm and unsubscribe pages."""

    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        help_text="What the newsletter is: what subscribers get, how often, who writes it.",
    )
    form_heading = models.CharField(
        max_length=120, default="Sign up for the newsletter", help_text="Heading above the sign-up form."
    )
    consent_label = models.CharField(
        max_length=300,
        default="Yes, email me the office’s newsletter. I can unsubscribe at any time with the link in every email.",
        help_text="The wording of the consent checkbox. Each sign-up keeps a copy of the wording it agreed to.",
    )
    privacy_notice = models.TextField(
        max_length=800,
        default=(
            "We use your address only to send the newsletter. It is kept by this website, seen only by the "
            "communications team, and never shared. Sign-ups that are not confirmed are deleted after 30 days."
        ),
        help_text="Shown next to the sign-up button: what the address is used for, who sees it, how long it is kept.",
    )
    thanks_heading = models.CharField(
        max_length=120, default="Please check your email", help_text="Heading shown after the form is sent."
    )
    thanks_text = models.TextField(
        max_length=500,
        default=(
            "If this address is not subscribed yet, we have sent it an email with a link to confirm the "
            "subscription. Nothing is sent to you until you confirm."
        ),
        help_text="Shown after every sign-up, new or not, so the page never reveals who is subscribed.",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("form_heading"), FieldPanel("consent_label"), FieldPanel("privacy_notice")],
            heading="Sign-up form",
        ),
        MultiFieldPanel([FieldPanel("thanks_heading"), FieldPanel("thanks_text")], heading="After signing up"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    template = "pages/newsletter_page.html"
    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "newsletter page"

    def help_email(self, request):
        return SiteSettings.for_request(request).email

    def render_form(self, request, form, status=200):
        """The page with its form: private, as the form carries the visitor's own CSRF token."""
        context = self.get_context(request)
        context["form"] = form
        return private(TemplateResponse(request, self.get_template(request), context, status=status))

    def thanks_redirect(self):
        return redirect(subpage_url(self, "thanks"))

    @path("")
    def index_route(self, request, *args, **kwargs):
        return subscriptions.handle_signup(self, request, Subscriber.objects)

    @path("thanks/", name="thanks")
    def thanks_route(self, request):
        context = self.get_context(request)
        context.update(heading=self.thanks_heading, message=self.thanks_text)
        return TemplateResponse(request, "message_page.html", context)

    @path("confirm/", name="confirm")
    def confirm_route(self, request):
        return subscriptions.handle_link(self, request, Subscriber.objects, subscriptions.CONFIRM)

    @path("unsubscribe/", name="unsubscribe")
    def unsubscribe_route(self, request):
        return subscriptions.handle_link(self, request, Subscriber.objects, subscriptions.UNSUBSCRIBE)


class Subscriber(models.Model):
    """Someone who asked for the newsletter, with the consent they gave; Communications approvers only."""

    shown_on_public_pages = False  # saving one leaves cached pages alone (odi_site.caching)

    email = models.EmailField(max_length=254, help_text="Unique, whatever its capitals.")
    name = models.CharField(max_length=120, blank=True)
    status = models.CharField(
        max_length=20, choices=SubscriberStatus.choices, default=SubscriberStatus.PENDING, db_index=True
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False, verbose_name="first signed up")
    requested_at = models.DateTimeField(
        default=timezone.now,
        editable=False,
        db_index=True,
        verbose_name="last asked to confirm",
        help_text="Unconfirmed sign-ups are deleted NEWSLETTER_PENDING_DAYS after this.",
    )
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False, verbose_name="confirmed")
    unsubscribed_at = models.DateTimeField(null=True, blank=True, editable=False, verbose_name="unsubscribed")
    consent_text = models.TextField(
        editable=False, verbose_name="consent given", help_text="The checkbox wording the subscriber agreed to."
    )
    # Signs the subscriber's links (pages/newsletter/links.py); a new key retires the old links.
    token_key = models.CharField(max_length=32, default=new_token_key, editable=False)
    emails = GenericRelation(OutgoingEmail, related_query_name="subscriber")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "newsletter subscriber"
        constraints = [models.UniqueConstraint(Lower("email"), name="pages_subscriber_email_ci_unique")]

    def __str__(self):
        return self.email

    def unsubscribe_link(self):
        """The subscriber's own unsubscribe address, for the export: every issue sent must carry it."""
        page = NewsletterPage.objects.live().first()
        return unsubscribe_url(page, self) if page else ""

    unsubscribe_link.short_description = "unsubscribe link"
