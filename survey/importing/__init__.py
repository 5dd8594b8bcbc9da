"""Read, validate and store a survey CSV (format: docs/survey-csv.md). All or nothing.

`validate(data)` parses and checks the whole file without writing and returns a `Report` (and
the plan); `import_file(data)` does the same and, only when there is no problem, writes everything
in one transaction with bulk inserts/updates, and logs it as a `SurveyImport`. Re-importing the
same file changes no figures. Used by `manage.py import_survey` and the admin upload view.

One step per module, each depending only on the ones before it:
`fileformat` (the documented columns and limits) → `report` (problems) → `reading` (bytes to
rows) → `cells` (typed cell values) → `plan` (typed entries) → `known` (file, then database) →
`definitions` and `figures` (one record type each) → `validation` (the passes) → `writing`.
"""

from .fileformat import COLUMNS, MAX_BYTES, MAX_COLUMNS, MAX_FIELD_LENGTH
from .plan import Plan
from .report import Problem, Report
from .validation import validate
from .writing import import_file

__all__ = [
    "COLUMNS",
    "MAX_BYTES",
    "MAX_COLUMNS",
    "MAX_FIELD_LENGTH",
    "Plan",
    "Problem",
    "Report",
    "import_file",
    "validate",
]
