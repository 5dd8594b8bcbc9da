"""Admin views for the news section's snippets."""

from odi_site.admin_access import CheckedSnippetViewSet

from .models import NewsTopic


class NewsTopicViewSet(CheckedSnippetViewSet):
    """Topics visitors filter the news by; Communications editors and approvers manage them."""

    model = NewsTopic
    icon = "tag"
    menu_label = "News topics"
    menu_order = 235
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]
