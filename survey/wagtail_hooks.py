"""Admin for survey data: snippet viewsets (survey data managers only) and the CSV upload view."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import demo  # noqa: F401  (registers the demo section and data hooks)
from .admin_views import PERMISSION, import_view
from .models import Administration, Aggregate, Dimension, Group, Measure, Survey


class SurveyViewSet(SnippetViewSet):
    model = Survey
    icon = "clipboard-list"
    list_display = ["name", "slug", "min_cell_size"]


class AdministrationViewSet(SnippetViewSet):
    model = Administration
    icon = "date"
    list_display = ["__str__", "respondents", "invited", "is_sample"]
    list_filter = ["survey", "is_sample"]


class MeasureViewSet(SnippetViewSet):
    model = Measure
    icon = "list-ul"
    list_display = ["code", "name", "kind", "parent"]
    list_filter = ["survey", "kind"]
    search_fields = ["code", "name"]


class DimensionViewSet(SnippetViewSet):
    model = Dimension
    icon = "group"
    list_display = ["name", "survey", "order"]


class GroupViewSet(SnippetViewSet):
    model = Group
    icon = "user"
    list_display = ["label", "dimension", "parent"]
    list_filter = ["dimension"]
    search_fields = ["label"]


class AggregateViewSet(SnippetViewSet):
    model = Aggregate
    icon = "table"
    list_display = ["__str__", "n", "pct_favorable", "mean"]
    list_filter = ["administration"]
    list_per_page = 100

    def get_queryset(self, request):
        return Aggregate.objects.select_related("administration", "measure", "group", "dimension")


class SurveyDataGroup(SnippetViewSetGroup):
    menu_label = "Survey data"
    menu_icon = "clipboard-list"
    menu_order = 250
    items = (SurveyViewSet, AdministrationViewSet, MeasureViewSet, DimensionViewSet, GroupViewSet, AggregateViewSet)


register_snippet(SurveyDataGroup)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("survey/import/", import_view, name="survey_import")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem("Import survey data", reverse("survey_import"), icon_name="upload", order=260)
