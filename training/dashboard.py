"""Admin home panel for training coordinators: the next sessions and how full they are."""

from django.utils import timezone

from odi_site.dashboard import PANEL_LIMIT, DashboardPanel

from .models import TrainingSession, with_seat_counts


class UpcomingSessionsPanel(DashboardPanel):
    """The next sessions, soonest first, with seats taken against capacity so full ones stand out."""

    name = "upcoming-training-sessions"
    heading = "Upcoming training sessions"
    empty_text = "No training sessions are scheduled. Add one under Training › Sessions."
    permission = "training.view_trainingsession"
    template_name = "wagtailadmin/home/upcoming_training_sessions.html"
    order = 250

    def get_items(self, request):
        # Counts only, never names: seat numbers are not personal data.
        sessions = (
            TrainingSession.objects.filter(start__gt=timezone.now())
            .select_related("level")
            .only("start", "location", "online_url", "capacity", "registration_open", "level__title")
        )
        return with_seat_counts(sessions).order_by("start", "pk")[:PANEL_LIMIT]
