"""The frame every admin home panel builds on: permission gate, item limit, empty state in words.

The pages, training and survey apps' panels subclass `DashboardPanel`, so every panel looks and
behaves the same (templates/wagtailadmin/home/dashboard_panel.html).
"""

from wagtail.admin.ui.components import Component

# Enough to act on at a glance; the full lists are one click away in the admin menus.
PANEL_LIMIT = 5


class DashboardPanel(Component):
    """A home panel listing a few records, rendered only for users allowed to see that data."""

    name = ""  # also the panel's HTML id
    heading = ""
    empty_text = ""
    permission = ""  # a Django permission; page panels decide with Wagtail's page permissions

    def is_shown(self, user):
        return user.has_perm(self.permission)

    def get_items(self, request):
        """The records to list, at most PANEL_LIMIT, fetched in a fixed number of queries."""
        raise NotImplementedError

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {"panel": self, "items": list(self.get_items(request)), "request": request}

    def render_html(self, parent_context=None):
        if not self.is_shown(parent_context["request"].user):
            return ""
        return super().render_html(parent_context)
