"""The single gate between stored aggregates and anything published (HTML, SVG, CSV, JSON, search).

`suppress()` takes the raw aggregates of one administration and returns a `Results`
(survey/results.py) in which nothing about fewer than the survey's minimum cell size K can be
worked out, alone or combined with every other published figure. The threat model and the
proof (an exact audit with integer programming, tests/survey_audit.py) are in
docs/survey-privacy.md; the rules, in the order they are applied:

1. Counts. The counts of one table add up along a tree of equations: a dimension's total
   (respondents, or its answered total) = its groups + "not specified"; a group = its
   sub-groups + their remainder. Cells below K (remainders of 1 to K − 1) are withheld
   ("primary"); then, while any withheld count's feasible range given the published ones is
   narrower than K (`ranges()` computes it exactly for such trees), the smallest published
   cell of its equation is withheld as well ("complementary"). So the withheld cells of an
   equation together hold at least K people (or none), and the union is never a figure of
   its own.
2. Across tables. A group's count on a question is at most its profile count and at least
   that minus the question's non-respondents; so a group withheld in any score table of a
   dimension is withheld in its profile and in every score table of that dimension, and the
   score tables are checked with the bounds the profile gives (and the profile with theirs).
3. Answers. For a shown group smaller than the survey's `min_breakdown_size`, its
   percentages, mean and spread are withheld (its n stays) when they show that all, none or
   all but fewer than K of its members gave one answer category; and further groups' answers
   are withheld until no withheld answers can be pinned that way by subtraction, nor a
   withheld cell's percentage pinned to 0 or 100 (the same tree ranges, per category).
4. Published figures are rounded (percentages to 0.1, means to 0.01) and differences are
   taken between the rounded figures, so no published number says more than the ones shown.
"""

import math
from dataclasses import dataclass, replace

from .results import (
    ANSWERS,
    ANSWERS_COMPLEMENT,
    COMPLEMENT,
    MINIMUM,
    DimensionInfo,
    Figure,
    MeasureInfo,
    Results,
    Table,
)

REMAINDER = "not-specified"
TOTAL = ("total",)
INF = math.inf
DEFAULT_BREAKDOWN_SIZE = 10
CATEGORIES = ("favorable", "neutral", "unfavorable")
OTHER = "other"  # people in no reported category (when the file reports only some)
MEAN_STEP = 0.01  # means are published to two decimals


# ---------------------------------------------------------------------------------------------
# Counts that add up along a tree of equations, and how far an attacker can narrow them.


@dataclass(frozen=True)
class Partition:
    """`total` = sum of `cells` (keys), where each key's count is in the value dict."""

    total: object
    cells: tuple


def _tree(partitions):
    children = {part.total: tuple(part.cells) for part in partitions}
    parent = {cell: part.total for part in partitions for cell in part.cells}
    return children, parent


def ranges(partitions, values, known, floors=None, caps=None):
    """{key: (low, high)}: every value each key can take given the `known` keys' values.

    The partitions form a tree (a sub-group partition hangs below its group) and every count is
    a whole number ≥ 0, optionally within `floors`/`caps` from other tables. For such trees the
    bounds are exact: bottom-up, what each subtree can add up to; top-down, what is left for a
    key once its parent's range and its siblings' subtrees are taken into account.
    """
    floors, caps = floors or {}, caps or {}
    children, parent = _tree(partitions)
    below = {}

    def up(key):
        kids = children.get(key, ())
        for kid in kids:
            up(kid)
        if key in known:
            below[key] = (values[key], values[key])
            return
        low = sum(below[kid][0] for kid in kids) if kids else 0
        high = sum(below[kid][1] for kid in kids) if kids else INF
        below[key] = (max(low, floors.get(key, 0)), min(high, caps.get(key, INF)))

    out = {}

    def down(key, bounds):
        out[key] = bounds
        kids = children.get(key, ())
        if not kids:
            return
        low_sum = sum(below[kid][0] for kid in kids)
        finite_high = sum(below[kid][1] for kid in kids if below[kid][1] != INF)
        infinite = sum(1 for kid in kids if below[kid][1] == INF)
        for kid in kids:
            low, high = below[kid]
            others_low = low_sum - low
            others_high = INF if infinite - (high == INF) else finite_high - (0 if high == INF else high)
            down(kid, (max(low, bounds[0] - others_high), min(high, bounds[1] - others_low)))

    for key in values:
        if key not in parent:
            up(key)
            down(key, below[key])
    return out


def _width(bounds):
    return bounds[1] - bounds[0]


def _is_remainder(key):
    return isinstance(key, tuple) and bool(key) and key[0] == REMAINDER


def _cover(key, children, parent, usable, size, known):
    """The cell to withhold next so that `key` gains cover: when all its parts are published, the
    smallest usable part; else its smallest usable sibling, else its parent, else the same one
    level up; None when nothing can help."""
    kids = children.get(key, ())
    if kids and all(known(kid) for kid in kids):
        parts = [kid for kid in kids if usable(kid)]
        if parts:
            return min(parts, key=lambda cell: (size(cell), _is_remainder(cell), str(cell)))
    node = key
    while node in parent:
        up = parent[node]
        siblings = [cell for cell in children[up] if cell != node and usable(cell)]
        if siblings:
            return min(siblings, key=lambda cell: (size(cell), _is_remainder(cell), str(cell)))
        if usable(up):
            return up
        node = up
    return None


def protect(partitions, values, k, always_published=(), forced=(), hidden=(), floors=None, caps=None):
    """Keys to withhold: primary (n < k, remainders 1..k−1) plus complementary cells, until every
    withheld count's feasible range (`ranges`) is at least k wide. (A withheld group of nobody
    needs no cover: working out that it is empty tells nothing about anyone.)

    `always_published` totals are shown whatever their size; `forced` keys are withheld from the
    start (e.g. groups withheld in another table); `hidden` keys are never shown (a score
    table's remainder) and so are unknown without being protected themselves.
    """
    always_published, hidden = set(always_published), set(hidden)
    withheld = {key for key in forced if key in values}
    for key, n in values.items():
        if key in always_published or key in hidden:
            continue
        if (0 < n < k) if _is_remainder(key) else n < k:
            withheld.add(key)
    children, parent = _tree(partitions)
    hopeless = set()

    def usable(cell):
        return cell not in withheld and cell not in hidden and cell not in always_published and values.get(cell, 0) > 0

    while True:
        bounds = ranges(partitions, values, set(values) - withheld - hidden, floors, caps)
        narrow = sorted(
            (key for key in withheld - hopeless if values[key] > 0 and _width(bounds[key]) < k),
            key=lambda key: (values[key], str(key)),
        )
        if not narrow:
            return withheld
        cover = _cover(
            narrow[0], children, parent, usable, values.__getitem__, lambda cell: cell not in withheld | hidden
        )
        if cover is None:
            hopeless.add(narrow[0])  # nothing left to hide behind; the audit would say so
        else:
            withheld.add(cover)


# ---------------------------------------------------------------------------------------------
# Answers: what the percentages and means of shown and withheld cells give away.


@dataclass(frozen=True)
class _Answers:
    """A cell's answers as counts: people per category (None if no percentages) and score sum."""

    n: int
    counts: dict | None
    score_sum: float | None

    @classmethod
    def of(cls, agg):
        given = {kind: getattr(agg, f"pct_{kind}") for kind in CATEGORIES}
        given = {kind: round(agg.n * pct / 100) for kind, pct in given.items() if pct is not None}
        if given and len(given) < len(CATEGORIES):
            given[OTHER] = max(0, agg.n - sum(given.values()))
        return cls(agg.n, given or None, None if agg.mean is None else agg.n * agg.mean)

    def reveals(self, k):
        """All, none or all but fewer than k of the cell in one reported category; or a mean with
        no percentages beside it (it could say as much)."""
        if self.counts is None:
            return self.score_sum is not None
        return any(count == 0 or count > self.n - k for count in self.counts.values())


def _answer_problem(table, withheld, hidden_answers, n_bounds, cells, k, scale_points):
    """The first cell whose withheld answers can still be narrowed too far, and what would cover it.

    Returns (key, helps) where `helps(cell)` says whether withholding a cell's answers adds cover,
    or None. Per category, counts add up along the same tree as n; "shown" cells publish theirs.
    """
    people = [key for key in withheld if table.values[key] > 0]
    if not hidden_answers and not people:
        return None  # every check below is about one of these: with none, the bounds are not needed
    unknown = withheld | table.hidden | set(hidden_answers)
    caps = {key: n_bounds[key][1] for key in unknown}
    categories = list(cells[TOTAL].counts or {})
    for kind in categories:
        known = {key for key in table.values if key not in unknown and (cells[key].counts or {}).get(kind) is not None}
        for outside in (False, True):  # the category's count, then everyone else's

            def count(key, kind=kind, outside=outside, known=known):
                value = cells[key].counts[kind] if key in known else 0
                return cells[key].n - value if outside and key in known else value

            bounds = ranges(table.partitions, {key: count(key) for key in table.values}, known, caps=caps)
            need = k if outside else 1
            for key in sorted(hidden_answers, key=str):
                if bounds[key][1] < need:
                    return key, _helps(cells, kind, outside)
            for key in sorted(people, key=str):
                if bounds[key][1] < 1:
                    return key, _helps(cells, kind, outside)
    if cells[TOTAL].score_sum is not None:
        known = {key for key in table.values if key not in unknown and cells[key].score_sum is not None}
        floors = {key: n_bounds[key][0] for key in unknown}
        sum_caps = {key: n_bounds[key][1] * scale_points for key in unknown}
        sums = {key: cells[key].score_sum if key in known else 0 for key in table.values}
        bounds = ranges(table.partitions, sums, known, floors, sum_caps)  # sums need not be whole numbers
        for key in sorted(hidden_answers, key=str):
            if _width(bounds[key]) < MEAN_STEP * cells[key].n:
                return key, lambda cell: cells[cell].n > 0
    return None


def _helps(cells, kind, outside):
    def helps(cell):
        answers = cells[cell]
        if not answers.counts or kind not in answers.counts:
            return False
        return (answers.n - answers.counts[kind] if outside else answers.counts[kind]) >= 1

    return helps


def _hidden_answers(table, withheld, n_bounds, cells, k, breakdown_size, scale_points, total_known):
    """{key: reason} of shown cells whose answers are withheld; and True when nothing but the
    all-respondents answers themselves could cover them."""
    shown = [key for key in table.values if key not in withheld and key not in table.hidden and key != TOTAL]
    out = {key: ANSWERS for key in shown if table.values[key] < breakdown_size and cells[key].reveals(k)}
    if not total_known:
        return out, False
    children, parent = _tree(table.partitions)
    while True:
        problem = _answer_problem(table, withheld, out, n_bounds, cells, k, scale_points)
        if problem is None:
            return out, False
        key, helps = problem

        def usable(cell, helps=helps):
            return cell in shown and cell not in out and helps(cell)

        unknown = withheld | table.hidden | set(out)
        cover = _cover(
            key, children, parent, usable, table.values.__getitem__, lambda cell, unknown=unknown: cell not in unknown
        )
        if cover is None:
            return out, True
        out[cover] = ANSWERS_COMPLEMENT


# ---------------------------------------------------------------------------------------------
# One dimension: its profile and score tables, protected together.


class _CountTable:
    """One table's counts as a tree of partitions: the respondent profile or one measure's scores."""

    def __init__(self, total_n, top, subs, counts, hidden_remainders):
        self.partitions, self.values, self.remainders = _partitions(TOTAL, total_n, top, subs, counts)
        self.hidden = set(self.remainders.values()) if hidden_remainders else set()


def _partitions(total_key, total_n, top, subs, counts):
    """Equations and remainder keys of one table; groups missing from `counts` are left out."""
    partitions = []
    values = {total_key: total_n}
    remainders = {}

    def add(parent_key, parent_n, children):
        present = [g for g in children if g.id in counts]
        for g in present:
            values[("group", g.id)] = counts[g.id]
        rest = parent_n - sum(counts[g.id] for g in present)
        if rest < 0:
            return  # overlapping groups: no equation, no remainder
        rem_key = (REMAINDER, parent_key)
        values[rem_key] = rest
        remainders[parent_key] = rem_key
        partitions.append(Partition(parent_key, (*(("group", g.id) for g in present), rem_key)))

    add(total_key, total_n, top)
    for g in top:
        if g.id in counts and subs.get(g.id):
            add(("group", g.id), counts[g.id], subs[g.id])
    return partitions, values, remainders


def _links(profile, profile_bounds, table, respondents, unanswered, profile_withheld):
    """Floors and caps on a score table's counts from the profile, and the question's slack.

    A group's count on a question is at most its profile count and at least that minus how many
    people skipped the question (less those the published groups account for); a score table's
    remainder holds at most the profile's remainder plus those who skipped the demographic
    question plus groups missing from the table.
    """
    top = _cells_of(profile, TOTAL)
    slack = (respondents - table.values[TOTAL]) - sum(
        profile.values[key] - table.values[key]
        for key in top
        if key[0] == "group" and key in table.values and key not in profile_withheld
    )
    floors, caps = {}, {}
    for key in table.values:
        if key[0] == "group" and key in profile_bounds:
            low, high = profile_bounds[key]
            caps[key], floors[key] = high, max(0, low - slack)
    for parent_key, rem_key in table.remainders.items():
        profile_rem = profile.remainders.get(parent_key)
        if profile_rem is None:
            continue
        siblings = _cells_of(profile, parent_key)
        missing = [key for key in siblings if key[0] == "group" and key not in table.values]
        extra = unanswered if parent_key == TOTAL else 0
        low, high = profile_bounds[profile_rem]
        caps[rem_key] = high + extra + sum(profile_bounds[key][1] for key in missing)
        floors[rem_key] = max(0, low + extra + sum(profile_bounds[key][0] for key in missing) - slack)
    return floors, caps, slack


def _cells_of(table, parent_key):
    return next((part.cells for part in table.partitions if part.total == parent_key), ())


def _protect_dimension(profile, tables, k, respondents, unanswered):
    """Withheld keys of the profile, and of each score table, with their count ranges.

    Groups withheld anywhere in the dimension are withheld everywhere in it; the profile and the
    score tables bound each other, and both are protected again until nothing changes.
    """
    forced = {key for table in tables.values() for key, n in table.values.items() if key[0] == "group" and n < k}
    profile_floors, profile_caps = {}, {}
    for _ in range(20):
        withheld = protect(
            profile.partitions, profile.values, k, always_published={TOTAL}, forced=forced,
            floors=profile_floors, caps=profile_caps,
        )  # fmt: skip
        if profile.values[TOTAL] < k:
            withheld = set(profile.values) - {TOTAL}
        profile_bounds = ranges(profile.partitions, profile.values, set(profile.values) - withheld)
        groups = {key for key in withheld if key[0] == "group"}
        score_withheld, score_bounds, new = {}, {}, set()
        floors_from_scores, caps_from_scores = {}, {}
        for code, table in tables.items():
            floors, caps, slack = _links(profile, profile_bounds, table, respondents, unanswered, withheld)
            keys = protect(
                table.partitions, table.values, k, always_published={TOTAL}, forced=groups, hidden=table.hidden,
                floors=floors, caps=caps,
            )  # fmt: skip
            bounds = ranges(table.partitions, table.values, set(table.values) - keys - table.hidden, floors, caps)
            score_withheld[code], score_bounds[code] = keys, bounds
            new |= {key for key in keys if key[0] == "group"} - groups
            for key in groups & set(table.values):
                floors_from_scores[key] = max(floors_from_scores.get(key, 0), bounds[key][0])
                caps_from_scores[key] = min(caps_from_scores.get(key, INF), bounds[key][1] + slack)
        if not new and (floors_from_scores, caps_from_scores) == (profile_floors, profile_caps):
            return withheld, score_withheld, score_bounds
        forced |= new
        profile_floors, profile_caps = floors_from_scores, caps_from_scores
    return withheld, score_withheld, score_bounds


# ---------------------------------------------------------------------------------------------
# The published view.


def _r(value, places=1):
    return None if value is None else round(float(value), places)


def _difference(value, reference, places):
    """Between the rounded figures, so a published gap says no more than the two numbers shown."""
    if value is None or reference is None:
        return None
    return round(value - reference, places)


def _withheld(label, kind, reason, slug="", parent=""):
    return Figure(label=label, kind=kind, slug=slug, withheld=True, reason=reason, parent=parent)


def _score_figure(label, kind, slug, agg, total=None, answers=None, parent=""):
    """A published score row; `answers` (a reason) withholds everything but its n."""
    if answers:
        return Figure(label=label, kind=kind, slug=slug, n=agg.n, answers_withheld=True, reason=answers, parent=parent)
    fig = Figure(
        label=label,
        kind=kind,
        slug=slug,
        n=agg.n,
        mean=_r(agg.mean, 2),
        sd=_r(agg.sd, 2),
        pct_favorable=_r(agg.pct_favorable),
        pct_neutral=_r(agg.pct_neutral),
        pct_unfavorable=_r(agg.pct_unfavorable),
        parent=parent,
    )
    if total is None or total.hidden:
        return fig
    return replace(
        fig, gap=_difference(fig.pct_favorable, total.pct_favorable, 1), mean_gap=_difference(fig.mean, total.mean, 2)
    )


def _group_tree(groups):
    """Top-level groups in order, and each parent's sub-groups in order."""
    ordered = sorted(groups, key=lambda g: (g.order, g.label))
    top = [g for g in ordered if g.parent_id is None]
    subs = {}
    for g in ordered:
        if g.parent_id is not None:
            subs.setdefault(g.parent_id, []).append(g)
    return top, subs


def _as_info_measure(m, codes):
    return MeasureInfo(m.id, m.code, m.name, m.kind, codes.get(m.parent_id), m.order)


def _overall_figure(agg, k, breakdown_size):
    if agg.n < k:
        return _withheld("All respondents", "total", MINIMUM)
    if agg.n < breakdown_size and _Answers.of(agg).reveals(k):
        return _score_figure("All respondents", "total", "", agg, answers=ANSWERS)
    return _score_figure("All respondents", "total", "", agg)


def suppress(
    *, k, respondents, measures, dimensions, groups, aggregates, scale_points=5, breakdown_size=DEFAULT_BREAKDOWN_SIZE
):
    """Build the published `Results` from raw rows (model instances or any objects alike).

    measures: id, code, name, kind, parent_id, order; dimensions: id, name, slug, order;
    groups: id, dimension_id, parent_id, label, slug, order; aggregates: measure_id, group_id,
    dimension_id, n, mean, sd, pct_favorable, pct_neutral, pct_unfavorable.
    """
    breakdown_size = max(k, breakdown_size)
    codes = {m.id: m.code for m in measures}
    measure_infos = tuple(_as_info_measure(m, codes) for m in sorted(measures, key=lambda m: (m.order, m.code)))
    dim_infos = tuple(
        DimensionInfo(d.id, d.name, d.slug, d.order) for d in sorted(dimensions, key=lambda d: (d.order, d.name))
    )
    groups_by_dim = {}
    for g in groups:
        groups_by_dim.setdefault(g.dimension_id, []).append(g)

    profile_counts, answered, scores, overall_rows = {}, {}, {}, {}
    for agg in aggregates:
        if agg.measure_id is None and agg.group_id is not None:
            profile_counts[agg.group_id] = agg
        elif agg.measure_id is None and agg.dimension_id is not None:
            answered[agg.dimension_id] = agg.n
        elif agg.group_id is None:
            overall_rows[agg.measure_id] = agg
        else:
            scores.setdefault(agg.measure_id, {})[agg.group_id] = agg

    results = Results(
        k=k,
        respondents=respondents,
        measures=measure_infos,
        dimensions=dim_infos,
        scale_points=scale_points,
        breakdown_size=breakdown_size,
    )
    for m in measure_infos:
        if m.id in overall_rows:
            results.overall[m.code] = _overall_figure(overall_rows[m.id], k, breakdown_size)

    built = [
        _Dimension(dim, groups_by_dim.get(dim.id, []), respondents, answered.get(dim.id), profile_counts)
        for dim in dim_infos
    ]
    for dimension in built:
        dimension.add_scores(measure_infos, overall_rows, scores, k)
        dimension.protect(k)
        results.profiles[dimension.info.slug] = dimension.profile_table(k)

    for m in measure_infos:
        tables = [d for d in built if m.code in d.tables]
        while True:
            total = results.overall.get(m.code)
            answers, escalate = {}, False
            for d in tables:
                answers[d], cannot_cover = d.hidden_answers(m.code, k, breakdown_size, scale_points, not total.hidden)
                escalate |= cannot_cover
            if escalate and not total.hidden:
                # Nothing but the all-respondents answers can cover a small group's (everyone answered alike).
                results.overall[m.code] = _score_figure(
                    "All respondents", "total", "", overall_rows[m.id], answers=ANSWERS_COMPLEMENT
                )
                continue
            break
        for d in tables:
            results.scores[(m.code, d.info.slug)] = d.score_table(m, total, answers[d], k)
    return results


class _Dimension:
    """The groups of one dimension with their profile counts and score tables."""

    def __init__(self, info, groups, respondents, answered, profile_counts):
        self.info = info
        self.top, self.subs = _group_tree(groups)
        self.labels = {g.id: g for g in groups}
        self.respondents = respondents
        self.has_answered = answered is not None
        self.total_n = respondents if answered is None else answered
        self.counts = {g.id: profile_counts[g.id].n for g in groups if g.id in profile_counts}
        self.profile = _CountTable(self.total_n, self.top, self.subs, self.counts, hidden_remainders=False)
        self.tables, self.aggregates = {}, {}

    def add_scores(self, measures, overall_rows, scores, k):
        ids = set(self.labels)
        for m in measures:
            total = overall_rows.get(m.id)
            by_group = {gid: agg for gid, agg in scores.get(m.id, {}).items() if gid in ids}
            if total is None or not by_group:
                continue
            self.aggregates[m.code] = (total, by_group)
            if total.n >= k:
                counts = {gid: agg.n for gid, agg in by_group.items()}
                self.tables[m.code] = _CountTable(total.n, self.top, self.subs, counts, hidden_remainders=True)

    def protect(self, k):
        unanswered = self.respondents - self.total_n
        self.withheld, self.score_withheld, self.score_bounds = _protect_dimension(
            self.profile, self.tables, k, self.respondents, unanswered
        )
        for code in self.aggregates:
            if code not in self.tables:  # too few answered this question: everything in it is withheld
                self.tables[code] = None

    def hidden_answers(self, code, k, breakdown_size, scale_points, total_known):
        table = self.tables[code]
        if table is None:
            return {}, False
        total, by_group = self.aggregates[code]
        cells = {TOTAL: _Answers.of(total)}
        cells.update({("group", gid): _Answers.of(agg) for gid, agg in by_group.items()})
        for key in table.hidden:
            cells[key] = _Answers(table.values[key], None, None)
        return _hidden_answers(
            table, self.score_withheld[code], self.score_bounds[code], cells, k, breakdown_size, scale_points,
            total_known,
        )  # fmt: skip

    def _ordered(self, counts):
        """(group, kind, parent label) in table order: each group followed by its sub-groups."""
        for g in self.top:
            if g.id not in counts:
                continue
            yield g, "group", ""
            for s in self.subs.get(g.id, []):
                if s.id in counts:
                    yield s, "subgroup", g.label

    def profile_table(self, k):
        withheld, values, remainders = self.withheld, self.profile.values, self.profile.remainders
        total_n = self.total_n
        rows = []

        def share(n):
            return _r(100 * n / total_n) if total_n else None

        def reason(key):
            small = (0 < values[key] < k) if _is_remainder(key) else values[key] < k
            return MINIMUM if small else COMPLEMENT

        def remainder(parent_key, label, parent=""):
            rem_key = remainders.get(parent_key)
            if rem_key is None or values[rem_key] == 0:
                return None
            if rem_key in withheld:
                return _withheld(label, "remainder", reason(rem_key), parent=parent)
            return Figure(label=label, kind="remainder", n=values[rem_key], share=share(values[rem_key]), parent=parent)

        for g, kind, parent in self._ordered(self.counts):
            key = ("group", g.id)
            if key in withheld:
                rows.append(_withheld(g.label, kind, reason(key), g.slug, parent))
            else:
                n = self.counts[g.id]
                rows.append(Figure(label=g.label, kind=kind, slug=g.slug, n=n, share=share(n), parent=parent))
            if kind == "group" and self.subs.get(g.id) and any(s.id in self.counts for s in self.subs[g.id]):
                rest = remainder(key, f"{g.label}: not specified", g.label)
                if rest:
                    rows.append(rest)
        rest = remainder(TOTAL, "Not specified")
        if rest:
            rows.append(rest)
        if self.has_answered and self.respondents > total_n:
            # Who skipped the question: a count about no group, from two published totals.
            rows.append(Figure(label="Did not answer this question", kind="unanswered", n=self.respondents - total_n))
        label = "Answered this question" if self.has_answered else "All respondents"
        total = Figure(label=label, kind="total", n=total_n, share=100.0 if total_n else None)
        return Table(self.info, None, total, tuple(rows), sum(1 for r in rows if r.withheld))

    def score_table(self, m, total, answers, k):
        total_agg, by_group = self.aggregates[m.code]
        table = self.tables[m.code]
        rows = []
        for g, kind, parent in self._ordered(by_group):
            key = ("group", g.id)
            agg = by_group[g.id]
            if table is None or key in self.score_withheld[m.code]:
                reason = MINIMUM if agg.n < k else COMPLEMENT
                rows.append(_withheld(g.label, kind, reason, g.slug, parent))
            else:
                rows.append(_score_figure(g.label, kind, g.slug, agg, total, answers.get(key), parent))
        return Table(self.info, m, total, tuple(rows), sum(1 for r in rows if r.withheld))
