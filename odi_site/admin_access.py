"""Snippet choosers that check who may see the records: personal data, raw and embargoed survey data.

Wagtail's snippet chooser views (choose, results, chosen, chosen-multiple, create) list and
return any record to anyone with admin access; the list, inspect and edit views check the
model's permissions. A viewset whose `chooser_viewset_class` is `ViewPermissionChooserViewSet`
makes the chooser views answer 403 to users without "view" permission on the model, and list
only what the model's default manager returns. Every snippet viewset of the project derives from
`CheckedSnippetViewSet`, so no snippet gets an unchecked chooser (tests/test_admin_access.py walks
every admin URL pattern to keep it so).

Wagtail's snippet bulk delete (`/admin/bulk/<app>/<model>/delete/?id=...`) names every record
asked for, including those the user may not delete, to anyone with admin access.
`CheckedDeleteBulkAction`, registered in its place, answers 403 to users who may not view and
delete records of the model.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
    SnippetCreateView,
)
from wagtail.snippets.views.snippets import SnippetViewSet


class ViewPermissionRequiredMixin:
    """Refuse the view unless the model's permission policy grants the user "view"."""

    def dispatch(self, request, *args, **kwargs):
        policy = policy_registry.get_by_type(self.model_class)
        if not policy.user_has_permission(request.user, "view"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_object_list(self):
        return self.model_class._default_manager.all()


class CheckedChooseView(ViewPermissionRequiredMixin, ChooseView):
    pass


class CheckedChooseResultsView(ViewPermissionRequiredMixin, ChooseResultsView):
    pass


class CheckedChosenView(ViewPermissionRequiredMixin, SnippetChosenView):
    def get_object(self, pk):
        return self.model_class._default_manager.get(pk=pk)


class CheckedChosenMultipleView(ViewPermissionRequiredMixin, SnippetChosenMultipleView):
    def get_objects(self, pks):
        return self.model_class._default_manager.filter(pk__in=pks)


class CheckedCreateView(ViewPermissionRequiredMixin, SnippetCreateView):
    """Creating from the chooser returns the new record to the chooser: "add" and "view" both.

    No chooser here has a creation form (so none shows a "Create" tab), but Wagtail keeps the
    route, and a POST to it from a user who may add records fails on the missing form: 404.
    """

    def dispatch(self, request, *args, **kwargs):
        if self.get_creation_form_class() is None:
            raise Http404("This chooser creates no records.")
        return super().dispatch(request, *args, **kwargs)


class ViewPermissionChooserViewSet(SnippetChooserViewSet):
    choose_view_class = CheckedChooseView
    choose_results_view_class = CheckedChooseResultsView
    chosen_view_class = CheckedChosenView
    chosen_multiple_view_class = CheckedChosenMultipleView
    create_view_class = CheckedCreateView


class CheckedSnippetViewSet(SnippetViewSet):
    """The base of every snippet viewset here: its chooser is for those who may view the records."""

    chooser_viewset_class = ViewPermissionChooserViewSet


class CheckedDeleteBulkAction(DeleteBulkAction):
    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_any_permission(request.user, ["view"]) or not (
            self.permission_policy.user_has_any_permission(request.user, ["delete"])
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
