"""Campus diversity events: categories, the events index (with its feeds and calendar) and events."""

from django.core.exceptions import ValidationError
from django.core.validators import slug_unicode_re
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from odi_site.caching.restrictions import public
from odi_site.caching.version import versioned
from odi_site.calendars import calendar_response
from odi_site.json_ld import json_ld_script
from odi_site.pagination import paginate
from odi_site.subpages import subpage_url

from ..blocks import BodyStreamBlock
from ..models.base import BasePage, SiteSettings, in_order, with_listing_images
from ..people.models import Person
from ..people.schema import person_json_ld
from .feeds import UpcomingEventsAtomFeed, UpcomingEventsFeed
from .listing import calendar_item, event_json_ld

EVENTS_PER_PAGE = 12


class EventCategory(models.Model):
    """A kind of event (Training, Seminar, Community Voices, Heritage Month) visitors can filter by."""

    name = models.CharField(max_length=80, unique=True, help_text="Shown on event pages and in the filter.")
    slug = models.SlugField(
        max_length=80, unique=True, help_text="Used in filter addresses, e.g. /events/?category=community-voices."
    )
    description = models.CharField(
        max_length=250, blank=True, help_text="Optional sentence on what events of this kind are about."
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = "event category"
        verbose_name_plural = "event categories"

    def __str__(self):
        return self.name


def soonest_end(events):
    """When the first of `events` ends: a cached list of upcoming events is true until then."""
    return min((event.end for event in events), default=None)


def with_teaser_images(queryset):
    """Events with their category and teaser/hero images and renditions, in a fixed number of queries."""
    return with_listing_images(queryset).select_related("category")


class EventIndexPage(RoutablePageMixin, BasePage):
    """The events section: upcoming events first, past events, category filter, feeds and a calendar."""

    body = StreamField(BodyStreamBlock(), blank=True, help_text="Optional text above the list of events.")
    empty_message = models.CharField(
        max_length=250,
        default="No upcoming events are listed right now. New events appear here as soon as they are scheduled.",
        help_text="Shown when no upcoming events match.",
    )

    content_panels = BasePage.content_panels + [FieldPanel("body"), FieldPanel("empty_message")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    template = "pages/event_index_page.html"
    cache_query_params = ("category", "event", "page")
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = "event index page"

    def events(self):
        """Live, public events in this section, with what lists and teasers show."""
        return with_teaser_images(public(EventPage.objects.live().child_of(self)).defer_streamfields())

    def upcoming_events(self):
        """Events that have not ended yet, soonest first (the home page takes the first three)."""
        return self.events().filter(end__gte=timezone.now()).order_by("start", "pk")

    def past_events(self):
        return self.events().filter(end__lt=timezone.now()).order_by("-start", "-pk")

    def category_filter(self, request, events):
        """Apply ?category=<slug>; returns (events, chosen category or None, every category)."""
        categories = versioned("pages:event-categories", lambda: list(EventCategory.objects.all()))
        slug = request.GET.get("category", "")
        chosen = next((c for c in categories if c.slug == slug), None)
        if chosen is not None:
            events = events.filter(category=chosen)
        return events, chosen, categories

    def listing_context(self, request, events, view):
        """One page of event ids (the cards' fragment key); the events load on a fragment miss."""
        events, chosen, categories = self.category_filter(request, events)
        page_obj = paginate(events.values_list("pk", flat=True), request.GET.get("page"), EVENTS_PER_PAGE)
        ids = list(page_obj)
        query = f"category={chosen.slug}" if chosen else ""
        return {
            "events": SimpleLazyObject(lambda: EventPage.teasers(ids)),
            "event_ids": ids,
            "page_obj": page_obj,
            "category": chosen,
            "categories": categories,
            "pagination_query": query,
            "view": view,
        }

    @path("")
    def index_route(self, request, *args, **kwargs):
        context = self.get_context(request)
        context.update(self.listing_context(request, self.upcoming_events(), "upcoming"))
        return TemplateResponse(request, self.get_template(request), context)

    @path("past/", name="past")
    def past_route(self, request):
        context = self.get_context(request)
        context.update(self.listing_context(request, self.past_events(), "past"))
        number = context["page_obj"].number
        context.update(
            # Its own address for search engines: page 2 and on are pages of their own too.
            canonical_url=subpage_url(
                self, "past", request=request, full=True, query={"page": number} if number > 1 else None
            ),
            meta_title=f"Past events | {self.seo_title or self.title}",
            meta_description=(
                f"{self.title} that have already taken place: talks, trainings and community events, newest first."
            ),
        )
        return TemplateResponse(request, self.get_template(request), context)

    def get_sitemap_urls(self, request=None):
        """The past events list is a view of its own for search engines."""
        urls = super().get_sitemap_urls(request)
        return [
            *urls,
            *({**entry, "location": subpage_url(self, "past", request=request, full=True)} for entry in urls[:1]),
        ]

    @path("feed/", name="feed")
    def feed_route(self, request):
        return UpcomingEventsFeed(self)(request)

    @path("feed/atom/", name="atom_feed")
    def atom_feed_route(self, request):
        return UpcomingEventsAtomFeed(self)(request)

    # Wagtail's page URLs cannot contain dots, so the file is served at calendar/ (named events.ics);
    # ?event=<slug> gives one event's file, for "add to your calendar" on its page.
    @path("calendar/", name="calendar")
    def calendar_route(self, request):
        events = public(EventPage.objects.live().child_of(self)).defer_streamfields().select_related("category")
        slug = request.GET.get("event")
        if slug:
            # Only a possible slug is looked up: PostgreSQL refuses e.g. a NUL byte in a query.
            event = events.filter(slug=slug).first() if slug_unicode_re.match(slug) else None
            if event is None:
                raise Http404("No such event")
            return calendar_response(event.title, [calendar_item(event, request)], event.slug)
        events = events.filter(end__gte=timezone.now()).order_by("start", "pk")
        return calendar_response(self.title, [calendar_item(event, request) for event in events], "events")


class EventPage(BasePage):
    """One campus event: when and where, who it is for, how to register and how to ask for access needs."""

    # Defaults let code create a draft before its dates are known (the demo loader does);
    # the admin form requires both.
    start = models.DateTimeField(default=timezone.now, help_text="When the event starts (campus time).")
    end = models.DateTimeField(
        default=timezone.now, help_text="When it ends; for an all-day event, any time on the last day."
    )
    all_day = models.BooleanField(default=False, help_text="Tick for events that run all day: times are not shown.")
    location = models.CharField(
        max_length=250, blank=True, help_text="Building and room, e.g. “Farrell Learning Center, Room 213”."
    )
    online_url = models.URLField(
        blank=True, verbose_name="online link", help_text="Link to join online; fill in this, a location or both."
    )
    category = models.ForeignKey(
        EventCategory,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text="What kind of event this is; visitors filter by it.",
    )
    audience = models.CharField(
        max_length=150, blank=True, help_text="Who it is for, e.g. “All staff, faculty and students”."
    )
    cost = models.CharField(
        max_length=100, blank=True, default="Free", help_text="e.g. “Free” or “$10, lunch included”."
    )
    registration_url = models.URLField(
        blank=True,
        verbose_name="registration link",
        help_text="Where to register; leave blank if no registration is needed.",
    )
    accessibility_note = models.TextField(
        max_length=600,
        blank=True,
        verbose_name="accessibility and accommodations",
        help_text="Step-free access, captioning, interpreters, and who to contact for accommodations.",
    )
    contact = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who visitors can ask about the event (shown with their email and phone).",
    )
    body = StreamField(BodyStreamBlock(), blank=True, help_text="What the event is about, speakers, agenda.")

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("all_day")], heading="Date and time"
        ),
        MultiFieldPanel([FieldPanel("location"), FieldPanel("online_url")], heading="Where"),
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldPanel("audience"),
                FieldPanel("cost"),
                FieldPanel("registration_url"),
                FieldPanel("accessibility_note"),
            ],
            heading="Details",
        ),
        FieldPanel("contact"),
        InlinePanel("speakers", heading="Speakers", label="Speaker", help_text="In the order they are listed."),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("location"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]

    template = "pages/event_page.html"
    parent_page_types = ["pages.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "event page"
        indexes = [models.Index(fields=["end", "start"], name="pages_event_end_start")]

    @classmethod
    def teasers(cls, ids):
        """The events with these ids, in that order, with what their cards show."""
        return in_order(with_teaser_images(cls.objects.filter(pk__in=ids).defer_streamfields()), ids)

    def clean_fields(self, exclude=None):
        """Also compares the dates, unless a form already refused one of them.

        A form excludes a field it found blank or invalid, and the model then still holds the
        default for it: comparing with that would add a misleading "cannot end before it starts"
        next to "This field is required".
        """
        errors = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        checked = {"start", "end"} - set(exclude or ()) - set(errors)
        if checked == {"start", "end"} and self.end < self.start:
            errors.setdefault("end", []).append("The event cannot end before it starts.")
        if errors:
            raise ValidationError(errors)

    def clean(self):
        super().clean()
        if not self.location and not self.online_url:
            raise ValidationError({"location": "Give a location, an online link, or both."})

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def local_start(self):
        return timezone.localtime(self.start)

    @property
    def local_end(self):
        return timezone.localtime(self.end)

    @property
    def same_day(self):
        return self.local_start.date() == self.local_end.date()

    @cached_property
    def attendance_mode(self):
        if self.location and self.online_url:
            return "mixed"
        return "online" if self.online_url else "in_person"

    def event_people(self):
        """The contact and the speakers ({"person", "role"}), with photos and renditions, in three
        queries. Plain values, not the speaker rows: those hold the page itself, which must not go
        into the shared cache with them. In a preview the rows come from the edit form."""
        rows = [(row.person_id, row.role) for row in self.speakers.all()]
        ids = {pk for pk, _role in rows} | ({self.contact_id} - {None})
        people = Person.with_photos().in_bulk(ids) if ids else {}
        return {
            "contact": people.get(self.contact_id),
            "speakers": [{"person": people[pk], "role": role or people[pk].role} for pk, role in rows if pk in people],
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # From the shared cache until content changes (a person's edit changes the version too).
        people = versioned(f"pages:event-people:{self.pk}", self.event_people, request=request)
        data = event_json_ld(self, request, SiteSettings.for_request(request).office_name)
        if people["contact"] is not None:
            # The office organises; the contact is the person to ask, so an organiser too.
            data["organizer"] = [data["organizer"], person_json_ld(people["contact"], request)]
        if people["speakers"]:
            data["performer"] = [
                person_json_ld(speaker["person"], request, job_title=speaker["role"], contact=False)
                for speaker in people["speakers"]
            ]
        context["json_ld"] = json_ld_script(data)
        context["event_contact"] = people["contact"]
        context["speakers"] = people["speakers"]
        # Its section, for the category and calendar links: from the shared cache until content
        # changes. None if a move from code (not the admin) put the event elsewhere.
        context["events_index"] = versioned(
            f"pages:event-section:{self.pk}", lambda: EventIndexPage.objects.parent_of(self).first()
        )
        return context


class EventSpeaker(Orderable):
    """A person speaking at an event, in the order the event lists them, with their role there."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="+", help_text="Add guest speakers to People first."
    )
    role = models.CharField(
        max_length=150,
        blank=True,
        verbose_name="role at this event",
        help_text="e.g. “Moderator” or “Keynote speaker”; defaults to their role in People.",
    )

    panels = [FieldPanel("person"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = "speaker"

    def __str__(self):
        return str(self.person)
