"""The whole file checked in passes, so rows may refer to what is defined anywhere in it.

Pass 1 checks each row's record type, 2 plans the definitions, 3 checks their parents, 4 checks
and plans the figures. The database is read (what is already stored), never written.
"""

from collections.abc import Callable

from .cells import Row, short
from .definitions import check_group_parent, check_measure_parent, define_administration, define_group, define_measure
from .figures import define_aggregate
from .fileformat import RECORDS
from .known import Known, Stored
from .plan import Plan
from .reading import read
from .report import Report

PROGRESS_EVERY = 5000

Progress = Callable[[str, int, int], None]  # (stage, done, total)

DEFINERS = {"administration": define_administration, "measure": define_measure, "group": define_group}
PARENT_CHECKS = {"measure": check_measure_parent, "group": check_group_parent}
FIGURES = ("profile", "score")


def validate(data: bytes, progress: Progress | None = None) -> tuple[Report, Plan | None]:
    """Check the whole file; returns (Report, plan) without touching the database.

    The plan is None when the file's shape is wrong (see `reading`); otherwise it holds every
    row that passed, and is only worth writing when the report is ok.
    """
    report = Report()
    table = read(data, report)
    if table is None:
        return report, None
    known = Known(Plan(), Stored())
    parsed = []
    for index, source in enumerate(table.rows):
        row = Row(source, report, table.decimal_comma)
        record = source.record()
        if record not in RECORDS:
            row.error(
                "record", f"“{short(row.text('record'))}” is not a record type; expected one of {', '.join(RECORDS)}"
            )
            continue
        report.records[record] += 1
        parsed.append((record, row))
        if progress and index % PROGRESS_EVERY == 0:
            progress("validating", index, len(table.rows))

    for record, row in parsed:
        if record in DEFINERS:
            DEFINERS[record](row, known)
    for record, row in parsed:
        if record in PARENT_CHECKS:
            PARENT_CHECKS[record](row, known)
    for index, (record, row) in enumerate(parsed):
        if record in FIGURES:
            define_aggregate(record, row, known)
        if progress and index % PROGRESS_EVERY == 0:
            progress("checking", index, len(parsed))
    if not parsed and not report.problems:
        report.add(None, None, "the file has a header but no data rows; expected at least one record")
    report.administrations = [f"{survey} {administration}" for survey, administration in known.plan.touched()]
    return report, known.plan
