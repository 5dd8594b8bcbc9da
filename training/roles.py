"""Training coordinators (applied by migrations, odi_site/roles.py): they schedule and manage
sessions, and are the only group that sees registrations and the emails sent to registrants. They
cancel for someone and record attendance, but never edit a registration directly."""

from odi_site.roles import Role

COORDINATORS = "Training coordinators"

ROLES = (
    Role(
        COORDINATORS,
        permissions=(
            "wagtailadmin.access_admin",
            "training.add_trainingsession",
            "training.change_trainingsession",
            "training.view_trainingsession",
            "training.view_registration",
            "training.cancel_registration",
            "training.record_attendance",
            "training.view_trainingemail",
            "training.resend_trainingemail",
        ),
    ),
)
