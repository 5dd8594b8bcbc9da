"""Admin for contact enquiries: the Office enquiries group (and superusers) list, read, export and
close them; nobody else sees one on any route (tests/test_admin_access.py walks them)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import BooleanColumn, DateColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.views.snippets import InspectView

from odi_site.admin_access import CheckedSnippetViewSet
from odi_site.exports import SafeExportIndexView

from ..mail_admin import EmailViewSet
from .models import Enquiry, EnquiryEmail


class EnquiryInspectView(InspectView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if not self.object.is_handled and self.permission_policy.user_has_permission(self.request.user, "change"):
            url = reverse(self.model.snippet_viewset.get_url_name("handled"), args=[self.object.pk])
            buttons.append(HeaderButton("Mark as handled", url=url, icon_name="check", priority=30))
        return buttons


class MarkHandledView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """GET asks, POST closes the enquiry: from then on it is kept ENQUIRY_RETENTION_DAYS."""

    permission_required = "change"
    template_name = "pages/admin/mark_handled.html"
    model = None
    header_icon = "check"
    page_title = "Mark this enquiry as handled"

    @cached_property
    def object(self):
        # Looked up after the permission check: a 404 would tell others which ids exist.
        return get_object_or_404(self.model._default_manager, pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object.mark_handled()
        messages.success(request, f"The enquiry from {self.object.name} is marked as handled.")
        return redirect(self.model.snippet_viewset.get_url_name("list"))


class EnquiryViewSet(CheckedSnippetViewSet):
    """General enquiries: personal data, so only the Office enquiries group has permissions."""

    model = Enquiry
    index_view_class = SafeExportIndexView
    inspect_view_class = EnquiryInspectView
    icon = "mail"
    menu_label = "Enquiries"
    menu_order = 252
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "name",
        "email",
        "subject",
        DateColumn("created_at", label="Received"),
        BooleanColumn("is_handled", label="Handled"),
    ]
    list_filter = ["subject"]
    search_fields = ["name", "email", "message"]
    inspect_view_fields = ["created_at", "closed_at", "name", "email", "phone", "subject", "message"]
    list_export = ["created_at", "closed_at", "name", "email", "phone", "get_subject_display", "message"]
    export_headings = {"created_at": "Received", "closed_at": "Handled", "get_subject_display": "Subject"}
    export_filename = "enquiries"
    ordering = ["-created_at"]

    def get_urlpatterns(self):
        handled = MarkHandledView.as_view(model=self.model)
        return [*super().get_urlpatterns(), path("handled/<int:pk>/", handled, name="handled")]


class EnquiryEmailViewSet(EmailViewSet):
    """The office's copies of enquiries: Office enquiries only."""

    model = EnquiryEmail
    menu_label = "Enquiry emails"
    menu_order = 253
    add_to_admin_menu = True
