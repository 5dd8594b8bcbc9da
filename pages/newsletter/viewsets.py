"""Admin for newsletter subscribers: list, inspect and CSV export for Communications approvers.

Personal data with consent on record: nobody adds or edits a subscriber by hand (people sign up
and confirm themselves), so only "view" and "delete" are granted (pages/roles.py); the chooser
checks "view" like every snippet chooser here (odi_site.admin_access).
"""

from wagtail.admin.ui.tables import DateColumn

from odi_site.admin_access import CheckedSnippetViewSet
from odi_site.exports import SafeExportIndexView

from .models import Subscriber


class SubscriberViewSet(CheckedSnippetViewSet):
    """Newsletter subscribers; the export gives the confirmed list to whoever sends the newsletter."""

    model = Subscriber
    index_view_class = SafeExportIndexView
    icon = "mail"
    menu_label = "Newsletter subscribers"
    menu_order = 260
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "email",
        "name",
        "status",
        DateColumn("created_at", label="Signed up"),
        DateColumn("confirmed_at", label="Confirmed"),
    ]
    list_filter = ["status"]
    search_fields = ["email", "name"]
    list_export = [
        "email",
        "name",
        "status",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
        "consent_text",
        "unsubscribe_link",
    ]
    export_headings = {
        "created_at": "Signed up",
        "consent_text": "Consent given",
        "unsubscribe_link": "Unsubscribe link",
    }
    export_filename = "newsletter-subscribers"
    inspect_view_fields = [
        "email",
        "name",
        "status",
        "created_at",
        "requested_at",
        "confirmed_at",
        "unsubscribed_at",
        "consent_text",
    ]
    ordering = ["-created_at"]
