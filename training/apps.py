from django.apps import AppConfig


class TrainingConfig(AppConfig):
    """The Path to Inclusion training program: levels, sessions and registrations."""

    name = "training"
    default_auto_field = "django.db.models.BigAutoField"
