"""The published view of one administration: what survey/suppression.py lets out, nothing more.

Views, charts, downloads and the search index read these objects only, never stored rows.
"""

from dataclasses import dataclass, field

# Why a figure is withheld: the reason codes of the downloads (docs/survey-privacy.md).
MINIMUM = "fewer-than-minimum"  # about fewer than K people
COMPLEMENT = "protects-smaller-group"  # withheld so that a smaller group's count cannot be worked out
ANSWERS = "small-group-answers"  # n shown; answers would show what all, none or nearly all of the group said
ANSWERS_COMPLEMENT = "protects-small-group-answers"  # n shown; answers withheld so another group's cannot be worked out


@dataclass(frozen=True)
class Figure:
    """One row of a results table as it may be published.

    `withheld`: nothing about the row is published but its label. `answers_withheld`: its n is
    published, its percentages, mean and spread are not. `reason` says why (one of the codes above).
    """

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
    answers_withheld: bool = False
    reason: str = ""
    parent: str = ""  # a sub-group's parent group (its label)

    @property
    def hidden(self):
        """True when the row's answers are not published (all withheld, or only its answers)."""
        return self.withheld or self.answers_withheld


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
    breakdown_size: int = 10
    overall: dict = field(default_factory=dict)  # measure code -> Figure (all respondents)
    profiles: dict = field(default_factory=dict)  # dimension slug -> Table
    scores: dict = field(default_factory=dict)  # (measure code, dimension slug) -> Table

    def measure(self, code):
        return next((m for m in self.measures if m.code.lower() == code.lower()), None)

    def dimension(self, slug):
        return dimension_with_slug(self.dimensions, slug)

    def measures_of_kind(self, kind):
        return [m for m in self.measures if m.kind == kind]

    def withheld_text(self, reason):
        """How a table cell explains a withheld figure."""
        return {
            MINIMUM: f"fewer than {self.k} respondents",
            COMPLEMENT: "withheld to protect a smaller group",
            ANSWERS: f"answers withheld: fewer than {self.breakdown_size} respondents",
            ANSWERS_COMPLEMENT: "answers withheld to protect a smaller group",
        }.get(reason, "withheld")

    def note(self, fig):
        """The sentence a table cell shows in place of a withheld figure's numbers."""
        if fig.reason == MINIMUM:
            return f"Withheld: {self.withheld_text(MINIMUM)}"
        text = self.withheld_text(fig.reason)
        return text[:1].upper() + text[1:]


def dimension_with_slug(dimensions, slug):
    return next((d for d in dimensions if d.slug == slug), None)
