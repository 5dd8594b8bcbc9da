"""Admin for survey data: snippet viewsets (survey data managers only) and the CSV upload view."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import DateColumn, TitleColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from odi_site.admin_access import CheckedSnippetViewSet

from .admin_views import PERMISSION, import_view, remove_expired_uploads
from .dashboard import RecentSurveyImportsPanel
from .models import Administration, Aggregate, Dimension, Group, Measure, Survey, SurveyImport, SurveyResultsPage
from .releases import publish_conflict


class SurveyViewSet(CheckedSnippetViewSet):
    model = Survey
    icon = "clipboard-list"
    list_display = ["name", "slug", "min_cell_size"]


class AdministrationViewSet(CheckedSnippetViewSet):
    model = Administration
    icon = "date"
    list_display = ["__str__", "respondents", "invited", "is_sample"]
    list_filter = ["survey", "is_sample"]


class MeasureViewSet(CheckedSnippetViewSet):
    model = Measure
    icon = "list-ul"
    list_display = ["code", "name", "kind", "parent"]
    list_filter = ["survey", "kind"]
    search_fields = ["code", "name"]


class DimensionViewSet(CheckedSnippetViewSet):
    model = Dimension
    icon = "group"
    list_display = ["name", "survey", "order"]


class GroupViewSet(CheckedSnippetViewSet):
    model = Group
    icon = "user"
    list_display = ["label", "dimension", "parent"]
    list_filter = ["dimension"]
    search_fields = ["label"]


class AggregateViewSet(CheckedSnippetViewSet):
    model = Aggregate
    icon = "table"
    list_display = ["__str__", "n", "pct_favorable", "mean"]
    list_filter = ["administration"]
    list_per_page = 100

    def get_queryset(self, request):
        return Aggregate.objects.select_related("administration", "measure", "group", "dimension")


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """Grants "view" only, even to superusers: the import log is written by imports, never by hand."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(["view"])


# Registered before any viewset asks, or Wagtail would fall back to the model's plain policy.
register_permission_policy(SurveyImport, ViewOnlyPermissionPolicy(SurveyImport))
INSPECT_URL = "wagtailsnippets_survey_surveyimport:inspect"


class SurveyImportViewSet(CheckedSnippetViewSet):
    model = SurveyImport
    icon = "upload"
    inspect_view_enabled = True
    list_display = [
        # Nobody may edit an entry, so the title links to the inspect view.
        TitleColumn("file", label="File", accessor=str, get_url=lambda entry: reverse(INSPECT_URL, args=[entry.pk])),
        DateColumn("created_at", label="When", sort_key="created_at"),
        "imported_by",
        "administration",
        "rows_in_file",
        "rows_written",
    ]
    list_filter = ["source", "administration"]

    def get_queryset(self, request):
        return SurveyImport.objects.select_related("user", "administration__survey")


class SurveyDataGroup(SnippetViewSetGroup):
    menu_label = "Survey data"
    menu_icon = "clipboard-list"
    menu_order = 250
    items = (
        SurveyViewSet,
        AdministrationViewSet,
        MeasureViewSet,
        DimensionViewSet,
        GroupViewSet,
        AggregateViewSet,
        SurveyImportViewSet,
    )


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


@hooks.register("register_periodic_task")
def expired_survey_uploads():
    """Checked files nobody confirmed within PENDING_MAX_AGE."""
    return remove_expired_uploads()


@hooks.register("construct_homepage_panels")
def add_recent_imports_panel(request, panels):
    """Shown only to users who may view the import log (the panel checks)."""
    panels.append(RecentSurveyImportsPanel())


@hooks.register("before_publish_page")
def refuse_interim_and_final_together(request, page):
    """Interim and final results of the same people are never live together (survey/releases.py)."""
    page = page.specific
    if not isinstance(page, SurveyResultsPage):
        return None
    problem = publish_conflict(page)
    if problem is None:
        return None
    messages.error(request, problem)
    return redirect("wagtailadmin_pages:edit", page.pk)
