from django.apps import AppConfig


class PagesConfig(AppConfig):
    """Shared page types, the block library, site settings and navigation."""

    name = "pages"
    default_auto_field = "django.db.models.BigAutoField"
