"""What a valid file defines, as typed entries keyed by slug: validation fills it, writing stores it.

Keys use slugs (and measure codes), the identity a re-import matches stored rows on; an entry
holds only checked values, so writing never re-validates.
"""

import datetime
from dataclasses import dataclass, field
from typing import NamedTuple


class AdministrationKey(NamedTuple):
    survey: str
    administration: str


class MeasureKey(NamedTuple):
    survey: str
    code: str


class DimensionKey(NamedTuple):
    survey: str
    dimension: str


class GroupKey(NamedTuple):
    survey: str
    dimension: str
    group: str


class AggregateKey(NamedTuple):
    """An aggregate's place; measure "" is a profile count, group "" all respondents (or a dimension's total)."""

    survey: str
    administration: str
    measure: str
    dimension: str
    group: str


@dataclass(frozen=True)
class SurveyEntry:
    """A survey the file creates (with its first administration record)."""

    name: str


@dataclass(frozen=True)
class AdministrationEntry:
    label: str
    respondents: int
    invited: int | None
    response_rate: float | None
    fielded_from: datetime.date | None
    fielded_to: datetime.date | None
    is_sample: bool


@dataclass(frozen=True)
class MeasureEntry:
    """`row` is the defining row's number, so its parent is checked on that row only."""

    kind: str
    name: str
    parent_code: str
    order: int
    row: int


@dataclass(frozen=True)
class DimensionEntry:
    name: str
    order: int


@dataclass(frozen=True)
class GroupEntry:
    """`parent` is the parent group's slug, "" for a top-level group; `row` as for MeasureEntry."""

    label: str
    parent: str
    order: int
    row: int


@dataclass(frozen=True)
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
        return sorted(
            set(self.administrations) | {AdministrationKey(key.survey, key.administration) for key in self.aggregates}
        )
