"""Profile and score records: the figures, checked against the structure they refer to.

Run after every definition is known, so a figure may come before the row defining its group.
"""

from .cells import Row, short, slug
from .fileformat import DISTRIBUTION_TOLERANCE
from .known import Known
from .plan import AggregateEntry

PERCENT_COLUMNS = ("pct_favorable", "pct_neutral", "pct_unfavorable")


def define_aggregate(record: str, row: Row, known: Known) -> None:
    """Check a profile or score row and plan its aggregate."""
    survey = known.survey(row)
    admin = row.required("administration")
    n = row.integer("n", required=True)
    dimension, group = row.text("dimension"), row.text("group")
    if not survey:
        return
    admin_slug, dim_slug, group_slug = slug(admin), slug(dimension), slug(group)
    if admin:
        _check_count(row, known, survey, admin_slug, n)
    _check_place(record, row, known, survey, dimension, group)
    measure = ""
    figures = {}
    if record == "profile":
        if not dimension:
            row.error("dimension", "is empty; expected the demographic question these respondents answered")
        row.percentage("percent")  # checked, not stored: shares are recomputed from n
    else:
        measure = row.required("measure_code")
        if measure and known.measure_kind(survey, measure) is None:
            row.error(
                "measure_code",
                f"unknown measure “{short(measure)}”; expected a code defined in this file or already stored",
            )
        figures = _score_figures(row, known.scale_points(survey))
    if not row.ok:
        return
    key = (survey, admin_slug, measure, dim_slug, group_slug)
    what = "score" if record == "score" else "profile count"
    if known.first(("aggregate", *key), row, "group" if group else "n", what):
        known.plan.aggregates[key] = AggregateEntry(n=n, **figures)


def _check_count(row, known, survey, administration, n):
    """The administration is known and `n` is within its respondents."""
    respondents = known.respondents(survey, administration)
    if respondents is None:
        row.error(
            "administration",
            f"unknown administration “{short(row.text('administration'))}”; expected one defined by an administration record or already stored",
        )
    elif n is not None and n > respondents:
        row.error(
            "n", f"{n} is more than the administration's {respondents} respondents; expected at most {respondents}"
        )


def _check_place(record, row, known, survey, dimension, group):
    """Group and dimension: both known and matching, or (for scores) both empty."""
    if group and not dimension:
        row.error("dimension", "is empty but group is set; expected the dimension the group belongs to")
    elif group and known.group_parent(survey, slug(dimension), slug(group)) is None:
        row.error(
            "group",
            f"unknown group “{short(group)}” in “{short(dimension)}”; expected a group defined in this file or already stored",
        )
    elif dimension and not group:
        if not known.has_dimension(survey, slug(dimension)):
            row.error(
                "dimension",
                f"unknown dimension “{short(dimension)}”; expected one defined by group records or already stored",
            )
        if record == "score":
            row.error(
                "group", "is empty but dimension is set; expected both (a group's scores) or neither (all respondents)"
            )


def _score_figures(row, scale):
    """A score's figures: on the survey's scale, with percentages that add up."""
    mean = row.decimal("mean", 1, scale, f"a mean on the 1–{scale} scale")
    sd = row.decimal("sd", 0, scale - 1, f"a standard deviation from 0 to {scale - 1}")
    pcts = {column: row.percentage(column) for column in PERCENT_COLUMNS}
    given = [v for v in pcts.values() if v is not None]
    if len(given) == 3 and abs(sum(given) - 100) > DISTRIBUTION_TOLERANCE:
        row.error(
            "pct_favorable",
            f"favorable + neutral + unfavorable = {sum(given):g}; expected 100 ± {DISTRIBUTION_TOLERANCE:g}",
        )
    elif len(given) == 2 and sum(given) > 100 + DISTRIBUTION_TOLERANCE:
        row.error("pct_favorable", f"the percentages add up to {sum(given):g}; expected at most 100")
    if mean is None and pcts["pct_favorable"] is None and row.ok:
        row.error("mean", "and pct_favorable are both empty; expected a mean, a percent favorable or both")
    return {"mean": mean, "sd": sd, **pcts}
