"""The Path to Inclusion: the program page, its level pages, sessions and registrations."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Max, Min, OuterRef, Q, Subquery, Sum
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from odi_site.caching.restrictions import public
from odi_site.caching.version import versioned
from odi_site.subpages import subpage_url
from pages.blocks import BodyStreamBlock
from pages.models import BasePage, OutgoingEmail, OwnedEmailManager
from pages.templatetags.dates import clock, day

from .choices import Attendance, RegistrationStatus, Requirement
from .views import cancel_registration, level_page, program_calendar, registration_thanks, session_calendar

MAX_REMINDER_DAYS = 14
# How many upcoming sessions a level page lists (and offers in its form); later ones appear as
# earlier ones pass, which keeps the page and its query cost the same however many are planned.
UPCOMING_SESSIONS_SHOWN = 12


def format_duration(minutes):
    """60 -> "1 hour", 210 -> "3.5 hours", 45 -> "45 minutes"."""
    if not minutes:
        return ""
    if minutes < 60 or minutes % 30:
        return f"{minutes} minutes"
    hours = minutes / 60
    number = f"{hours:g}"
    return f"{number} hour" if hours == 1 else f"{number} hours"


def soonest_start(levels):
    """When the first of the levels' next sessions starts, or None."""
    return min((level.next_session_start for level in levels if level.next_session_start), default=None)


class TrainingProgramPage(RoutablePageMixin, BasePage):
    """The training section's front page: the levels as a pathway, participation and the calendar feed."""

    participants_level_one = models.PositiveIntegerField(
        "Level 1.0 participants",
        null=True,
        blank=True,
        help_text="How many people have completed the first level, e.g. 7100. Shown as “7,100+”.",
    )
    participants_as_of = models.DateField(
        "Counted on",
        null=True,
        blank=True,
        help_text="The date the participation figure was counted; shown as month and year.",
    )
    count_recorded_attendance = models.BooleanField(
        "Add recorded attendance",
        default=False,
        help_text="Add the people coordinators mark as attended in sessions of the first level (in the pathway) "
        "held after the date above; the figure then counts up by itself, as of the latest such session.",
    )
    body = StreamField(BodyStreamBlock(), blank=True, help_text="Content below the pathway of levels.")

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("participants_level_one"), FieldPanel("participants_as_of")]),
                FieldPanel("count_recorded_attendance"),
            ],
            heading="Participation figure",
        ),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    template = "training/training_program_page.html"
    cache_query_params = ("session",)
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["training.TrainingLevelPage"]
    max_count = 1

    class Meta:
        verbose_name = "training program page"

    def clean(self):
        super().clean()
        if self.participants_level_one and not self.participants_as_of:
            raise ValidationError({"participants_as_of": "Add the date the participation figure was counted."})

    @cached_property
    def participation(self):
        """(figure, as of): the counted figure, plus recorded attendance when editors chose so (one query)."""
        figure, as_of = self.participants_level_one or 0, self.participants_as_of
        if self.count_recorded_attendance and self.pk:
            first_level = TrainingLevelPage.objects.child_of(self).live().order_by("path").values("pk")[:1]
            held = TrainingSession.objects.filter(level__in=Subquery(first_level), end__lte=timezone.now())
            if as_of:
                held = held.filter(start__date__gt=as_of)
            counted = held.filter(attended_count__gt=0).aggregate(total=Sum("attended_count"), latest=Max("end"))
            if counted["total"]:
                figure += counted["total"]
                as_of = timezone.localdate(counted["latest"])
        return figure, as_of

    def participation_changes_at(self):
        """When the figure next grows by itself: the end of the soonest session with recorded
        attendance that has not ended yet (None when nothing is counted or pending; one query)."""
        if not (self.count_recorded_attendance and self.pk):
            return None
        first_level = TrainingLevelPage.objects.child_of(self).live().order_by("path").values("pk")[:1]
        pending = TrainingSession.objects.filter(
            level__in=Subquery(first_level), end__gt=timezone.now(), attended_count__gt=0
        )
        return pending.aggregate(soonest=Min("end"))["soonest"]

    @property
    def participants_display(self):
        """The figure as it reads on the page: 7100 -> "7,100+"."""
        figure = self.participation[0]
        return f"{figure:,}+" if figure else ""

    @property
    def participants_counted_on(self):
        return self.participation[1]

    def levels(self):
        """Live level pages in tree order, each with its next open session's start and end (one query)."""
        if not self.pk:  # previewing a program page that is not saved yet
            return TrainingLevelPage.objects.none()
        upcoming = TrainingSession.objects.filter(
            level=OuterRef("pk"), start__gt=timezone.now(), registration_open=True
        ).order_by("start")
        return (
            public(TrainingLevelPage.objects.child_of(self).live())
            .select_related("prerequisite")
            .annotate(
                next_session_start=Subquery(upcoming.values("start")[:1]),
                next_session_end=Subquery(upcoming.values("end")[:1]),
            )
            .order_by("path")
        )

    def get_context(self, request, *args, **kwargs):
        """The levels come from the shared cache until content changes or the soonest of their
        next sessions starts (then that level shows its following session)."""
        context = super().get_context(request, *args, **kwargs)
        context["levels"] = versioned(f"training:levels:{self.pk}", lambda: list(self.levels()), soonest_start, request)
        return context

    @path("calendar/")
    def calendar_feed(self, request):
        """Every upcoming session of every live level as one iCalendar feed; `?session=<id>` for one."""
        levels = public(TrainingLevelPage.objects.child_of(self).live())
        sessions = TrainingSession.objects.filter(level__in=levels).select_related("level")
        if "session" in request.GET:
            return session_calendar(request, sessions, request.GET["session"])
        return program_calendar(request, self, sessions)

    def calendar_url(self, request=None):
        return subpage_url(self, "calendar_feed", request=request)


class TrainingLevelPage(RoutablePageMixin, BasePage):
    """One level of the program (Diversity 1.0-4.0, Unconscious Bias for Managers) with its sessions."""

    level_code = models.CharField(
        max_length=10,
        blank=True,
        help_text="Short code shown in the pathway, e.g. “1.0”. Leave blank for training outside the series.",
    )
    duration_minutes = models.PositiveSmallIntegerField(
        default=60,
        validators=[MinValueValidator(15), MaxValueValidator(600)],
        help_text="Length of one session in minutes, e.g. 60 or 210 (shown as “1 hour”, “3.5 hours”).",
    )
    format = models.CharField(
        max_length=150,
        blank=True,
        help_text="How it is delivered, e.g. “Facilitated group session, in person or online”.",
    )
    audience = models.CharField(
        max_length=200, help_text="Who the session is for, e.g. “All faculty, staff and trainees”."
    )
    requirement = models.CharField(
        max_length=20,
        choices=Requirement.choices,
        default=Requirement.OPTIONAL,
        help_text="Whether the level is required, and for whom.",
    )
    requirement_detail = models.CharField(
        max_length=200, blank=True, help_text="Optional extra detail, e.g. “Taken after Diversity 1.0”."
    )
    prerequisite = models.ForeignKey(
        "training.TrainingLevelPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The level people complete before this one, if any.",
    )
    learning_outcomes = StreamField(
        [("outcome", blocks.CharBlock(max_length=250, label="Outcome", icon="tick"))],
        blank=True,
        help_text="What participants can do afterwards; one short sentence each.",
    )
    body = StreamField(BodyStreamBlock(), blank=True, help_text="More about the session.")

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("level_code"),
                FieldPanel("duration_minutes"),
                FieldPanel("format"),
                FieldPanel("audience"),
                FieldPanel("requirement"),
                FieldPanel("requirement_detail"),
                PageChooserPanel("prerequisite", page_type="training.TrainingLevelPage"),
            ],
            heading="Facts",
        ),
        FieldPanel("learning_outcomes"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("audience"),
        index.SearchField("learning_outcomes"),
        index.SearchField("body"),
    ]

    template = "training/training_level_page.html"
    parent_page_types = ["training.TrainingProgramPage"]
    subpage_types = []

    class Meta:
        verbose_name = "training level page"

    @property
    def duration_display(self):
        return format_duration(self.duration_minutes)

    @property
    def requirement_text(self):
        return self.get_requirement_display()

    def clean(self):
        super().clean()
        self.check_prerequisite_chain()

    def check_prerequisite_chain(self):
        """Refuse a prerequisite that is this level itself or leads back to it."""
        if not self.prerequisite_id:
            return
        if self.pk and self.prerequisite_id == self.pk:
            raise ValidationError({"prerequisite": "A level cannot be its own prerequisite."})
        chain = [self.title]
        seen = {self.pk} if self.pk else set()
        next_id = self.prerequisite_id
        while next_id is not None:
            if next_id in seen:
                raise ValidationError(
                    {
                        "prerequisite": "This prerequisite would make a loop ("
                        + " → ".join(chain)
                        + "). Choose a level that does not lead back to this one."
                    }
                )
            seen.add(next_id)
            row = TrainingLevelPage.objects.filter(pk=next_id).values("title", "prerequisite_id").first()
            if row is None:
                return
            chain.append(row["title"])
            next_id = row["prerequisite_id"]

    def upcoming_sessions(self):
        """The next sessions (soonest first) with their confirmed-seat counts, in one query."""
        if not self.pk:  # previewing a level page that is not saved yet
            return TrainingSession.objects.none()
        return (
            self.sessions.filter(start__gt=timezone.now())
            .annotate(
                confirmed_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED))
            )
            .order_by("start", "pk")[:UPCOMING_SESSIONS_SHOWN]
        )

    def pathway(self):
        """The live, public levels beside this one in tree order (one query), for previous/next links."""
        if not self.pk:
            return []
        return list(
            public(TrainingLevelPage.objects.sibling_of(self, inclusive=True).live())
            .only("id", "title", "slug", "url_path", "path", "depth", "level_code")
            .order_by("path")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        levels, calendar_url = self.pathway_and_calendar(request)
        position = next((i for i, level in enumerate(levels) if level.pk == self.pk), None)
        if position is not None:
            context["previous_level"] = levels[position - 1] if position > 0 else None
            context["next_level"] = levels[position + 1] if position + 1 < len(levels) else None
        by_id = {level.pk: level for level in levels}
        context["calendar_url"] = calendar_url
        context["prerequisite_level"] = by_id.get(self.prerequisite_id) if self.prerequisite_id else None
        return context

    def pathway_and_calendar(self, request):
        """The pathway and the program's calendar address, from the shared cache: both change
        only when pages are published, moved or restricted, which replaces the content version."""

        def load():
            program = self.get_parent() if self.path else None
            program_url = program.get_url(request) if program else None
            calendar_url = (
                program_url + TrainingProgramPage.get_resolver().reverse("calendar_feed") if program_url else None
            )
            return self.pathway(), calendar_url

        return versioned(f"training:pathway:{self.pk}", load, request=request)

    def registrations(self):
        """Registrations for this level's sessions: the only ones its links can name."""
        return Registration.objects.filter(session__level=self)

    @path("")
    def index_route(self, request, *args, **kwargs):
        return level_page(request, self)

    @path("thanks/")
    def thanks(self, request):
        return registration_thanks(request, self)

    @path("cancel/")
    def cancel(self, request):
        return cancel_registration(request, self)


class TrainingSession(models.Model):
    """One scheduled session of a level that people can register for."""

    level = models.ForeignKey(
        TrainingLevelPage,
        on_delete=models.CASCADE,
        related_name="sessions",
        help_text="The level this session teaches.",
    )
    start = models.DateTimeField(help_text="Date and start time (Central time).")
    end = models.DateTimeField(help_text="Date and end time (Central time).")
    location = models.CharField(
        max_length=200, blank=True, help_text="Building and room, e.g. “Connor Auditorium, 660 S. Euclid”."
    )
    online_url = models.URLField(
        blank=True, verbose_name="online meeting link", help_text="Video meeting address, if it is held online."
    )
    capacity = models.PositiveSmallIntegerField(
        default=30, validators=[MinValueValidator(1)], help_text="Seats available; later registrants join a waitlist."
    )
    registration_open = models.BooleanField(default=True, help_text="Untick to stop taking registrations.")
    accessibility_note = models.TextField(
        max_length=500,
        blank=True,
        help_text="How to request accommodations, and whom to contact, e.g. “Email diversity@example.edu …”.",
    )
    reminder_days = models.PositiveSmallIntegerField(
        "reminder (days before)",
        default=2,
        validators=[MaxValueValidator(MAX_REMINDER_DAYS)],
        help_text="Confirmed registrants get a reminder this many days before the session; 0 sends none.",
    )
    # Kept when registrations are purged, so the participation figure does not shrink.
    attended_count = models.PositiveIntegerField(default=0, editable=False)

    panels = [
        FieldPanel("level"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        MultiFieldPanel([FieldPanel("location"), FieldPanel("online_url")], heading="Where (one or both)"),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_open")]),
        FieldPanel("accessibility_note"),
        FieldPanel("reminder_days"),
    ]

    class Meta:
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["level", "start"])]

    def __str__(self):
        start = timezone.localtime(self.start)
        return f"{self.level.title}, {day(start)}, {clock(start)}"

    def clean(self):
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = "The session must end after it starts."
        if not self.location and not self.online_url:
            errors["location"] = "Give a location, an online meeting link, or both."
        if errors:
            raise ValidationError(errors)

    @property
    def place(self):
        """Where it happens, in words."""
        if self.location and self.online_url:
            return f"{self.location}, or online"
        return self.location or "Online"

    @property
    def is_upcoming(self):
        return self.start > timezone.now()

    @property
    def accepts_registrations(self):
        return self.registration_open and self.is_upcoming

    @property
    def seats_remaining(self):
        """Free seats, using the `confirmed_count` annotation when the query provided it."""
        return self.seats_left(getattr(self, "confirmed_count", None))

    def seats_left(self, confirmed=None):
        if confirmed is None:
            confirmed = self.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        return max(self.capacity - confirmed, 0)


class Registration(models.Model):
    """One person's place (or waitlist spot) in a session; personal data, visible to coordinators only."""

    # Saving one leaves cached pages alone (odi_site.caching): the seat counts it changes show only
    # on the level page, whose form makes it private and never stored.
    shown_on_public_pages = False

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="registrations", help_text="The session booked."
    )
    name = models.CharField(max_length=150, help_text="As the person gave it.")
    email = models.EmailField(max_length=254, verbose_name="work email", help_text="Stored in lower case.")
    department = models.CharField(max_length=150, help_text="The person's department or unit.")
    accommodation = models.TextField(
        max_length=1000,
        blank=True,
        verbose_name="accommodation request",
        help_text="What the person asked for to take part; share only with those arranging it.",
    )
    status = models.CharField(
        max_length=12,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
        db_index=True,
        help_text="Confirmed seat, waitlist place, or cancelled.",
    )
    created = models.DateTimeField(default=timezone.now, db_index=True, help_text="When the person registered.")
    cancelled_at = models.DateTimeField(null=True, blank=True, help_text="When the person cancelled, if they did.")
    attendance = models.CharField(
        max_length=10,
        choices=Attendance.choices,
        default=Attendance.NOT_RECORDED,
        blank=True,
        db_index=True,
        help_text="Recorded by coordinators after the session.",
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True, help_text="When the reminder was queued.")
    # Deleting a registration (purge_registrations) deletes the emails about it too.
    emails = GenericRelation(OutgoingEmail, related_query_name="registration")

    panels = [
        FieldPanel("session"),
        FieldPanel("name"),
        FieldPanel("email"),
        FieldPanel("department"),
        FieldPanel("accommodation"),
        FieldPanel("status"),
    ]

    class Meta:
        ordering = ["created", "pk"]
        permissions = [
            ("cancel_registration", "Can cancel a registration on someone's behalf"),
            ("record_attendance", "Can record attendance"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "email"],
                condition=~Q(status="cancelled"),
                name="training_registration_one_active_per_email",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"


class TrainingEmail(OutgoingEmail):
    """The emails sent to registrants, as Training coordinators see them in the admin."""

    objects = OwnedEmailManager("training", "registration")

    class Meta:
        proxy = True
        verbose_name = "training email"
        default_permissions = ("view",)
        permissions = [("resend_trainingemail", "Can send a training email again")]


def with_seat_counts(sessions):
    """Sessions annotated with `confirmed_count` and `waitlisted_count` (counts, never names)."""
    return sessions.annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
        waitlisted_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)),
    )
