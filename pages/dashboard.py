"""Admin home panels for page editors: upcoming events and pages waiting for approval."""

from django.db.models import CharField, Exists, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import GroupApprovalTask, TaskState, WorkflowState, get_default_page_content_type
from wagtail.permission_policies.pages import PagePermissionPolicy

from odi_site.dashboard import PANEL_LIMIT, DashboardPanel

from .models import EventPage

PAGE_POLICY = PagePermissionPolicy()


def editable_pages(user):
    """Pages the user may edit: under a "change" grant, or their own pages under an "add" grant."""
    return PAGE_POLICY.instances_user_has_any_permission_for(user, {"change"})


class PageEditorPanel(DashboardPanel):
    """Shown to anyone who may write pages, whatever their groups are called."""

    def is_shown(self, user):
        return PAGE_POLICY.user_has_any_permission(user, {"add", "change"})


class UpcomingEventsPanel(PageEditorPanel):
    """Live events that have not started yet, soonest first, among the pages the user may edit."""

    name = "upcoming-events"
    heading = "Upcoming events"
    empty_text = "No published events are coming up. Add one under the Events page."
    template_name = "wagtailadmin/home/upcoming_events.html"
    order = 240

    def get_items(self, request):
        return (
            EventPage.objects.live()
            .filter(start__gt=timezone.now(), pk__in=editable_pages(request.user).values("pk"))
            .only("title", "start", "all_day", "location")  # not the StreamField bodies
            .order_by("start", "pk")[:PANEL_LIMIT]
        )


class PagesAwaitingApprovalPanel(PageEditorPanel):
    """Pages submitted for review and not yet approved or sent back: the team's moderation queue."""

    name = "pages-awaiting-approval"
    heading = "Pages awaiting approval"
    empty_text = "No pages are waiting for approval."
    template_name = "wagtailadmin/home/pages_awaiting_approval.html"
    order = 230

    def is_shown(self, user):
        """Reviewers already have this queue in Wagtail's own "Awaiting your review" panel."""
        return super().is_shown(user) and not can_review(user)

    def get_items(self, request):
        # A workflow state names its page by a text object_id; comparing text with text cannot
        # fail on PostgreSQL the way casting every object_id to an integer could.
        page = (
            editable_pages(request.user).annotate(id_text=Cast("pk", CharField())).filter(id_text=OuterRef("object_id"))
        )
        return (
            WorkflowState.objects.filter(
                status=WorkflowState.STATUS_IN_PROGRESS,
                base_content_type=get_default_page_content_type(),
                current_task_state__status=TaskState.STATUS_IN_PROGRESS,
            )
            .filter(Exists(page))
            .annotate(page_title=Subquery(page.values("draft_title")[:1]))
            .select_related("current_task_state__task", "requested_by")
            .order_by("current_task_state__started_at", "pk")[:PANEL_LIMIT]
        )


def can_review(user):
    """Whether the user approves pages in some active review task (superusers approve them all)."""
    return user.is_superuser or GroupApprovalTask.objects.filter(active=True, groups__user=user).exists()
