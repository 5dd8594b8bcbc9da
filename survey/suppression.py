"""The single gate between stored aggregates and anything published (HTML, CSV, JSON, charts, search).

`suppress()` takes the raw aggregates of one administration and returns a `Results` view in
which every figure about a group smaller than the survey's minimum cell size K is withheld: its
n, mean, sd, percentages and gaps are all `None` and `withheld` is true.

Complementary suppression. Counts in one table form partitions: a dimension's total (the
respondents, or the dimension's answered total when the file gives one) is the sum of its
top-level groups plus a "not specified" remainder; a parent group is the sum of its sub-groups
plus a remainder. Each partition is an equation `total = cell + cell + ... + remainder`. A
withheld value must never be the single unknown of such an equation (it could be recovered by
subtraction), so after the primary suppression we propagate what an attacker can derive
(`_derivable`) and, while anything withheld is derivable, withhold the next smallest published
cell of the equation that gave it away (or the parent group's total when every cell is already
withheld). Means follow: with at least two unknown cells in every partition, the weighted-mean
equation `N·M = Σ nᵢ·mᵢ` always has two or more unknown terms.

Rules that keep tables consistent with each other:
- the set of withheld groups is first computed on the respondent profile of each dimension and
  then applied to every score table of that dimension, so a group hidden in the profile is
  never recoverable by comparing with its n in a score table (score tables may withhold more);
- a remainder of zero is treated as published (an attacker may guess it), a remainder between
  1 and K − 1 is withheld like a small group;
- when groups overlap (their counts add up to more than the total, e.g. multi-select
  questions) there is no equation to protect and no remainder is shown;
- when a table's total is itself below K, the whole table is withheld.
"""

from dataclasses import dataclass, field

REMAINDER = "not-specified"


# ---------------------------------------------------------------------------------------------
# The core, on plain numbers: partitions of counts and the cells to withhold.


@dataclass(frozen=True)
class Partition:
    """`total` = sum of `cells` (keys), where each key's count is in the value dict."""

    total: object
    cells: tuple


def _derivable(partitions, values, unknown):
    """Keys in `unknown` an attacker can compute from the published rest, by peeling equations.

    The partitions of one table form a tree (a sub-group partition hangs below its parent
    group), so repeatedly solving equations with a single unknown finds every derivable value.
    Returns {key: partition that reveals it}.
    """
    unknown = set(unknown)
    revealed = {}
    progress = True
    while progress:
        progress = False
        for part in partitions:
            members = [part.total, *part.cells]
            missing = [key for key in members if key in unknown]
            if len(missing) == 1:
                key = missing[0]
                unknown.discard(key)
                revealed[key] = part
                progress = True
    return revealed


def protect(partitions, values, k, always_published=(), forced=()):
    """Keys to withhold: primary (0 ≤ n < k, remainders 1..k−1) plus complementary cells.

    `values` maps every key to its count; `always_published` are totals that are published
    whatever their size (the respondents, a dimension's answered total); `forced` keys are
    withheld from the start (e.g. groups withheld in the profile).
    """
    always_published = set(always_published)
    withheld = set(forced)
    for key, n in values.items():
        if key in always_published:
            continue
        is_remainder = isinstance(key, tuple) and key and key[0] == REMAINDER
        if (is_remainder and 0 < n < k) or (not is_remainder and n < k):
            withheld.add(key)
    while True:
        # A withheld zero gives no cover: an attacker who guesses "nobody" is right.
        revealed = _derivable(partitions, values, {key for key in withheld if values[key] > 0})
        if not revealed:
            return withheld
        key, part = next(iter(revealed.items()))
        candidates = [cell for cell in part.cells if cell not in withheld and values[cell] > 0]
        if candidates:
            withheld.add(min(candidates, key=lambda cell: (values[cell], _is_remainder(cell), str(cell))))
        elif part.total not in always_published and part.total not in withheld:
            withheld.add(part.total)
        else:
            # Nothing left to hide behind (a published total made of one small group): withhold
            # every cell of the equation; the total then describes no group.
            withheld.update(part.cells)
            return withheld


def _is_remainder(key):
    return isinstance(key, tuple) and bool(key) and key[0] == REMAINDER


# ---------------------------------------------------------------------------------------------
# The published view.


@dataclass(frozen=True)
class Figure:
    """One row of a results table as it may be published."""

    label: str
    kind: str  # "total", "group", "subgroup", "remainder", "unanswered"
    slug: str = ""
    n: int | None = None
    mean: float | None = None
    sd: float | None = None
    pct_favorable: float | None = None
    pct_neutral: float | None = None
    pct_unfavorable: float | None = None
    share: float | None = None  # percent of the table's total (respondent profile)
    gap: float | None = None  # percentage points of favorable against all respondents
    mean_gap: float | None = None
    withheld: bool = False


@dataclass(frozen=True)
class MeasureInfo:
    id: int
    code: str
    name: str
    kind: str
    parent_code: str | None
    order: int

    @property
    def slug(self):
        return self.code.lower()


@dataclass(frozen=True)
class DimensionInfo:
    id: int
    name: str
    slug: str
    order: int


@dataclass(frozen=True)
class Table:
    """A dimension's breakdown: the respondent profile (measure None) or one measure's scores."""

    dimension: DimensionInfo
    measure: MeasureInfo | None
    total: Figure
    rows: tuple
    withheld_count: int = 0


@dataclass(frozen=True)
class Results:
    """Everything that may be published about one administration."""

    k: int
    respondents: int
    measures: tuple
    dimensions: tuple
    scale_points: int = 5
    overall: dict = field(default_factory=dict)  # measure code -> Figure (all respondents)
    profiles: dict = field(default_factory=dict)  # dimension slug -> Table
    scores: dict = field(default_factory=dict)  # (measure code, dimension slug) -> Table

    def measure(self, code):
        return next((m for m in self.measures if m.code.lower() == code.lower()), None)

    def dimension(self, slug):
        return next((d for d in self.dimensions if d.slug == slug), None)

    def measures_of_kind(self, kind):
        return [m for m in self.measures if m.kind == kind]


def _r(value, places=1):
    return None if value is None else round(float(value), places)


def _withheld(label, kind, slug=""):
    return Figure(label=label, kind=kind, slug=slug, withheld=True)


def _score_figure(label, kind, slug, agg, total_agg):
    gap = mean_gap = None
    if agg.pct_favorable is not None and total_agg is not None and total_agg.pct_favorable is not None:
        gap = _r(agg.pct_favorable - total_agg.pct_favorable)
    if agg.mean is not None and total_agg is not None and total_agg.mean is not None:
        mean_gap = _r(agg.mean - total_agg.mean, 2)
    return Figure(
        label=label,
        kind=kind,
        slug=slug,
        n=agg.n,
        mean=_r(agg.mean, 2),
        sd=_r(agg.sd, 2),
        pct_favorable=_r(agg.pct_favorable),
        pct_neutral=_r(agg.pct_neutral),
        pct_unfavorable=_r(agg.pct_unfavorable),
        gap=gap,
        mean_gap=mean_gap,
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


def _partitions(total_key, total_n, top, subs, counts):
    """Equations and remainder counts of one table; groups missing from `counts` are left out."""
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


def _as_info_measure(m, codes):
    return MeasureInfo(m.id, m.code, m.name, m.kind, codes.get(m.parent_id), m.order)


def suppress(*, k, respondents, measures, dimensions, groups, aggregates, scale_points=5):
    """Build the published `Results` from raw rows (model instances or any objects alike).

    measures: id, code, name, kind, parent_id, order; dimensions: id, name, slug, order;
    groups: id, dimension_id, parent_id, label, slug, order; aggregates: measure_id, group_id,
    dimension_id, n, mean, sd, pct_favorable, pct_neutral, pct_unfavorable.
    """
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
        k=k, respondents=respondents, measures=measure_infos, dimensions=dim_infos, scale_points=scale_points
    )

    for m in measure_infos:
        agg = overall_rows.get(m.id)
        if agg is not None:
            results.overall[m.code] = (
                _score_figure("All respondents", "total", "", agg, None)
                if agg.n >= k
                else _withheld("All respondents", "total")
            )

    for dim in dim_infos:
        top, subs = _group_tree(groups_by_dim.get(dim.id, []))
        # Respondent profile: decides which groups are withheld everywhere in this dimension.
        total_n = answered.get(dim.id, respondents)
        counts = {gid: a.n for gid, a in profile_counts.items() if gid in {g.id for g in groups_by_dim.get(dim.id, [])}}
        total_key = ("total",)
        partitions, values, remainders = _partitions(total_key, total_n, top, subs, counts)
        profile_withheld = protect(partitions, values, k, always_published={total_key})
        if total_n < k:
            profile_withheld |= set(values) - {total_key}
        results.profiles[dim.slug] = _profile_table(
            dim, total_n, respondents, dim.id in answered, top, subs, counts, values, remainders, profile_withheld
        )
        group_withheld = {key for key in profile_withheld if key[0] == "group"}

        for m in measure_infos:
            total_agg = overall_rows.get(m.id)
            by_group = scores.get(m.id, {})
            dim_group_ids = {g.id for g in groups_by_dim.get(dim.id, [])}
            counts = {gid: a.n for gid, a in by_group.items() if gid in dim_group_ids}
            if total_agg is None or not counts:
                continue
            results.scores[(m.code, dim.slug)] = _score_table(
                dim, m, total_agg, top, subs, by_group, counts, k, group_withheld
            )
    return results


def _profile_table(dim, total_n, respondents, has_answered, top, subs, counts, values, remainders, withheld):
    rows = []

    def share(n):
        return _r(100 * n / total_n) if total_n else None

    def fig(g, kind):
        key = ("group", g.id)
        if key in withheld:
            return _withheld(g.label, kind, g.slug)
        return Figure(label=g.label, kind=kind, slug=g.slug, n=counts[g.id], share=share(counts[g.id]))

    def remainder(parent_key, label):
        rem_key = remainders.get(parent_key)
        if rem_key is None or values[rem_key] == 0:
            return None
        if rem_key in withheld:
            return _withheld(label, "remainder")
        return Figure(label=label, kind="remainder", n=values[rem_key], share=share(values[rem_key]))

    for g in top:
        if g.id not in counts:
            continue
        rows.append(fig(g, "group"))
        for s in subs.get(g.id, []):
            if s.id in counts:
                rows.append(fig(s, "subgroup"))
        if g.id in counts and subs.get(g.id):
            rest = remainder(("group", g.id), f"{g.label}: not specified")
            if rest:
                rows.append(rest)
    rest = remainder(("total",), "Not specified")
    if rest:
        rows.append(rest)
    if has_answered and respondents > total_n:
        # Who skipped the question: a count about no group, from two published totals.
        rows.append(Figure(label="Did not answer this question", kind="unanswered", n=respondents - total_n))
    label = "Answered this question" if has_answered else "All respondents"
    total = Figure(label=label, kind="total", n=total_n, share=100.0 if total_n else None)
    return Table(dim, None, total, tuple(rows), sum(1 for r in rows if r.withheld))


def _score_table(dim, m, total_agg, top, subs, by_group, counts, k, forced):
    total_key = ("total",)
    if total_agg.n < k:
        rows = tuple(_withheld(g.label, "group", g.slug) for g in top if g.id in counts)
        return Table(dim, m, _withheld("All respondents", "total"), rows, len(rows))
    partitions, values, _ = _partitions(total_key, total_agg.n, top, subs, counts)
    forced = {key for key in forced if key in values}
    withheld = protect(partitions, values, k, always_published={total_key}, forced=forced)
    rows = []
    for g in top:
        if g.id not in counts:
            continue
        for group, kind in [(g, "group"), *((s, "subgroup") for s in subs.get(g.id, []))]:
            if group.id not in counts:
                continue
            if ("group", group.id) in withheld:
                rows.append(_withheld(group.label, kind, group.slug))
            else:
                rows.append(_score_figure(group.label, kind, group.slug, by_group[group.id], total_agg))
    total = _score_figure("All respondents", "total", "", total_agg, None)
    return Table(dim, m, total, tuple(rows), sum(1 for r in rows if r.withheld))
