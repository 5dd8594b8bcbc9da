"""Synthetic respondents and the aggregates a survey vendor would report about them.

The demo administration and the privacy audit's fixtures are made from individual answers that
are never stored: only the aggregates below go through the importer. Made this way every
group's figures add up to the totals exactly as real results do (the same people, counted once
per question), which an audit of what can be worked out from the published figures needs.

How the synthetic vendor scores: a respondent's score on an item is their answer (1 to the
scale's points); on a factor or cluster it is the mean of the items they answered under it.
A score of at least `favorable_from − ½` is favorable, below `favorable_from − 1½` unfavorable,
neutral in between (on the 5-point DES scale: 4–5, 3 and 1–2 for an item). Respondents who
answered no item of a measure are not counted in it.
"""

import math
from dataclasses import dataclass, field

NOT_SPECIFIED = ""  # answered the demographic question with none of the listed groups
SKIPPED = None  # did not answer the demographic question


@dataclass
class Respondent:
    """One made-up person: a group (or NOT_SPECIFIED/SKIPPED) per dimension and their answers."""

    groups: dict  # dimension -> (group, sub-group or "") | NOT_SPECIFIED | SKIPPED
    answers: dict = field(default_factory=dict)  # item code -> 1..scale points, or None if skipped


@dataclass
class Cell:
    """What the vendor counts for one measure and one set of people."""

    n: int = 0
    favorable: int = 0
    neutral: int = 0
    unfavorable: int = 0
    total: float = 0.0  # sum of the scores
    squares: float = 0.0  # sum of their squares

    def add(self, score, category):
        self.n += 1
        setattr(self, category, getattr(self, category) + 1)
        self.total += score
        self.squares += score * score

    @property
    def mean(self):
        return self.total / self.n if self.n else None

    @property
    def sd(self):
        """Sample standard deviation (n − 1), as survey software reports it; none for one person."""
        if self.n < 2:
            return None
        return math.sqrt(max(0.0, (self.squares - self.total * self.total / self.n) / (self.n - 1)))

    def pct(self, category):
        return 100 * getattr(self, category) / self.n if self.n else None


CATEGORIES = ("favorable", "neutral", "unfavorable")


def category(score, favorable_from=4):
    if score >= favorable_from - 0.5:
        return "favorable"
    if score < favorable_from - 1.5:
        return "unfavorable"
    return "neutral"


def members(dimensions, respondents, rng):
    """Assign each of `respondents` people a group per dimension.

    dimensions: [(name, [(group, n, parent group or ""), ...], answered or None)]; people beyond
    the groups' counts are "not specified", and beyond `answered` skipped the question.
    """
    people = [Respondent(groups={}) for _ in range(respondents)]
    for name, groups, answered in dimensions:
        answered = respondents if answered is None else answered
        labels = []
        for group, n, parent in groups:
            if not parent:
                labels += [(group, "")] * n
        labels += [NOT_SPECIFIED] * (answered - len(labels))
        labels += [SKIPPED] * (respondents - answered)
        rng.shuffle(labels)
        for group, n, parent in groups:
            if parent:
                slots = [i for i, label in enumerate(labels) if label and label == (parent, "")][:n]
                for i in slots:
                    labels[i] = (parent, group)
        for person, label in zip(people, labels, strict=True):
            person.groups[name] = label
    return people


def answer(people, items, rng, base, offset=None, skip=0.01, points=5):
    """Give everyone an answer to each item: a latent attitude (plus their groups' `offset`)
    cut into the scale's points; `base[item]` moves an item's share of favourable answers."""
    offset = offset or (lambda person: 0.0)
    cuts = (-1.6, -0.9, -0.3, 1.3) if points == 5 else tuple(-1.6 + 2.9 * i / (points - 2) for i in range(points - 1))
    for person in people:
        attitude = rng.gauss(0, 1) + offset(person)
        for item in items:
            if rng.random() < skip:
                person.answers[item] = None
                continue
            z = base[item] + 0.9 * attitude + rng.gauss(0, 0.8)
            person.answers[item] = 1 + sum(z >= cut for cut in cuts)


def cells(people, measures, dimensions, favorable_from=4):
    """{(measure code or None, dimension or None, group or None): Cell} for every figure a file holds.

    measures: [(kind, code, name, parent code)]; a measure's score is the mean of the answered
    items at or below it. Keys with measure None are respondent counts (the profile).
    """
    items_below = _items_below(measures)
    out = {}
    for person in people:
        keys = [(None, None)]
        for dimension, label in person.groups.items():
            if label is SKIPPED:
                continue
            keys.append((dimension, None))  # answered the question
            if label:
                keys.append((dimension, label[0]))
                if label[1]:
                    keys.append((dimension, label[1]))
        for dimension, group in keys:
            if dimension is not None:
                out.setdefault((None, dimension, group), Cell()).n += 1
        for _, code, _, _ in measures:
            answers = [person.answers[item] for item in items_below[code] if person.answers.get(item) is not None]
            if not answers:
                continue
            score = sum(answers) / len(answers)
            kind = category(score, favorable_from)
            for dimension, group in keys:
                if dimension is None or group is not None:
                    out.setdefault((code, dimension, group), Cell()).add(score, kind)
    return out


def _items_below(measures):
    children = {}
    for kind, code, _, parent in measures:
        children.setdefault(parent, []).append((kind, code))

    def below(code, kind):
        if kind == "item":
            return [code]
        return [item for child_kind, child in children.get(code, []) for item in below(child, child_kind)]

    return {code: below(code, kind) for kind, code, _, _ in measures}


def rows(survey, administration, people, measures, dimensions, places=(1, 2), favorable_from=4, **facts):
    """The import file's rows (dicts keyed by column) for an administration of `people`.

    dimensions as for `members`; `facts` are the administration record's other cells (survey_name,
    invited, fielded_from, fielded_to, response_rate, sample). `places` are the decimals written
    for percentages and for means/sds.
    """
    pct_places, mean_places = places
    found = cells(people, measures, dimensions, favorable_from)
    common = {"survey": survey}
    out = [
        {**common, "record": "administration", "administration": administration, "respondents": len(people), **facts}
    ]
    for kind, code, name, parent in measures:
        out.append(
            {
                **common,
                "record": "measure",
                "measure_kind": kind,
                "measure_code": code,
                "measure_name": name,
                "parent_code": parent,
            }
        )
    for dimension, groups, _ in dimensions:
        for group, _, parent in groups:
            out.append({**common, "record": "group", "dimension": dimension, "group": group, "parent_group": parent})
    admin = {**common, "administration": administration}
    for dimension, groups, answered in dimensions:
        if answered is not None:
            out.append({**admin, "record": "profile", "dimension": dimension, "n": answered})
        for group, _, _ in groups:
            n = found.get((None, dimension, group), Cell()).n
            out.append({**admin, "record": "profile", "dimension": dimension, "group": group, "n": n})

    def score(cell):
        def fmt(value, digits):
            return "" if value is None else f"{value:.{digits}f}"

        return {
            "n": cell.n,
            "mean": fmt(cell.mean, mean_places),
            "sd": fmt(cell.sd, mean_places),
            **{f"pct_{kind}": fmt(cell.pct(kind), pct_places) for kind in CATEGORIES},
        }

    for _, code, _, _ in measures:
        overall = found.get((code, None, None))
        if overall is None:
            continue
        out.append({**admin, "record": "score", "measure_code": code, **score(overall)})
        for dimension, groups, _ in dimensions:
            for group, _, _ in groups:
                cell = found.get((code, dimension, group))
                if cell is not None:
                    out.append(
                        {
                            **admin,
                            "record": "score",
                            "measure_code": code,
                            "dimension": dimension,
                            "group": group,
                            **score(cell),
                        }
                    )
    return out
