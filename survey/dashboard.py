"""Admin home panel for survey data managers: the last imports from the import log (`SurveyImport`)."""

from odi_site.dashboard import PANEL_LIMIT, DashboardPanel

from .models import SurveyImport


class RecentSurveyImportsPanel(DashboardPanel):
    """The last imports: when, who, which file and how many rows, to confirm an import landed."""

    name = "recent-survey-imports"
    heading = "Recent survey imports"
    empty_text = "No survey data has been imported yet. Use “Import survey data” in the menu."
    permission = "survey.view_surveyimport"
    template_name = "wagtailadmin/home/recent_survey_imports.html"
    order = 260

    def get_items(self, request):
        return SurveyImport.objects.select_related("user", "administration__survey")[:PANEL_LIMIT]
