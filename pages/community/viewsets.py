"""Admin views for the community page's directory of affinity groups and university resources."""

from odi_site.admin_access import CheckedSnippetViewSet

from .models import AffinityGroup


class AffinityGroupViewSet(CheckedSnippetViewSet):
    model = AffinityGroup
    icon = "group"
    menu_label = "Affinity groups & resources"
    list_display = ["name", "category", "link", "sort_order"]
    list_filter = ["category"]
    search_fields = ["name", "description"]
