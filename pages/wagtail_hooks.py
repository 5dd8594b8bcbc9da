"""Admin views for the pages app's snippets: list columns, filters, menu grouping and CSV export."""

from django.conf import settings
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from odi_site.admin_access import CheckedSnippetViewSet
from odi_site.exports import SafeExportIndexView
from odi_site.retention import purge_expired

from .community.viewsets import AffinityGroupViewSet
from .contact.viewsets import EnquiryEmailViewSet, EnquiryViewSet
from .content_checks import use_site_content_checker
from .dashboard import PagesAwaitingApprovalPanel, UpcomingEventsPanel
from .mail import requeue_due_emails
from .mail_admin import EmailPermissionPolicy, EmailViewSet
from .models import (
    CommunityPartner,
    ConsultationEmail,
    ConsultationRequest,
    Enquiry,
    EnquiryEmail,
    EventCategory,
    FocusArea,
    Person,
    Subscriber,
)
from .news.viewsets import NewsTopicViewSet
from .newsletter.subscriptions import purge_pending
from .newsletter.viewsets import SubscriberViewSet
from .resources.viewsets import ResourcesGroup


class ConsultationRequestViewSet(CheckedSnippetViewSet):
    """Career consultation requests: personal data, so only the Career services group has permissions."""

    model = ConsultationRequest
    index_view_class = SafeExportIndexView
    icon = "mail"
    menu_label = "Consultation requests"
    menu_order = 250
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["name", "email", "role", "department", "get_topics_display", "status", "created_at"]
    list_filter = ["status", "role"]
    search_fields = ["name", "email", "department"]
    list_export = [
        "created_at",
        "status",
        "closed_at",
        "name",
        "email",
        "role",
        "department",
        "get_topics_display",
        "other_topics",
        "preferred_times",
    ]
    export_headings = {"get_topics_display": "Topics", "created_at": "Received", "closed_at": "Closed"}
    export_filename = "consultation-requests"
    ordering = ["-created_at"]


class EventCategoryViewSet(CheckedSnippetViewSet):
    model = EventCategory
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class FocusAreaViewSet(CheckedSnippetViewSet):
    model = FocusArea
    icon = "group"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


class CommunityPartnerViewSet(CheckedSnippetViewSet):
    model = CommunityPartner
    icon = "site"
    list_display = ["name", "website"]
    list_filter = ["focus_areas"]
    search_fields = ["name", "description"]


class PersonViewSet(CheckedSnippetViewSet):
    """The office's people and guest speakers: shown on the team page, events, pages and news."""

    model = Person
    icon = "user"
    menu_label = "People"
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["name", "role", "email", "on_team_page", "sort_order"]
    list_filter = ["on_team_page"]
    search_fields = ["name", "role"]
    ordering = ["sort_order", "name"]


class EventsAndCommunityGroup(SnippetViewSetGroup):
    """One admin menu for the data behind the events and community pages."""

    menu_label = "Events & community"
    menu_icon = "calendar"
    menu_order = 240
    items = (EventCategoryViewSet, FocusAreaViewSet, CommunityPartnerViewSet, AffinityGroupViewSet)


class ConsultationEmailViewSet(EmailViewSet):
    """The office's notices and the requesters' acknowledgements: Career services only."""

    model = ConsultationEmail
    menu_label = "Consultation emails"
    menu_order = 251
    add_to_admin_menu = True


register_snippet(ConsultationRequestViewSet)
register_permission_policy(ConsultationEmail, EmailPermissionPolicy(ConsultationEmail))
register_snippet(ConsultationEmailViewSet)
register_snippet(EventsAndCommunityGroup)
register_snippet(PersonViewSet)
register_snippet(SubscriberViewSet)
register_snippet(ResourcesGroup)
register_snippet(NewsTopicViewSet)
register_snippet(EnquiryViewSet)
register_permission_policy(EnquiryEmail, EmailPermissionPolicy(EnquiryEmail))
register_snippet(EnquiryEmailViewSet)


@hooks.register("register_periodic_task")
def requeue_emails():
    """Emails whose task was lost (a killed worker, a queue that was down) or that are due for a retry."""
    return requeue_due_emails()


@hooks.register("register_periodic_task")
def purge_pending_subscribers():
    """Newsletter sign-ups nobody confirmed within NEWSLETTER_PENDING_DAYS, with their emails."""
    return purge_pending(Subscriber.objects)


@hooks.register("register_periodic_task")
def expired_requests():
    """Enquiries and consultation requests past their retention period (the privacy notice's)."""
    return {
        "enquiries": purge_expired(Enquiry, settings.ENQUIRY_RETENTION_DAYS),
        "consultation requests": purge_expired(ConsultationRequest, settings.CONSULTATION_RETENTION_DAYS),
    }


@hooks.register("construct_homepage_panels")
def add_page_editor_panels(request, panels):
    """The moderation queue and upcoming events; each panel checks the user's page permissions."""
    panels.extend([PagesAwaitingApprovalPanel(), UpcomingEventsPanel()])


@hooks.register("construct_wagtail_userbar")
def add_site_content_checks(request, items, page):
    """The userbar and the editor's Checks panel run the site's content rules on every page type."""
    use_site_content_checker(items)
