"""Coordinators' actions beyond Wagtail's snippet views: cancel for someone, record attendance."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from .choices import Attendance, RegistrationStatus
from .models import Registration, TrainingSession
from .registration import cancel

CANCEL_PERMISSION = "training.cancel_registration"
ATTENDANCE_PERMISSION = "training.record_attendance"


def require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def registrations_url(session):
    return reverse("wagtailsnippets_training_registration:list") + f"?session={session.pk}"


def can_cancel(registration):
    return registration.status != RegistrationStatus.CANCELLED and registration.session.is_upcoming


def cancel_view(request, pk):
    """GET asks, POST cancels exactly as the person's own link would (waitlist moves up, emails go)."""
    require(request, CANCEL_PERMISSION)
    registration = get_object_or_404(Registration.objects.select_related("session__level"), pk=pk)
    if request.method == "POST" and can_cancel(registration):
        result = cancel(registration)
        note = f" {result.promoted.name} moves up from the waitlist." if result.promoted else ""
        messages.success(request, f"{registration.name}'s registration is cancelled and they have been emailed.{note}")
        return redirect(registrations_url(registration.session))
    context = {
        "page_title": "Cancel a registration",
        "page_subtitle": str(registration),
        "header_icon": "cross",
        "registration": registration,
        "can_cancel": can_cancel(registration),
        "back_url": registrations_url(registration.session),
    }
    return TemplateResponse(request, "training/admin/cancel_registration.html", context)


class AttendanceForm(forms.Form):
    """One radio group per confirmed registrant (or anyone whose attendance is recorded already)."""

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.registrations = registrations
        for registration in registrations:
            self.fields[self.field_name(registration)] = forms.ChoiceField(
                label=f"{registration.name} ({registration.department})",
                choices=Attendance.choices,
                required=False,
                initial=registration.attendance,
                widget=forms.RadioSelect,
            )

    @staticmethod
    def field_name(registration):
        return f"registration_{registration.pk}"

    def changes(self):
        return {
            registration.pk: self.cleaned_data[self.field_name(registration)]
            for registration in self.registrations
            if self.cleaned_data[self.field_name(registration)] != registration.attendance
        }


def attendance_view(request, pk):
    """Who came: saved in one transaction, with the session's attended count the program figure reads."""
    require(request, ATTENDANCE_PERMISSION)
    session = get_object_or_404(TrainingSession.objects.select_related("level"), pk=pk)
    registrations = list(
        session.registrations.filter(status=RegistrationStatus.CONFIRMED)
        | session.registrations.exclude(attendance=Attendance.NOT_RECORDED)
    )
    started = session.start <= timezone.now()
    form = AttendanceForm(request.POST or None, registrations=registrations)
    if request.method == "POST" and started and form.is_valid():
        with transaction.atomic():
            for registration_pk, attendance in form.changes().items():
                Registration.objects.filter(pk=registration_pk).update(attendance=attendance)
            session.attended_count = session.registrations.filter(attendance=Attendance.ATTENDED).count()
            session.save(update_fields=["attended_count"])
        messages.success(request, f"Attendance saved: {session.attended_count} attended.")
        return redirect(registrations_url(session))
    context = {
        "page_title": "Record attendance",
        "page_subtitle": str(session),
        "header_icon": "tick",
        "session": session,
        "form": form,
        "started": started,
        "back_url": registrations_url(session),
    }
    return TemplateResponse(request, "training/admin/attendance.html", context)
