"""The results page's admin form: editors without survey data permission choose only results that are public.

Results of an administration that has no live, public results page yet are embargoed: only
people who may read the stored aggregates (survey data managers) may pick such an
administration for a page or preview one (`SurveyResultsPage.serve_preview`). Others keep the
page's current administration and may edit the narrative around it.
"""

from django.db.models import Q
from wagtail.admin.forms import WagtailAdminPageForm

from .releases import may_see_unreleased


class SurveyResultsPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("administration")
        if field is None or may_see_unreleased(self.for_user):
            return
        public = Q(pk__in=self.instance.live_results().values("administration_id"))
        current = Q(pk=self.instance.administration_id) if self.instance.administration_id else Q(pk__in=[])
        field.queryset = field.queryset.filter(public | current)
        field.help_text = (
            "Results already published elsewhere on the site. Results not yet public are chosen by a survey data "
            "manager, who loads and checks them first."
        )
