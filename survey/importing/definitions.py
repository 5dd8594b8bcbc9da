"""Administration, measure and group records: the structure score and profile rows refer to.

Each `define_*` checks one row and, when it is sound and not a duplicate, adds its entry to the
plan. Parents are checked in a second pass (`check_*_parent`), once every definition is known,
because a parent may be defined further down the file.
"""

import re

from ..choices import MeasureKind
from .cells import Row, short, slug
from .fileformat import PARENT_KIND
from .known import Known
from .plan import AdministrationEntry, DimensionEntry, GroupEntry, MeasureEntry

CODE_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,20}")
MAX_MEASURE_NAME = 150


def define_administration(row: Row, known: Known) -> None:
    survey = known.survey(row, define=True)
    label = row.required("administration")
    respondents = row.integer("respondents", required=True)
    invited = row.integer("invited")
    rate = row.percentage("response_rate")
    fielded_from, fielded_to = row.date("fielded_from"), row.date("fielded_to")
    sample = row.boolean("sample")
    if fielded_from and fielded_to and fielded_to < fielded_from:
        row.error("fielded_to", "is before fielded_from; expected the last day the survey was open")
    if invited is not None and respondents is not None and respondents > invited:
        row.error("respondents", f"{respondents} is more than the {invited} invited; expected at most {invited}")
    if not (survey and label and slug(label)) or not row.ok:
        if label and not slug(label):
            row.error("administration", "has no letters or digits; expected a label such as 2014-15")
        return
    key = (survey, slug(label))
    if known.first(("administration", *key), row, "administration", "administration"):
        known.plan.administrations[key] = AdministrationEntry(
            label=label,
            respondents=respondents,
            invited=invited,
            response_rate=None if rate is None else round(rate, 1),
            fielded_from=fielded_from,
            fielded_to=fielded_to,
            is_sample=sample,
        )


def define_measure(row: Row, known: Known) -> None:
    survey = known.survey(row)
    kind = row.required("measure_kind").lower()
    code = row.required("measure_code")
    name = row.required("measure_name")
    if kind and kind not in MeasureKind.values:
        row.error("measure_kind", f"“{short(kind)}” is not a measure kind; expected cluster, factor or item")
    if code and not CODE_PATTERN.fullmatch(code):
        row.error("measure_code", f"“{short(code)}” is not a code; expected up to 20 letters, digits, - or _, e.g. Q07")
    if len(name) > MAX_MEASURE_NAME:
        row.error(
            "measure_name",
            f"is too long; expected a short label of at most {MAX_MEASURE_NAME} characters (never full item text)",
        )
    if not (survey and row.ok):
        return
    if known.first(("measure", survey, code), row, "measure_code", "measure"):
        known.plan.measures[(survey, code)] = MeasureEntry(
            kind=kind, name=name, parent_code=row.text("parent_code"), order=len(known.plan.measures), row=row.number
        )


def check_measure_parent(row: Row, known: Known) -> None:
    survey = slug(row.text("survey"))
    entry = known.plan.measures.get((survey, row.text("measure_code")))
    if not entry or entry.row != row.number:
        return  # the row was rejected, or is a duplicate already reported
    kind, parent_code = entry.kind, entry.parent_code
    if kind == MeasureKind.CLUSTER:
        if parent_code:
            row.error("parent_code", "is set on a cluster; expected clusters to have no parent")
        return
    expected = PARENT_KIND[kind]
    if not parent_code:
        row.error("parent_code", f"is empty; expected the code of the {expected} this {kind} belongs to")
        return
    parent_kind = known.measure_kind(survey, parent_code)
    if parent_kind is None:
        row.error(
            "parent_code",
            f"unknown measure “{short(parent_code)}”; expected a code defined in this file or already stored",
        )
    elif parent_kind != expected:
        row.error("parent_code", f"“{parent_code}” is a {parent_kind}; expected a {expected}")


def define_group(row: Row, known: Known) -> None:
    survey = known.survey(row)
    dimension = row.required("dimension")
    label = row.required("group")
    for column, value in (("dimension", dimension), ("group", label)):
        if value and not slug(value):
            row.error(column, f"“{short(value)}” has no letters or digits; expected a name")
    if not (survey and row.ok):
        return
    plan = known.plan
    dimension_slug = slug(dimension)
    key = (survey, dimension_slug, slug(label))
    plan.dimensions.setdefault((survey, dimension_slug), DimensionEntry(name=dimension, order=len(plan.dimensions)))
    if known.first(("group", *key), row, "group", "group"):
        parent = row.text("parent_group")
        plan.groups[key] = GroupEntry(
            label=label, parent=slug(parent) if parent else "", order=len(plan.groups), row=row.number
        )


def check_group_parent(row: Row, known: Known) -> None:
    survey, dimension = slug(row.text("survey")), slug(row.text("dimension"))
    entry = known.plan.groups.get((survey, dimension, slug(row.text("group"))))
    if not entry or entry.row != row.number or not entry.parent:
        return
    parent = known.group_parent(survey, dimension, entry.parent)
    if parent is None:
        row.error(
            "parent_group",
            f"unknown group “{short(row.text('parent_group'))}” in {row.text('dimension')}; expected a group of the same dimension",
        )
    elif parent:
        row.error("parent_group", f"“{row.text('parent_group')}” is itself a sub-group; expected a top-level group")
