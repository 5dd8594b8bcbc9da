"""Admin upload of a survey CSV: upload → validation report → confirm → import.

The checked file waits between the two steps as a database row (PendingSurveyUpload) under a
random token, so the confirmation may reach any app server; only the user who checked it can
confirm it, it expires after PENDING_MAX_AGE, and nothing is imported until it is confirmed.
`remove_expired_uploads()` (run by `run_periodic_tasks`) deletes abandoned ones.
"""

import logging
import secrets
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.validators import FileExtensionValidator
from django.db import DatabaseError, transaction
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from .importing import MAX_BYTES, import_file, validate
from .models import PendingSurveyUpload, SurveyImport

logger = logging.getLogger(__name__)

PERMISSION = "survey.import_survey_data"
PENDING_MAX_AGE = timedelta(hours=2)
NOT_KEPT_MESSAGE = (
    "The file is valid but could not be kept for confirmation: the server's storage is full or not "
    "responding. Nothing has been imported. Please try again later."
)


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Survey CSV file",
        help_text="UTF-8 CSV in the format of docs/survey-csv.md (comma or semicolon separated).",
        # A workbook or a document would only fail later with a puzzling "NUL byte" report.
        validators=[
            FileExtensionValidator(
                ["csv"],
                message="This is a .%(extension)s file; choose a .csv file (in a spreadsheet: Save As, CSV UTF-8).",
            )
        ],
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
        return upload


def remove_expired_uploads():
    """Delete checked files nobody confirmed in time; returns how many."""
    deleted, _ = PendingSurveyUpload.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted


def _keep(request, name, data):
    """Store the checked file for the confirm step (replacing the user's earlier one); its token."""
    token = secrets.token_urlsafe(24)
    with transaction.atomic():
        PendingSurveyUpload.objects.filter(user=request.user).delete()
        PendingSurveyUpload.objects.create(
            token=token,
            user=request.user,
            file_name=name,
            data=data,
            expires_at=timezone.now() + PENDING_MAX_AGE,
        )
    return token


def _render(request, **context):
    if context.get("report") is not None:
        # A Counter answers 0 to any key, so templates must not look up `.items` on it.
        context["records"] = sorted(context["report"].records.items())
    context.setdefault("page_title", "Import survey data")
    context.setdefault("header_icon", "upload")
    return TemplateResponse(request, "survey/admin/import.html", context)


def _log_refused(request, report):
    """Where the problems are (columns), not what the cells say: a file may hold anything."""
    count = len(report.problems) + report.truncated
    logger.info(
        "Survey upload refused: %s problems",
        count,
        extra={
            "user_id": request.user.pk,
            "problems": count,
            "problem_columns": sorted({problem.column for problem in report.problems if problem.column}),
        },
    )


def import_view(request):
    if not request.user.has_perm(PERMISSION):
        # A plain 403 (Wagtail would turn PermissionDenied into a redirect to the dashboard).
        return HttpResponseForbidden("You do not have permission to import survey data.")
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read(MAX_BYTES + 1)
        report, _ = validate(data)
        token = None
        name = form.cleaned_data["file"].name
        if not report.ok:
            _log_refused(request, report)
        else:
            try:
                token = _keep(request, name, data)
            except DatabaseError as error:  # e.g. the database's disk is full
                logger.error("Checked survey upload not kept: %s", type(error).__name__)
                form.add_error("file", NOT_KEPT_MESSAGE)
                return _render(request, form=form)
        return _render(request, form=UploadForm(), report=report, token=token, filename=name)
    return _render(request, form=form)


def _confirm(request):
    token = request.POST.get("token", "")
    pending = PendingSurveyUpload.objects.filter(token=token, user=request.user, expires_at__gt=timezone.now()).first()
    if not token or pending is None:
        return _render(request, form=UploadForm(), expired=True)
    try:
        report = import_file(
            bytes(pending.data),
            user=request.user,
            source=SurveyImport.Source.ADMIN_UPLOAD,
            file_name=pending.file_name,
        )
    finally:
        pending.delete()
    if not report.ok:
        _log_refused(request, report)
        return _render(request, form=UploadForm(), report=report)
    summary = ", ".join(f"{count} {what}" for what, count in sorted(report.written.items())) or "nothing changed"
    messages.success(request, f"Survey data imported: {summary}.")
    return redirect(reverse("survey_import"))
