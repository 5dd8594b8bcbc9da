"""What a row may refer to: what the file defines, else what the database already holds.

Rows may use a survey, administration, measure or group defined anywhere in the file or stored
by an earlier import, so every lookup tries the plan first, then the stored rows.
"""

from dataclasses import dataclass, field

from ..models import Administration, Dimension, Group, Measure, Survey
from .cells import Row, short, slug
from .fileformat import DEFAULT_SCALE_POINTS
from .plan import Plan, SurveyEntry


@dataclass(frozen=True)
class StoredSurvey:
    """One survey's stored structure, keyed as the plan is."""

    administrations: dict[str, Administration] = field(default_factory=dict)
    measures: dict[str, Measure] = field(default_factory=dict)
    dimensions: dict[str, Dimension] = field(default_factory=dict)
    groups: dict[tuple[str, str], Group] = field(default_factory=dict)  # (dimension slug, group slug)


class Stored:
    """What the database already holds, fetched once per survey and only for surveys the file uses."""

    def __init__(self):
        self.surveys = {s.slug: s for s in Survey.objects.all()}
        self._loaded: dict[str, StoredSurvey] = {}

    def load(self, survey_slug: str) -> StoredSurvey:
        if survey_slug not in self._loaded:
            survey = self.surveys.get(survey_slug)
            self._loaded[survey_slug] = StoredSurvey() if survey is None else _stored(survey)
        return self._loaded[survey_slug]


def _stored(survey):
    return StoredSurvey(
        administrations={a.slug: a for a in survey.administrations.all()},
        measures={m.code: m for m in survey.measures.all()},
        dimensions={d.slug: d for d in survey.dimensions.all()},
        groups={
            (g.dimension.slug, g.slug): g
            for g in Group.objects.filter(dimension__survey=survey).select_related("dimension")
        },
    )


class Known:
    """The plan being built, the stored rows behind it, and where each thing was first defined."""

    def __init__(self, plan: Plan, stored: Stored):
        self.plan = plan
        self.stored = stored
        self._seen: dict[tuple, int] = {}

    def first(self, key: tuple, row: Row, column: str, what: str) -> bool:
        """Record where `key` was first seen; report a duplicate otherwise."""
        if key in self._seen:
            row.error(column, f"duplicates {what} at row {self._seen[key]}; expected each {what} once per file")
            return False
        self._seen[key] = row.number
        return True

    def survey(self, row: Row, define: bool = False) -> str | None:
        """The row's survey slug, if known (or, with `define`, new and now planned); else reports it."""
        value = row.required("survey")
        if not value:
            return None
        survey = slug(value)
        if not survey:
            row.error("survey", f"“{short(value)}” has no letters or digits; expected a survey slug, e.g. des")
            return None
        if survey in self.stored.surveys or survey in self.plan.surveys:
            return survey
        if define:
            self.plan.surveys[survey] = SurveyEntry(name=row.text("survey_name") or value)
            return survey
        row.error(
            "survey",
            f"unknown survey “{short(value)}”; expected an existing survey or an administration record defining it",
        )
        return None

    def measure_kind(self, survey: str, code: str) -> str | None:
        entry = self.plan.measures.get((survey, code))
        if entry:
            return entry.kind
        stored = self.stored.load(survey).measures.get(code)
        return stored.kind if stored else None

    def group_parent(self, survey: str, dimension: str, group: str) -> str | None:
        """The parent slug of a group ("" for top level), or None when the group is unknown."""
        entry = self.plan.groups.get((survey, dimension, group))
        if entry:
            return entry.parent
        stored = self.stored.load(survey).groups.get((dimension, group))
        if stored is None:
            return None
        return stored.parent.slug if stored.parent_id else ""

    def has_dimension(self, survey: str, dimension: str) -> bool:
        return (survey, dimension) in self.plan.dimensions or dimension in self.stored.load(survey).dimensions

    def respondents(self, survey: str, administration: str) -> int | None:
        entry = self.plan.administrations.get((survey, administration))
        if entry:
            return entry.respondents
        stored = self.stored.load(survey).administrations.get(administration)
        return stored.respondents if stored else None

    def scale_points(self, survey: str) -> int:
        stored = self.stored.surveys.get(survey)
        return stored.scale_points if stored else DEFAULT_SCALE_POINTS
