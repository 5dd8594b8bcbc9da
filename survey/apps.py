from django.apps import AppConfig


class SurveyConfig(AppConfig):
    """Diversity Engagement Survey aggregates, suppression and results pages."""

    name = "survey"
    default_auto_field = "django.db.models.BigAutoField"
