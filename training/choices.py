"""Choices shared by the training models, forms and admin."""

from django.db import models


class Requirement(models.TextChoices):
    """Who must take a level, and when."""

    NEW_EMPLOYEES = "new_employees", "Required for all new employees, at orientation"
    NEW_MANAGERS = "new_managers", "Required for new managers, on day three of New Manager Orientation"
    OPTIONAL = "optional", "Optional"


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    WAITLISTED = "waitlisted", "Waitlisted"
    CANCELLED = "cancelled", "Cancelled"


class Attendance(models.TextChoices):
    """Recorded by coordinators after a session; blank until then."""

    NOT_RECORDED = "", "Not recorded"
    ATTENDED = "attended", "Attended"
    NO_SHOW = "no_show", "No-show"
