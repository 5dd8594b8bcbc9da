"""What a valid file defines, as typed entries keyed by slug: validation fills it, writing stores it.

Keys use slugs (and measure codes), the identity a re-import matches stored rows on; an entry
holds only checked values, so writing never re-validates. Entries use slots: a file may plan
100,000 of them.
"""

import datetime
from dataclasses import dataclass, field

# Plain tuples, not NamedTuples: some 100,000 rows build and look up keys several times each.
AdministrationKey = tuple[str, str]  # (survey, administration slug)
MeasureKey = tuple[str, str]  # (survey, measure code)
DimensionKey = tuple[str, str]  # (survey, dimension slug)
GroupKey = tuple[str, str, str]  # (survey, dimension slug, group slug)
# (survey, administration slug, measure code or "" for a profile count, dimension slug, group
# slug or "" for all respondents / a dimension's answered total)
AggregateKey = tuple[str, str, str, str, str]


@dataclass(frozen=True, slots=True)
class SurveyEntry:
    """A survey the file creates (with its first administration record)."""

    name: str


@dataclass(frozen=True, slots=True)
class AdministrationEntry:
    label: str
    respondents: int
    invited: int | None
    response_rate: float | None
    fielded_from: datetime.date | None
    fielded_to: datetime.date | None
    is_sample: bool


@dataclass(frozen=True, slots=True)
class MeasureEntry:
    """`row` is the defining row's number, so its parent is checked on that row only."""

    kind: str
    name: str
    parent_code: str
    order: int
    row: int


@dataclass(frozen=True, slots=True)
class DimensionEntry:
    name: str
    order: int


@dataclass(frozen=True, slots=True)
class GroupEntry:
    """`parent` is the parent group's slug, "" for a top-level group; `row` as for MeasureEntry."""

    label: str
    parent: str
    order: int
    row: int


@dataclass(frozen=True, slots=True)
class AggregateEntry:
    """The figures of a score; a profile count has only `n`."""

    n: int
    mean: float | None = None
    sd: float | None = None
    pct_favorable: float | None = None
    pct_neutral: float | None = None
    pct_unfavorable: float | None = None


@dataclass
class Plan:
    """Everything the file defines, validated and keyed, ready to write."""

    surveys: dict[str, SurveyEntry] = field(default_factory=dict)
    administrations: dict[AdministrationKey, AdministrationEntry] = field(default_factory=dict)
    measures: dict[MeasureKey, MeasureEntry] = field(default_factory=dict)
    dimensions: dict[DimensionKey, DimensionEntry] = field(default_factory=dict)
    groups: dict[GroupKey, GroupEntry] = field(default_factory=dict)
    aggregates: dict[AggregateKey, AggregateEntry] = field(default_factory=dict)

    def touched(self) -> list[AdministrationKey]:
        """The administrations the file defines or holds figures for, sorted."""
        return sorted(set(self.administrations) | {key[:2] for key in self.aggregates})
