"""Survey data managers (applied by migrations, odi_site/roles.py): the only group that sees or
changes survey data, imports it, reads the import log, and chooses or previews results that are
not public yet."""

from odi_site.roles import Role

DATA_MANAGERS = "Survey data managers"
DATA_MODELS = ("survey", "administration", "measure", "dimension", "group", "aggregate")

ROLES = (
    Role(
        DATA_MANAGERS,
        permissions=(
            "wagtailadmin.access_admin",
            *(f"survey.{action}_{model}" for model in DATA_MODELS for action in ("add", "change", "delete", "view")),
            "survey.import_survey_data",
            "survey.view_surveyimport",
        ),
    ),
)
