"""What an administration publishes, read back from the responses the site actually sends.

`Publication` holds every figure as the outside world sees it: a number with the decimals it is
shown with (so the rounding interval of the true value is known), or a withheld marker. The
structure (which tables, rows, sub-groups) comes from the JSON download; every other output
(CSV, each HTML view's tables and sentences, every SVG chart) is parsed on its own and must
agree with it figure for figure (`Publication.record` fails on any difference), and numbers on
a page that none of those parsers accounts for fail the audit too (tests/survey_audit/pages.py).
"""

import math
import re
from dataclasses import dataclass, field

# The decimals the site promises for each kind of figure; a response showing more decimals than
# this is taken at its word (the interval shrinks), so extra precision cannot slip by.
PLACES = {"n": 0, "share": 1, "favorable": 1, "neutral": 1, "unfavorable": 1, "mean": 2, "sd": 2, "gap": 1}
CATEGORIES = ("favorable", "neutral", "unfavorable")
NUMBER = re.compile(r"[−+-]?\d[\d,]*(?:\.\d+)?")


@dataclass(frozen=True)
class Number:
    """A published figure: its value and the decimals it was shown with."""

    value: float
    places: int

    @property
    def low(self):
        return self.value - 0.5 * 10**-self.places if self.places or self.value != int(self.value) else self.value

    @property
    def high(self):
        return self.value + 0.5 * 10**-self.places if self.places or self.value != int(self.value) else self.value

    @classmethod
    def parse(cls, text, field_name):
        """'1,234', '68.2%', '−3.5', 3.7 (JSON) → Number; None for empty."""
        if text is None or text == "":
            return None
        if isinstance(text, (int, float)) and not isinstance(text, bool):
            raw = repr(text)
        else:
            raw = str(text).strip().rstrip("%").replace(",", "").replace("−", "-").replace("+", "")
        value = float(raw)
        shown = len(raw.split(".")[1]) if "." in raw and "e" not in raw else 0
        return cls(value, max(PLACES[field_name], shown))

    def same(self, other):
        """Equal as published: the same value (the coarser of the two precisions decides)."""
        places = min(self.places, other.places)
        return math.isclose(round(self.value, places), round(other.value, places), abs_tol=1e-9)


@dataclass
class Row:
    """One row of a published table."""

    label: str
    kind: str
    parent: str = ""
    withheld: bool = False
    answers_withheld: bool = False
    reason: str = ""
    figures: dict = field(default_factory=dict)  # field -> Number

    def get(self, name):
        return self.figures.get(name)


@dataclass
class Publication:
    """Everything published about one administration, keyed as the audit's model needs it."""

    k: int
    breakdown_size: int
    respondents: int
    scale_points: int
    favorable_from: int
    measures: dict  # code -> (kind, name)
    facts: dict = field(default_factory=dict)  # administration (label), respondents, invited, response_rate
    overall: dict = field(default_factory=dict)  # code -> Row
    profiles: dict = field(default_factory=dict)  # dimension -> (total Row, [Row])
    scores: dict = field(default_factory=dict)  # (code, dimension) -> [Row]
    seen: dict = field(default_factory=dict)  # key -> (source, Number or withheld marker)
    problems: list = field(default_factory=list)
    sources: set = field(default_factory=set)

    # -- the figures, by key ------------------------------------------------------------------

    def row(self, table, dimension, code, label):
        if table == "overall":
            return self.overall.get(code)
        if table == "profile":
            total, rows = self.profiles.get(dimension, (None, []))
            if label in (None, "", total.label if total else None):
                return total
            return next((r for r in rows if r.label == label), None)
        if label in (None, "", "All respondents"):
            return self.overall.get(code)
        return next((r for r in self.scores.get((code, dimension), []) if r.label == label), None)

    def record(self, source, table, dimension, code, label, name, shown):
        """Check one figure another output shows against the JSON's; `shown` is a Number, the
        string "withheld" (its cell says why it is withheld) or None (not shown there)."""
        self.sources.add(source)
        where = f"{source}: {table} {dimension or ''} {code or ''} {label or ''} {name}".replace("  ", " ")
        row = self.row(table, dimension, code, label)
        if row is None:
            self.problems.append(f"{where}: not in the JSON download")
            return
        expected = row.get(name)
        if shown == "withheld":
            if expected is not None:
                self.problems.append(f"{where}: marked withheld but the JSON publishes {expected.value}")
            elif not (row.withheld or row.answers_withheld):
                self.problems.append(f"{where}: marked withheld but the JSON neither withholds nor publishes it")
            return
        if shown is None:
            return
        if expected is None:
            self.problems.append(f"{where}: shows {shown.value} but the JSON withholds it")
        elif not expected.same(shown):
            self.problems.append(f"{where}: shows {shown.value}, the JSON {expected.value}")
        elif shown.places > expected.places and round(shown.value, expected.places) != shown.value:
            self.problems.append(f"{where}: shows {shown.value}, more decimals than the JSON's {expected.value}")
        else:
            self.seen.setdefault((table, dimension, code, label, name), set()).add(source)


def from_json(data):
    """The JSON download as a Publication: its structure and every figure."""
    scale = data["scale"]
    publication = Publication(
        k=data["minimum_cell_size"],
        breakdown_size=data["minimum_breakdown_size"],
        respondents=data["respondents"],
        scale_points=scale["points"],
        favorable_from=scale["favorable_from"],
        measures={},
        facts={key: data[key] for key in ("administration", "respondents", "invited", "response_rate")},
    )
    for item in data["figures"]:
        row = Row(
            label=item["group"],
            kind=item["group_kind"],
            parent=item["parent_group"] or "",
            withheld=item["withheld"],
            answers_withheld=item["answers_withheld"],
            reason=item["withheld_reason"] or "",
        )
        for name, column in FIELDS.items():
            number = Number.parse(item[column], name)
            if number is not None:
                row.figures[name] = number
        code, dimension = item["measure_code"], item["dimension"]
        if code:
            publication.measures[code] = (item["measure_kind"], item["measure_name"])
        if item["table"] == "overall":
            publication.overall[code] = row
        elif item["table"] == "profile":
            total, rows = publication.profiles.get(dimension, (None, []))
            if row.kind == "total":
                total = row
            else:
                rows.append(row)
            publication.profiles[dimension] = (total, rows)
        else:
            publication.scores.setdefault((code, dimension), []).append(row)
    return publication


# Download columns of each figure (survey/views.py DOWNLOAD_COLUMNS).
FIELDS = {
    "n": "n",
    "share": "share_pct",
    "mean": "mean",
    "sd": "sd",
    "favorable": "pct_favorable",
    "neutral": "pct_neutral",
    "unfavorable": "pct_unfavorable",
    "gap": "gap_points",
}


def check_csv(publication, records):
    """Every CSV figure against the JSON's: same rows, same numbers, same withheld markers."""
    for item in records:
        table = item["table"]
        code = item["measure_code"] or None
        dimension = item["dimension"] or None
        label = item["group"]
        if table == "overall" or (table == "profile" and item["group_kind"] == "total"):
            label = None
        for name, column in FIELDS.items():
            withheld = item["withheld"] == "yes" or (item["answers_withheld"] == "yes" and name not in ("n", "share"))
            shown = "withheld" if withheld and item[column] == "" else Number.parse(item[column], name)
            publication.record("CSV", table, dimension, code, label, name, shown)
        row = publication.row(table, dimension, code, label)
        if row is not None and (row.reason or "") != (item["withheld_reason"] or ""):
            publication.problems.append(f"CSV: {table} {label}: reason {item['withheld_reason']!r} ≠ {row.reason!r}")
