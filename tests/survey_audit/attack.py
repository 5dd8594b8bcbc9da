"""The attacker: every published figure of an administration as one integer program, and the bounds
it leaves on each withheld one.

Per dimension the unknowns are the withheld profile counts and, for each measure's table, each
withheld or answers-withheld row's n, people per answer category, score sum and sum of squared
scores, plus the table's remainder (people in no listed group, never shown). What the attacker
knows (docs/survey-privacy.md):

- every published figure, as the interval its rounding leaves (68.2% of 240 people: 163.56 to
  163.80 favourable, so 164 if it is a count of people);
- that counts add up: a dimension's answered total = its groups + "not specified" (an absent row
  is 0), a group = its sub-groups + their remainder, in the profile and in every score table;
- that a group's n on a question is at most its profile n, and a table's remainder at most the
  profile's "not specified" plus those who did not answer the question plus any group missing
  from the table;
- how scores are made (survey/synthetic.py): each person has one category per measure, whole
  numbers for items, and their score lies in that category's range of the scale; the sum of
  squares follows from n, mean and the sample standard deviation, and every person's score is
  between 1 and the scale's top (so Σx² ≤ (1 + top)·Σx − top·n and Σ(x − a)² ≥ 0 for any a);
- and, beyond what is published, the exact all-respondents answer counts and score sums (not
  only their rounded percentages and means). That makes the attacker stronger than a real one,
  which keeps every bound the audit reports on the safe side, and it makes the dimensions
  independent problems.

Every withheld count with people in it must have a feasible range at least K wide, no withheld
percentage or mean may be pinned tighter than its rounding (0.1 points, 0.01), and no shown group
below the breakdown threshold may be shown to have all, none or all but fewer than K of its
members in one answer category.
"""

import math
import time
from dataclasses import dataclass, field

from survey.synthetic import Cell

from .publication import CATEGORIES
from .solver import INF, System

REMAINDER = "(remainder)"
PCT_STEP = 0.001  # 0.1 percentage points, as a share
MEAN_STEP = 0.01
EPS = 1e-7


@dataclass
class Finding:
    kind: str  # "count", "percentage", "mean", "answers"
    where: str
    width: float
    required: float

    @property
    def ok(self):
        return self.width >= self.required - 1e-9

    def __str__(self):
        return f"{self.kind} {self.where}: feasible width {self.width:g}, needs {self.required:g}"


@dataclass
class Report:
    findings: list = field(default_factory=list)
    solves: int = 0
    seconds: float = 0.0
    zero_cells: int = 0

    @property
    def failures(self):
        return [f for f in self.findings if not f.ok]

    def smallest(self, kind):
        widths = [f.width for f in self.findings if f.kind == kind]
        return min(widths) if widths else None

    def count(self, kind):
        return sum(1 for f in self.findings if f.kind == kind)

    def summary(self):
        return (
            f"{self.count('count')} withheld counts (smallest range {self.smallest('count')}), "
            f"{self.count('percentage')} withheld percentages (smallest range {self.smallest('percentage')}), "
            f"{self.count('mean')} withheld means (smallest range {self.smallest('mean')}), "
            f"{self.count('answers')} small-group answer checks; {self.zero_cells} withheld cells of nobody; "
            f"{self.solves} HiGHS solves in {self.seconds:.1f} s"
        )


def _category_range(category, scale_points, favorable_from, item):
    """The score range of one person in `category` (survey/synthetic.py's rule)."""
    if item:
        return {
            "favorable": (favorable_from, scale_points),
            "neutral": (favorable_from - 1, favorable_from - 1),
            "unfavorable": (1, favorable_from - 2),
        }[category]
    return {
        "favorable": (favorable_from - 0.5, scale_points),
        "neutral": (favorable_from - 1.5, favorable_from - 0.5),
        "unfavorable": (1, favorable_from - 1.5),
    }[category]


FIELDS = ("n", *CATEGORIES, "total", "squares")


def _minus(whole, parts):
    """What `whole` holds beyond `parts` (a remainder), field by field."""
    rest = Cell()
    for name in FIELDS:
        setattr(rest, name, getattr(whole, name) - sum(getattr(part, name) for part in parts))
    return rest


class DimensionModel:
    """One dimension's profile and score tables as blocks of one `System`.

    `truth` is the fixture's {(measure code or None, dimension or None, group or None): Cell}
    (survey/synthetic.py); it fills the all-respondents answers the attacker is given and is
    checked against the model (`validate`).
    """

    def __init__(self, publication, dimension, truth):
        self.pub, self.dimension, self.truth = publication, dimension, truth
        self.system = System()
        self.truth_values = {}
        self.tables = []  # measure codes with a score table here
        self.targets = []  # (kind, block, description, variables...)
        self.zero_cells = 0
        self._profile()
        for (code, dimension_name), rows in publication.scores.items():
            if dimension_name == dimension and not publication.overall[code].withheld:
                self._table(code, rows)

    # -- building ---------------------------------------------------------------------------

    def _value(self, name, truth, low=0.0, high=INF, integer=True, block=None):
        self.system.var(name, low, high, integer)
        self.truth_values[name] = truth
        return name

    def _profile(self):
        total, rows = self.pub.profiles[self.dimension]
        self.profile_total = total.get("n").value
        self.unanswered = self.pub.respondents - self.profile_total
        self.profile_rows = {r.label: r for r in rows if r.kind != "unanswered"}
        block = ("profile", self.dimension)
        self.profile_block = block
        truths = {
            label: self.truth[(None, self.dimension, label)].n
            for label, row in self.profile_rows.items()
            if row.kind != "remainder"
        }
        for label, row in self.profile_rows.items():
            if row.kind == "remainder":
                parts = [
                    other for other, r in self.profile_rows.items() if r.parent == row.parent and r.kind != "remainder"
                ]
                whole = truths[row.parent] if row.parent else self.profile_total
                truths[label] = whole - sum(truths[part] for part in parts)
        for label, row in self.profile_rows.items():
            n = row.get("n")
            truth = truths[label]
            name = self._value(("P", label), truth)
            if n is not None:
                self.system.tighten(name, n.value, n.value)
            elif truth > 0:
                self.targets.append(("count", block, f"profile {self.dimension} / {label}", name))
            else:
                self.zero_cells += 1
        top = [label for label, row in self.profile_rows.items() if not row.parent]
        self.system.add(block, {**{("P", label): 1 for label in top}}, self.profile_total, self.profile_total)
        for parent in top:
            subs = [label for label, row in self.profile_rows.items() if row.parent == parent]
            if subs:
                self.system.add(block, {("P", parent): 1, **{("P", s): -1 for s in subs}}, 0, 0)

    def _profile_remainder(self, parent):
        """The profile's remainder row below `parent` ("" for the dimension), or None if absent (0)."""
        label = f"{parent}: not specified" if parent else "Not specified"
        return ("P", label) if label in self.profile_rows else None

    def _table(self, code, rows):
        pub, system = self.pub, self.system
        kind, _ = pub.measures[code]
        total = pub.overall[code]
        block = ("table", code)
        self.tables.append(code)
        n_total = total.get("n").value
        categories = [c for c in CATEGORIES if total.get(c) is not None]
        has_mean = total.get("mean") is not None
        has_sd = total.get("sd") is not None
        rows = {r.label: r for r in rows}
        top = [label for label, r in rows.items() if not r.parent]
        parents = {r.parent for r in rows.values() if r.parent}
        cells = [*rows, REMAINDER, *(f"{p}: {REMAINDER}" for p in parents)]
        truth = {label: self.truth[(code, self.dimension, label)] for label in rows}
        truth[REMAINDER] = _minus(self.truth[(code, None, None)], [truth[label] for label in top])
        for parent in parents:
            subs = [truth[label] for label, r in rows.items() if r.parent == parent]
            truth[f"{parent}: {REMAINDER}"] = _minus(truth[parent], subs)
        item = kind == "item"
        points, favorable_from = pub.scale_points, pub.favorable_from

        def var(what, label, low=0.0, high=INF, integer=True):
            return self._value((what, code, label), getattr(truth[label], what), low, high, integer)

        for label in cells:
            row = rows.get(label)
            n = var("n", label)
            published = row is not None and not row.withheld
            if published:
                system.tighten(n, row.get("n").value, row.get("n").value)
            elif row is not None:
                if truth[label].n > 0:
                    self.targets.append(("count", block, f"{code} by {self.dimension} / {label}", n))
                else:
                    self.zero_cells += 1
            # Linked to the profile.
            if row is not None and label in self.profile_rows:
                system.add(block, {n: 1, ("P", label): -1}, high=0)
            elif label == REMAINDER or label.endswith(f": {REMAINDER}"):
                parent = "" if label == REMAINDER else label[: -len(f": {REMAINDER}")]
                rem = self._profile_remainder(parent)
                siblings = [
                    other for other, r in self.profile_rows.items() if r.parent == parent and r.kind != "remainder"
                ]
                missing = [("P", other) for other in siblings if other not in rows]
                cap = {n: 1, **dict.fromkeys(missing, -1)}
                if rem:
                    cap[rem] = -1
                system.add(block, cap, high=self.unanswered if not parent else 0)
            # Answers.
            answers_known = published and not row.answers_withheld
            counts = []
            for category in categories:
                f = var(category, label)
                counts.append(f)
                system.add(block, {f: 1, n: -1}, high=0)
                if answers_known and row.get(category) is not None:
                    pct, size = row.get(category), row.get("n").value
                    system.tighten(f, math.ceil(size * pct.low / 100 - EPS), math.floor(size * pct.high / 100 + EPS))
            if len(categories) == len(CATEGORIES):
                system.add(block, {**dict.fromkeys(counts, 1), n: -1}, 0, 0)
            if has_mean:
                s = var("total", label, integer=item)
                system.add(block, {s: 1, n: -1}, low=0)
                system.add(block, {s: 1, n: -points}, high=0)
                if answers_known and row.get("mean") is not None:
                    mean, size = row.get("mean"), row.get("n").value
                    system.tighten(s, size * mean.low - EPS, size * mean.high + EPS)
                if len(categories) == len(CATEGORIES):
                    spans = [_category_range(c, points, favorable_from, item) for c in categories]
                    system.add(block, {s: 1, **{f: -lo for f, (lo, _) in zip(counts, spans, strict=True)}}, low=0)
                    system.add(block, {s: 1, **{f: -hi for f, (_, hi) in zip(counts, spans, strict=True)}}, high=0)
                if has_sd:
                    q = var("squares", label, integer=item)
                    for a in [1 + 0.5 * i for i in range(int(2 * (points - 1)) + 1)]:
                        system.add(block, {q: 1, s: -2 * a, n: a * a}, low=0)
                    system.add(block, {q: 1, s: -(1 + points), n: points}, high=0)
                    if len(categories) == len(CATEGORIES):
                        spans = [_category_range(c, points, favorable_from, item) for c in categories]
                        system.add(
                            block, {q: 1, **{f: -lo * lo for f, (lo, _) in zip(counts, spans, strict=True)}}, low=0
                        )
                        system.add(
                            block, {q: 1, **{f: -hi * hi for f, (_, hi) in zip(counts, spans, strict=True)}}, high=0
                        )
                    if answers_known and row.get("sd") is not None and row.get("mean") is not None:
                        size, mean, sd = row.get("n").value, row.get("mean"), row.get("sd")
                        low = (size - 1) * max(0.0, sd.low) ** 2 + size * mean.low**2
                        high = (size - 1) * sd.high**2 + size * mean.high**2
                        system.tighten(q, low - 1e-6, high + 1e-6)
            if row is not None and (row.withheld or row.answers_withheld) and truth[label].n > 0:
                where = f"{code} by {self.dimension} / {label}"
                for category in categories:
                    self.targets.append(("percentage", block, f"{where} % {category}", (category, code, label), n))
                    if row.answers_withheld:
                        self.targets.append(("answers", block, f"{where} {category}", (category, code, label), n))
                if has_mean:
                    self.targets.append(("mean", block, f"{where} mean", ("total", code, label), n))

        # The sums: all respondents (their true hidden answers: the attacker's bonus) and parents.
        overall = self.truth[(code, None, None)]
        sums = [("n", n_total)]
        sums += [(c, getattr(overall, c)) for c in categories]
        if has_mean:
            sums.append(("total", overall.total))
            if has_sd:
                sums.append(("squares", overall.squares))
        for what, value in sums:
            terms = {(what, code, label): 1 for label in [*top, REMAINDER]}
            system.add(block, terms, value - 1e-6, value + 1e-6)
            for parent in parents:
                subs = [label for label, r in rows.items() if r.parent == parent]
                terms = {(what, code, parent): -1, **{(what, code, s): 1 for s in subs}}
                terms[(what, code, f"{parent}: {REMAINDER}")] = 1
                system.add(block, terms, -1e-6, 1e-6)

    # -- checking ---------------------------------------------------------------------------

    def blocks(self):
        return [self.profile_block, *(("table", code) for code in self.tables)]

    def validate(self):
        """The true figures must satisfy the model, or it (or what was published) is wrong."""
        return self.system.check(self.truth_values, set(self.blocks()))


class Auditor:
    """Bounds of every target of one dimension, solved over the profile and one table at a time.

    The (profile, table) problem is a relaxation of the whole dimension's: its bounds are outer
    ones. A bound that decides the verdict is made exact by checking that its solution's profile
    counts also fit every other table of the dimension (their true figures fit them as they are,
    or a solve says so; remembered per profile); when they do not, the whole dimension is solved.
    """

    def __init__(self, model, report):
        self.model, self.system, self.report = model, model.system, report
        self.extends = {}
        self.witnesses = {}  # count variable -> solutions known to fit the whole dimension

    def _profile_part(self, values):
        return tuple(sorted((name, round(value)) for name, value in values.items() if name[0] == "P"))

    def _fits(self, other, profile):
        if (other, profile) not in self.extends:
            truth = {**self.model.truth_values, **dict(profile)}
            fits = not self.system.check(truth, {other})
            if not fits:
                blocks = [self.model.profile_block, other]
                fits = self.system.optimum({}, blocks, fixed=dict(profile)) is not None
            self.extends[(other, profile)] = fits
        return self.extends[(other, profile)]

    def _extends(self, block, values):
        profile = self._profile_part(values)
        others = [b for b in self.model.blocks() if b not in (block, self.model.profile_block)]
        return all(self._fits(other, profile) for other in others)

    def relaxed(self, objective, block, maximize, extra=()):
        result = self.system.optimum(objective, [self.model.profile_block, block], maximize=maximize, extra=extra)
        if result is not None and block != self.model.profile_block:
            # A solution is itself proof that this table fits these profile counts.
            self.extends[(block, self._profile_part(result[1]))] = True
        return result

    def exact(self, objective, block, maximize, extra=(), result=None):
        """The whole dimension's optimum, from the relaxed one when its solution extends."""
        result = result or self.relaxed(objective, block, maximize, extra)
        if result is None or self._extends(block, result[1]):
            return result
        return self.system.optimum(objective, self.model.blocks(), maximize=maximize, extra=extra)

    def run(self):
        # Relaxed bounds of every count first: their solutions show which profile counts each table
        # fits, so that making the deciding bounds exact rarely needs a solve of its own.
        self.outer = {}
        for kind, block, _, *rest in self.model.targets:
            if kind == "count":
                name = rest[0]
                self.outer[name] = (self.relaxed({name: 1}, block, False), self.relaxed({name: 1}, block, True))
        for target in self.model.targets:
            kind, block, where = target[:3]
            if kind == "count":
                self._count(block, where, target[3])
            elif kind == "answers":
                self._answers(block, where, *target[3:])
            else:
                self._ratio(kind, block, where, *target[3:])

    def _count(self, block, where, name):
        """Exact bounds: the relaxed ones, made exact for the whole dimension."""
        low_result, high_result = self.outer[name]
        low = self.exact({name: 1}, block, False, result=low_result)
        high = self.exact({name: 1}, block, True, result=high_result)
        self.witnesses.setdefault(name, []).extend([low[1], high[1]])
        self.report.findings.append(Finding("count", where, round(high[0]) - round(low[0]), self.model.pub.k))

    def _answers(self, block, where, name, n):
        """A shown group's withheld answers: never all, none or all but fewer than K in a category."""
        size = self.model.truth_values[n]
        most = self.exact({name: 1}, block, maximize=True)[0]
        least = self.exact({name: 1}, block, maximize=False)[0]
        k = self.model.pub.k
        # Room on both sides: at least one person can be in the category, and at least K outside it.
        room = min(round(most), size - k - round(least) + 1)
        self.report.findings.append(Finding("answers", where, max(0, room), 1))

    def _ratio(self, kind, block, where, name, n):
        """Certify that name/n can move by a rounding step either way from the truth; else bound it
        exactly (Dinkelbach's method)."""
        step = PCT_STEP if kind == "percentage" else MEAN_STEP
        truth = self.model.truth_values[name] / self.model.truth_values[n]
        # The solutions found for the cell's count are points of the whole dimension already.
        for values in self.witnesses.get(n, []):
            if values[n] >= 1 - 1e-9 and abs(values[name] / values[n] - truth) >= step:
                self.report.findings.append(Finding(kind, where, step, step))
                return
        some = ({n: 1}, 1, INF)
        for sign in (1, -1):
            target = truth + sign * step
            result = self.exact({name: sign, n: -sign * target}, block, maximize=True, extra=[some])
            if result is not None and result[0] >= -1e-9:
                self.report.findings.append(Finding(kind, where, step, step))
                return
        high = self._extreme(block, name, n, truth, maximize=True)
        low = self._extreme(block, name, n, truth, maximize=False)
        self.report.findings.append(Finding(kind, where, high - low, step))

    def _extreme(self, block, name, n, start, maximize):
        sign = 1 if maximize else -1
        ratio = start
        for _ in range(30):
            result = self.exact({name: sign, n: -sign * ratio}, block, maximize=True, extra=[({n: 1}, 1, INF)])
            if result is None or result[0] <= 1e-9:
                return ratio
            values = result[1]
            ratio = values[name] / values[n]
        return ratio


def audit(publication, truth, dimensions=None):
    """Solve every target of every dimension; returns a Report (findings, solves, seconds)."""
    report = Report()
    started = time.perf_counter()
    for dimension in dimensions or publication.profiles:
        model = DimensionModel(publication, dimension, truth)
        broken = model.validate()
        if broken:
            raise AssertionError(f"the true figures break the model of {dimension}: {broken[:5]}")
        report.zero_cells += model.zero_cells
        Auditor(model, report).run()
        report.solves += model.system.solves
    report.seconds = time.perf_counter() - started
    return report
