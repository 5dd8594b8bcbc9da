"""survey/synthetic.py: made-up respondents whose aggregates add up like real results."""

import random

import pytest

from survey import synthetic
from survey.demo import DIMENSIONS, RESPONDENTS, demo_rows

MEASURES = [
    ("cluster", "C", "Cluster", ""),
    ("factor", "F", "Factor", "C"),
    ("item", "Q1", "One", "F"),
    ("item", "Q2", "Two", "F"),
]
DIMS = [("Role", [("A", 30, ""), ("B", 50, ""), ("B1", 20, "B")], 90)]


@pytest.fixture
def people():
    rng = random.Random(1)
    people = synthetic.members(DIMS, 100, rng)
    synthetic.answer(people, ["Q1", "Q2"], rng, {"Q1": 0.2, "Q2": 0.4}, skip=0.05)
    return people


def test_members_follow_the_counts(people):
    labels = [p.groups["Role"] for p in people]
    assert sum(1 for label in labels if label and label[0] == "A") == 30
    assert sum(1 for label in labels if label and label[0] == "B") == 50
    assert sum(1 for label in labels if label == ("B", "B1")) == 20
    assert labels.count(synthetic.NOT_SPECIFIED) == 10 and labels.count(synthetic.SKIPPED) == 10


def test_groups_add_up_to_their_totals(people):
    cells = synthetic.cells(people, MEASURES, DIMS)
    for code in ("C", "F", "Q1", "Q2"):
        total = cells[(code, None, None)]
        parts = [cells[(code, "Role", g)] for g in ("A", "B")]
        assert sum(p.n for p in parts) <= total.n
        for kind in synthetic.CATEGORIES:
            assert sum(getattr(p, kind) for p in parts) <= getattr(total, kind)
        assert total.favorable + total.neutral + total.unfavorable == total.n
        assert cells[(code, "Role", "B1")].n <= cells[(code, "Role", "B")].n
    assert cells[(None, "Role", None)].n == 90


def test_item_categories_are_the_answers():
    assert [synthetic.category(answer) for answer in (1, 2, 3, 4, 5)] == [
        "unfavorable",
        "unfavorable",
        "neutral",
        "favorable",
        "favorable",
    ]
    assert synthetic.category(3.5) == "favorable" and synthetic.category(2.4) == "unfavorable"


def test_rows_write_the_requested_decimals(people):
    rows = synthetic.rows("des", "2020", people, MEASURES, DIMS, places=(3, 4))
    score = next(r for r in rows if r["record"] == "score" and r["measure_code"] == "Q1")
    assert len(score["pct_favorable"].split(".")[1]) == 3 and len(score["mean"].split(".")[1]) == 4


def test_demo_file_is_consistent_with_its_profile():
    rows = demo_rows()
    profile = {(r["dimension"], r.get("group")): r["n"] for r in rows if r["record"] == "profile"}
    for dimension, groups in DIMENSIONS:
        for group, n, _ in groups:
            assert profile[(dimension, group)] == n
    overall = [r for r in rows if r["record"] == "score" and "dimension" not in r]
    assert all(RESPONDENTS - 60 <= r["n"] <= RESPONDENTS for r in overall)
