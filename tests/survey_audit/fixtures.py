"""Administrations built to break small-group protection, from made-up respondents (survey/synthetic.py).

Each `Fixture` is one trap the issue (16) names: siblings that together hold fewer than K, a group
of one beside a small remainder, a group small on one question only, nested groups, groups of
exactly K, an interim and a final release of the same people, a file with more decimals, and
small shown groups whose answers would give them away.
"""

import csv
import io
import random
from dataclasses import dataclass, field

from survey import synthetic
from survey.importing import COLUMNS

MEASURES = [
    ("cluster", "C", "Engagement", ""),
    ("factor", "F", "Belonging", "C"),
    ("item", "Q1", "Feeling welcome", "F"),
    ("item", "Q2", "Colleagues' support", "F"),
    ("factor", "G", "Trust", "C"),
    ("item", "Q3", "Trust in leaders", "G"),
]
ITEMS = [code for kind, code, _, _ in MEASURES if kind == "item"]


@dataclass
class Fixture:
    name: str
    respondents: int
    dimensions: list  # as survey/synthetic.py members() takes them
    seed: int = 1
    places: tuple = (1, 2)
    skip: float = 0.0
    offsets: dict = field(default_factory=dict)  # (dimension, group) -> attitude shift
    adjust: object = None  # callable(people, rng) changing answers after they are drawn
    label: str = "2020-21"
    _people: list = None

    @property
    def people(self):
        if self._people is None:
            rng = random.Random(self.seed)
            people = synthetic.members(self.dimensions, self.respondents, rng)
            base = {item: 0.3 + 0.2 * i for i, item in enumerate(ITEMS)}

            def shift(person):
                return sum(
                    self.offsets.get((dimension, group), 0.0)
                    for dimension, label in person.groups.items()
                    for group in label or ()
                )

            synthetic.answer(people, ITEMS, rng, base, shift, skip=self.skip)
            if self.adjust:
                self.adjust(people, rng)
            self._people = people
        return self._people

    def truth(self):
        return synthetic.cells(self.people, MEASURES, self.dimensions)

    def csv(self, people=None, label=None):
        rows = synthetic.rows(
            "audit",
            label or self.label,
            people or self.people,
            MEASURES,
            self.dimensions,
            places=self.places,
            survey_name="Audit survey",
            sample="yes",
        )
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue().encode()


def _all_answer(points, who):
    """Everyone `who(person)` picks answers `points` on every item."""

    def adjust(people, rng):
        for person in people:
            if who(person):
                for item in ITEMS:
                    person.answers[item] = points

    return adjust


def _in(dimension, *groups):
    return lambda person: bool(person.groups.get(dimension)) and person.groups[dimension][0] in groups


def _skip_some(dimension, group, item, count):
    """`count` members of the group skip `item` (and nobody else does)."""

    def adjust(people, rng):
        members = [p for p in people if _in(dimension, group)(p)]
        for person in members[:count]:
            person.answers[item] = None

    return adjust


FIXTURES = [
    Fixture(
        "siblings-below-k",
        80,
        [("Role", [("Lecturers", 1, ""), ("Fellows", 2, ""), ("Faculty", 30, ""), ("Staff", 40, "")], None)],
    ),
    Fixture(
        "one-beside-small-remainder",
        60,
        [("Disability", [("Has a disability", 1, ""), ("No disability", 56, "")], None)],
        adjust=_all_answer(5, _in("Disability", "Has a disability")),
    ),
    Fixture(
        "withheld-all-alike",
        60,
        [("Gender", [("Another gender", 1, ""), ("Nonbinary", 2, ""), ("Woman", 57, "")], None)],
        adjust=_all_answer(5, _in("Gender", "Another gender", "Nonbinary")),
    ),
    Fixture(
        "small-on-one-question",
        70,
        [("Gender", [("Woman", 40, ""), ("Man", 24, ""), ("Nonbinary", 6, "")], 70)],
        adjust=_skip_some("Gender", "Nonbinary", "Q1", 2),
    ),
    Fixture(
        "nested-groups",
        90,
        [
            (
                "Role",
                [
                    ("Staff", 50, ""),
                    ("Staff: management", 2, "Staff"),
                    ("Staff: clinical", 44, "Staff"),
                    ("Faculty", 30, ""),
                    ("Students", 3, ""),
                ],
                None,
            )
        ],
        seed=4,
    ),
    Fixture(
        "exactly-k",
        60,
        [("Gender", [("Woman", 30, ""), ("Man", 25, ""), ("Nonbinary", 5, "")], None)],
        adjust=_all_answer(5, _in("Gender", "Nonbinary")),
    ),
    Fixture(
        "more-decimals",
        120,
        [
            ("Role", [("Postdocs", 3, ""), ("Faculty", 60, ""), ("Staff", 50, "")], None),
            ("Sexual orientation", [("Heterosexual", 96, ""), ("Bisexual", 8, ""), ("Another", 4, "")], 108),
        ],
        places=(3, 4),
        skip=0.02,
        seed=7,
    ),
    Fixture(
        "small-shown-groups",
        90,
        [
            (
                "Race/ethnicity",
                [("Asian", 6, ""), ("Black", 7, ""), ("Hispanic", 9, ""), ("White", 60, ""), ("Multiracial", 8, "")],
                None,
            )
        ],
        offsets={("Race/ethnicity", "Black"): 3.0},
        seed=11,
    ),
]
FIXTURE_NAMES = [f.name for f in FIXTURES]


def interim_and_final():
    """A final release of 100 people and an interim one of its first 70 (the same people)."""
    final = Fixture(
        "interim-final",
        100,
        [("Role", [("Faculty", 40, ""), ("Staff", 52, ""), ("Postdocs", 4, "")], None)],
        seed=5,
        label="2021-22",
    )
    interim_people = final.people[:70]
    return final, interim_people
