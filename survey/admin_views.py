"""Admin upload of a survey CSV: upload → validation report → confirm → import.

The uploaded file waits between the two steps in a private temporary folder under a random
token remembered in the user's session, so only that user can confirm it and nothing is
imported until they do. (With several app servers, sticky sessions or a shared temp folder
are needed for the two steps to meet.)
"""

import logging
import secrets
import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.validators import FileExtensionValidator
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from .importing import MAX_BYTES, import_file, validate
from .models import SurveyImport

logger = logging.getLogger(__name__)

PERMISSION = "survey.import_survey_data"
SESSION_KEY = "survey_import_token"
# The checked file's name, for the import log: the confirm step only sees the token.
SESSION_NAME_KEY = "survey_import_file_name"
UPLOAD_DIR = Path(tempfile.gettempdir()) / "odi-survey-imports"


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


def _path(token):
    return UPLOAD_DIR / f"{token}.csv"


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
        if not report.ok:
            _log_refused(request, report)
        else:
            UPLOAD_DIR.mkdir(mode=0o700, exist_ok=True)
            token = secrets.token_urlsafe(16)
            _path(token).write_bytes(data)
            request.session[SESSION_KEY] = token
            request.session[SESSION_NAME_KEY] = form.cleaned_data["file"].name
        return _render(request, form=UploadForm(), report=report, token=token, filename=form.cleaned_data["file"].name)
    return _render(request, form=form)


def _confirm(request):
    token = request.POST.get("token", "")
    if not token or token != request.session.get(SESSION_KEY) or not _path(token).is_file():
        return _render(request, form=UploadForm(), expired=True)
    path = _path(token)
    try:
        report = import_file(
            path.read_bytes(),
            user=request.user,
            source=SurveyImport.Source.ADMIN_UPLOAD,
            file_name=request.session.get(SESSION_NAME_KEY, ""),
        )
    finally:
        path.unlink(missing_ok=True)
        request.session.pop(SESSION_KEY, None)
        request.session.pop(SESSION_NAME_KEY, None)
    if not report.ok:
        _log_refused(request, report)
        return _render(request, form=UploadForm(), report=report)
    summary = ", ".join(f"{count} {what}" for what, count in sorted(report.written.items())) or "nothing changed"
    messages.success(request, f"Survey data imported: {summary}.")
    return redirect(reverse("survey_import"))
