"""The file format of docs/survey-csv.md as constants, so the docs and the checks share one source."""

from ..choices import MeasureKind

MAX_BYTES = 25 * 1024 * 1024
MAX_COLUMNS = 40
MAX_FIELD_LENGTH = 300

RECORDS = ("administration", "measure", "group", "profile", "score")
COLUMNS = (
    "record",
    "survey",
    "survey_name",
    "administration",
    "fielded_from",
    "fielded_to",
    "invited",
    "respondents",
    "response_rate",
    "sample",
    "measure_kind",
    "measure_code",
    "measure_name",
    "parent_code",
    "dimension",
    "group",
    "parent_group",
    "n",
    "percent",
    "mean",
    "sd",
    "pct_favorable",
    "pct_neutral",
    "pct_unfavorable",
)
ALWAYS_REQUIRED = ("record", "survey")
# Cells each record needs; a column that some record needs must be in the header.
REQUIRED_CELLS = {
    "administration": ("administration", "respondents"),
    "measure": ("measure_kind", "measure_code", "measure_name"),
    "group": ("dimension", "group"),
    "profile": ("administration", "dimension", "n"),
    "score": ("administration", "measure_code", "n"),
}

PARENT_KIND = {MeasureKind.ITEM: MeasureKind.FACTOR, MeasureKind.FACTOR: MeasureKind.CLUSTER}
DEFAULT_SCALE_POINTS = 5
DISTRIBUTION_TOLERANCE = 1.5
