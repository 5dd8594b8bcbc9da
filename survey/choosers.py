"""Snippet choosers of survey data: open only to users who may view the model they list.

Wagtail's chooser views check no permission of their own, so a chooser of administrations
would list embargoed ones to any editor; survey data managers (and superusers) keep them.
"""

from django.core.exceptions import PermissionDenied
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)


class ViewPermissionRequired:
    def dispatch(self, request, *args, **kwargs):
        opts = self.model_class._meta
        if not request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SurveyChooseView(ViewPermissionRequired, ChooseView):
    pass


class SurveyChooseResultsView(ViewPermissionRequired, ChooseResultsView):
    pass


class SurveyChosenView(ViewPermissionRequired, SnippetChosenView):
    pass


class SurveyChosenMultipleView(ViewPermissionRequired, SnippetChosenMultipleView):
    pass


class SurveyDataChooserViewSet(SnippetChooserViewSet):
    choose_view_class = SurveyChooseView
    choose_results_view_class = SurveyChooseResultsView
    chosen_view_class = SurveyChosenView
    chosen_multiple_view_class = SurveyChosenMultipleView
