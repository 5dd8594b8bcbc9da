"""Survey models: the data (aggregates only), the import log and the results page types."""

from .data import MIN_CELL_SIZE_FLOOR, Administration, Aggregate, Dimension, Group, Measure, Survey
from .imports import SurveyImport
from .pages import SurveyResultsIndexPage, SurveyResultsPage
from .uploads import PendingSurveyUpload

__all__ = [
    "PendingSurveyUpload",
    "MIN_CELL_SIZE_FLOOR",
    "Administration",
    "Aggregate",
    "Dimension",
    "Group",
    "Measure",
    "Survey",
    "SurveyImport",
    "SurveyResultsIndexPage",
    "SurveyResultsPage",
]
