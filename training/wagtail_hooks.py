"""Admin for sessions and registrations (a "Training" menu)."""

import django_filters
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.widgets import HeaderButton
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import InspectView, SnippetViewSetGroup

from odi_site.admin_access import CheckedSnippetViewSet
from odi_site.caching.restrictions import public
from odi_site.exports import SafeExportIndexView
from pages.key_figures import KEY_FIGURE_SOURCE_HOOK, KeyFigureSource, LiveFigure
from pages.mail_admin import EmailPermissionPolicy, EmailViewSet

from .admin_views import ATTENDANCE_PERMISSION, CANCEL_PERMISSION, attendance_view, can_cancel, cancel_view
from .dashboard import UpcomingSessionsPanel
from .models import (
    Registration,
    TrainingEmail,
    TrainingLevelPage,
    TrainingProgramPage,
    TrainingSession,
    with_seat_counts,
)
from .reminders import queue_due_reminders
from .retention import purge_expired_registrations

# The name pages' key figure blocks store; demo content and tests refer to it.
PARTICIPANTS_SOURCE = "training-participants"


class TrainingSessionFilterSet(WagtailFilterSet):
    level = django_filters.ModelChoiceFilter(queryset=TrainingLevelPage.objects.order_by("path"), label="Level")
    start = django_filters.DateFromToRangeFilter(label="Date", widget=DateRangePickerWidget)
    registration_open = django_filters.BooleanFilter(label="Registration open")

    class Meta:
        model = TrainingSession
        fields = ["level", "start", "registration_open"]


class RegistrationsLinkColumn(Column):
    """Confirmed/waitlisted counts linking to the session's registrations (for those allowed to see them)."""

    def get_value(self, instance):
        return instance

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        text = f"{instance.confirmed_count} confirmed, {instance.waitlisted_count} waitlisted"
        user = parent_context["request"].user
        if user.has_perm("training.view_registration"):
            url = reverse("wagtailsnippets_training_registration:list") + f"?session={instance.pk}"
            context["value"] = format_html('<a href="{}">{}</a>', url, text)
        else:
            context["value"] = text
        return context


class AttendanceLinkColumn(Column):
    """ "Record attendance" for sessions that have started, for those allowed to record it."""

    def get_value(self, instance):
        return instance

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        user = parent_context["request"].user
        if instance.start <= timezone.now() and user.has_perm(ATTENDANCE_PERMISSION):
            url = reverse("training_attendance", args=[instance.pk])
            context["value"] = format_html('<a href="{}">Record attendance</a>', url)
        else:
            context["value"] = ""
        return context


class TrainingSessionViewSet(CheckedSnippetViewSet):
    model = TrainingSession
    icon = "date"
    menu_label = "Sessions"
    list_display = [
        "__str__",
        "level",
        # The date itself: DateColumn says how long ago, which reads "Just now" for future sessions.
        Column("start", label="Date"),
        "place",
        "capacity",
        BooleanColumn("registration_open", label="Registration open"),
        RegistrationsLinkColumn("registrations", label="Registrations"),
        AttendanceLinkColumn("attendance", label="Attendance"),
    ]
    filterset_class = TrainingSessionFilterSet
    ordering = ["-start"]
    search_fields = ["location"]
    list_per_page = 50

    def get_queryset(self, request):
        return with_seat_counts(TrainingSession.objects.select_related("level"))


class RegistrationInspectView(InspectView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.request.user.has_perm(CANCEL_PERMISSION) and can_cancel(self.object):
            url = reverse("training_cancel_registration", args=[self.object.pk])
            buttons.append(HeaderButton("Cancel registration", url=url, icon_name="cross", priority=30))
        return buttons


class RegistrationViewSet(CheckedSnippetViewSet):
    model = Registration
    icon = "group"
    menu_label = "Registrations"
    index_view_class = SafeExportIndexView
    inspect_view_class = RegistrationInspectView
    list_display = [
        "name",
        "email",
        "department",
        "session",
        "status",
        Column("attendance", label="Attendance", accessor="get_attendance_display"),
        DateColumn("created", label="Registered"),
    ]
    list_filter = ["session", "status", "attendance"]
    list_export = [
        "session",
        "name",
        "email",
        "department",
        "accommodation",
        "status",
        "get_attendance_display",
        "created",
        "cancelled_at",
    ]
    export_headings = {"get_attendance_display": "Attendance"}
    export_filename = "training-registrations"
    search_fields = ["name", "email", "department"]
    ordering = ["session__start", "created"]
    list_per_page = 100
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Registration.objects.select_related("session__level")


class TrainingEmailViewSet(EmailViewSet):
    """Confirmations, waitlist places, promotions, cancellations and reminders sent to registrants."""

    model = TrainingEmail


register_permission_policy(TrainingEmail, EmailPermissionPolicy(TrainingEmail))


class TrainingViewSetGroup(SnippetViewSetGroup):
    items = (TrainingSessionViewSet, RegistrationViewSet, TrainingEmailViewSet)
    menu_icon = "user"
    menu_label = "Training"
    menu_name = "training"


register_snippet(TrainingViewSetGroup)


@hooks.register("register_admin_urls")
def register_coordinator_urls():
    return [
        path("training/registrations/<int:pk>/cancel/", cancel_view, name="training_cancel_registration"),
        path("training/sessions/<int:pk>/attendance/", attendance_view, name="training_attendance"),
    ]


@hooks.register("register_periodic_task")
def session_reminders():
    return queue_due_reminders()


@hooks.register("register_periodic_task")
def expired_registrations():
    """Registrations past REGISTRATION_RETENTION_DAYS after their session (the privacy notice's period)."""
    return purge_expired_registrations()


@hooks.register("construct_homepage_panels")
def add_upcoming_sessions_panel(request, panels):
    """Shown only to users who may view training sessions (the panel checks)."""
    panels.append(UpcomingSessionsPanel())


def read_participants():
    """The program page's participation figure and the day it was counted, or None without one."""
    program = public(TrainingProgramPage.objects.live()).defer_streamfields().first()
    if program is None or not program.participants_display:
        return None
    return LiveFigure(program.participants_display, program.participants_counted_on, program.participation_changes_at())


@hooks.register(KEY_FIGURE_SOURCE_HOOK)
def participants_key_figure():
    """Home, About or any page can show the training program's figure without retyping it."""
    return KeyFigureSource(
        PARTICIPANTS_SOURCE, "Training: people who have completed the first level", read_participants
    )
