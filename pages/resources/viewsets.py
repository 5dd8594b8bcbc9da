"""Admin views for the resources library: resources with category and audience filters, and their categories."""

from wagtail.snippets.views.snippets import SnippetViewSetGroup

from odi_site.admin_access import CheckedSnippetViewSet

from .models import Resource, ResourceCategory


class ResourceViewSet(CheckedSnippetViewSet):
    """Reports, toolkits and outside resources listed on the resources page."""

    model = Resource
    icon = "doc-full"
    list_display = ["title", "category", "audience", "date", "sort_order"]
    list_filter = ["category", "audience"]
    search_fields = ["title", "summary"]
    ordering = ["category__sort_order", "sort_order", "-date"]


class ResourceCategoryViewSet(CheckedSnippetViewSet):
    model = ResourceCategory
    icon = "folder-open-inverse"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


class ResourcesGroup(SnippetViewSetGroup):
    """One admin menu for the resources library."""

    menu_label = "Resources"
    menu_icon = "doc-full"
    menu_order = 245
    items = (ResourceViewSet, ResourceCategoryViewSet)
