"""Admin for outgoing emails: each owning app registers `EmailViewSet` for its proxy model.

Owners see every message's state (pending, sent, failed), read it, and send it again. Nobody
adds, edits or deletes one by hand, superusers included: the policy below grants only "view"
and "resend". Choosers check "view" as well (odi_site.admin_access.CheckedSnippetViewSet).
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import InspectView

from odi_site.admin_access import CheckedSnippetViewSet

from .mail import resend

EMAIL_ACTIONS = ("view", "resend")


class EmailPermissionPolicy(ModelPermissionPolicy):
    """Only "view" and "resend", for everyone: the messages are a record of what was sent."""

    def user_has_permission(self, user, action):
        return action in EMAIL_ACTIONS and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action in EMAIL_ACTIONS]
        return super().users_with_any_permission(actions) if actions else get_user_model().objects.none()


class EmailInspectView(InspectView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.permission_policy.user_has_permission(self.request.user, "resend"):
            url = reverse(self.model.snippet_viewset.get_url_name("resend"), args=[self.object.pk])
            buttons.append(HeaderButton("Send again", url=url, icon_name="mail", priority=30))
        return buttons


class ResendView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """GET asks, POST queues a fresh copy of the message (the original stays as the record of it)."""

    permission_required = "resend"
    template_name = "pages/admin/resend_email.html"
    model = None
    header_icon = "mail"
    page_title = "Send this email again"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(self.model._default_manager, pk=kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, **kwargs)

    def post(self, request, *args, **kwargs):
        copy = resend(self.object)
        messages.success(request, f"The email to {copy.to} is queued and will be sent shortly.")
        return redirect(self.model.snippet_viewset.get_url_name("inspect"), copy.pk)


class EmailViewSet(CheckedSnippetViewSet):
    """Set `model` to the app's proxy of OutgoingEmail, and register `EmailPermissionPolicy` for it
    (wagtail.permissions.register_permission_policy) before registering the viewset."""

    icon = "mail"
    menu_label = "Emails"
    inspect_view_enabled = True
    inspect_view_class = EmailInspectView
    copy_view_enabled = False
    list_filter = ["status", "kind"]
    search_fields = ["to", "subject"]
    ordering = ["-created_at"]
    list_per_page = 50
    inspect_view_fields = [
        "kind",
        "status",
        "to",
        "reply_to",
        "subject",
        "body",
        "attachment_name",
        "attempts",
        "created_at",
        "sent_at",
        "last_error",
    ]

    @property
    def list_display(self):
        inspect = self.get_url_name("inspect")
        return [
            # Nobody may edit a message, so the subject links to its inspect view.
            TitleColumn("subject", label="Subject", get_url=lambda message: reverse(inspect, args=[message.pk])),
            "to",
            "kind",
            Column("status", label="Status", accessor="get_status_display"),
            "attempts",
            DateColumn("created_at", label="Queued"),
            DateColumn("sent_at", label="Sent"),
        ]

    def get_urlpatterns(self):
        resend_view = ResendView.as_view(model=self.model)
        return [*super().get_urlpatterns(), path("resend/<int:pk>/", resend_view, name="resend")]
