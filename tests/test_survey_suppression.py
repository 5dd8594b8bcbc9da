"""survey/suppression.py: primary and complementary suppression, and an attacker who must fail.

The attacker sees the published tables and knows how they add up (dimension total = groups +
"not specified"; parent group = sub-groups + remainder; every count a whole number ≥ 0). For
each withheld count it searches for a second assignment of all withheld counts that fits every
published figure; finding none means the value is pinned down, which must never happen.
"""

from dataclasses import dataclass
from itertools import count

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from survey.suppression import Partition, protect, ranges, suppress

_ids = count(1)


@dataclass
class M:
    id: int
    code: str
    name: str = "Measure"
    kind: str = "factor"
    parent_id: int | None = None
    order: int = 0


@dataclass
class D:
    id: int
    name: str
    slug: str
    order: int = 0


@dataclass
class G:
    id: int
    dimension_id: int
    label: str
    slug: str
    parent_id: int | None = None
    order: int = 0


@dataclass
class A:
    n: int
    measure_id: int | None = None
    group_id: int | None = None
    dimension_id: int | None = None
    mean: float | None = None
    sd: float | None = None
    pct_favorable: float | None = None
    pct_neutral: float | None = None
    pct_unfavorable: float | None = None


def build(respondents, spec, k=5, answered=None, with_scores=True):
    """spec: [(label, n, [(sub label, n), ...]), ...] for one dimension "Role"."""
    dim = D(1, "Role", "role")
    measure = M(1, "TRUST", "Trust")
    groups, aggs = [], []
    if answered is not None:
        aggs.append(A(answered, dimension_id=1))
    overall_mean = 3.7
    aggs.append(A(respondents, measure_id=1, mean=overall_mean, pct_favorable=70.0))
    for order, (label, n, subs) in enumerate(spec):
        g = G(next(_ids), 1, label, f"g{order}", order=order)
        groups.append(g)
        aggs.append(A(n, group_id=g.id))
        if with_scores:
            aggs.append(A(n, measure_id=1, group_id=g.id, mean=3.0 + order / 10, pct_favorable=60.0 + order))
        for sub_order, (sub_label, sub_n) in enumerate(subs):
            s = G(next(_ids), 1, sub_label, f"g{order}-{sub_order}", parent_id=g.id, order=100 + sub_order)
            groups.append(s)
            aggs.append(A(sub_n, group_id=s.id))
            if with_scores:
                aggs.append(A(sub_n, measure_id=1, group_id=s.id, mean=3.5, pct_favorable=65.0))
    results = suppress(
        k=k, respondents=respondents, measures=[measure], dimensions=[dim], groups=groups, aggregates=aggs
    )
    return results, groups


def rows_by_label(table):
    return {row.label: row for row in table.rows}


class TestPrimarySuppression:
    def test_small_group_is_withheld_with_every_figure_absent(self):
        results, _ = build(100, [("Faculty", 60, []), ("Staff", 37, []), ("Tiny", 3, [])])
        tiny = rows_by_label(results.profiles["role"])["Tiny"]
        assert tiny.withheld
        assert (tiny.n, tiny.share, tiny.mean, tiny.pct_favorable, tiny.gap) == (None,) * 5
        score = rows_by_label(results.scores[("TRUST", "role")])["Tiny"]
        assert score.withheld and score.mean is None and score.gap is None and score.pct_favorable is None

    def test_group_at_the_minimum_is_published(self):
        results, _ = build(100, [("Faculty", 50, []), ("Staff", 45, []), ("Five", 5, [])])
        assert rows_by_label(results.profiles["role"])["Five"].n == 5

    def test_minimum_cell_size_is_the_survey_setting(self):
        results, _ = build(100, [("Faculty", 50, []), ("Staff", 42, []), ("Eight", 8, [])], k=10)
        assert rows_by_label(results.profiles["role"])["Eight"].withheld


class TestComplementarySuppression:
    def test_one_withheld_group_takes_the_next_smallest_with_it(self):
        results, _ = build(100, [("Faculty", 60, []), ("Staff", 30, []), ("Students", 7, []), ("Tiny", 3, [])])
        rows = rows_by_label(results.profiles["role"])
        assert rows["Tiny"].withheld and rows["Students"].withheld
        assert not rows["Faculty"].withheld and not rows["Staff"].withheld

    def test_two_small_groups_need_no_complement(self):
        results, _ = build(100, [("Faculty", 60, []), ("Staff", 34, []), ("A", 3, []), ("B", 3, [])])
        rows = rows_by_label(results.profiles["role"])
        assert [label for label, row in rows.items() if row.withheld] == ["A", "B"]

    def test_not_specified_remainder_is_shown_when_safe(self):
        results, _ = build(100, [("Faculty", 60, []), ("Staff", 30, [])])
        rows = rows_by_label(results.profiles["role"])
        assert rows["Not specified"].n == 10
        assert rows["Not specified"].share == 10.0

    def test_small_remainder_is_withheld_with_a_complement(self):
        results, _ = build(100, [("Faculty", 60, []), ("Staff", 38, [])])
        rows = rows_by_label(results.profiles["role"])
        assert rows["Not specified"].withheld
        assert rows["Staff"].withheld  # else 100 − 60 − 38 gives the remainder

    def test_parent_group_and_its_subgroups(self):
        spec = [("Faculty", 50, []), ("Staff", 48, [("Staff: management", 3), ("Staff: other", 45)])]
        results, _ = build(98, spec)
        rows = rows_by_label(results.profiles["role"])
        assert not rows["Staff"].withheld
        assert rows["Staff: management"].withheld
        assert rows["Staff: other"].withheld  # Staff − other would give management

    def test_answered_total_is_the_base_and_skipped_are_listed(self):
        results, _ = build(100, [("Faculty", 50, []), ("Staff", 40, [])], answered=90)
        table = results.profiles["role"]
        assert table.total.n == 90 and table.total.label == "Answered this question"
        rows = rows_by_label(table)
        assert rows["Faculty"].share == round(100 * 50 / 90, 1)
        assert rows["Did not answer this question"].n == 10
        assert "Not specified" not in rows

    def test_overlapping_groups_have_no_remainder(self):
        results, _ = build(100, [("A", 80, []), ("B", 70, []), ("C", 2, [])])
        rows = rows_by_label(results.profiles["role"])
        assert "Not specified" not in rows
        assert rows["C"].withheld and not rows["A"].withheld

    def test_groups_withheld_in_the_profile_stay_withheld_in_scores(self):
        results, _ = build(100, [("Faculty", 60, []), ("Staff", 30, []), ("Students", 7, []), ("Tiny", 3, [])])
        scores = rows_by_label(results.scores[("TRUST", "role")])
        assert scores["Students"].withheld and scores["Tiny"].withheld

    def test_small_total_withholds_the_whole_table(self):
        dim, measure = D(1, "Role", "role"), M(1, "TRUST")
        g = G(1, 1, "Faculty", "faculty")
        aggs = [A(4, measure_id=1, mean=3.0), A(4, measure_id=1, group_id=1, mean=3.0), A(4, group_id=1)]
        results = suppress(k=5, respondents=4, measures=[measure], dimensions=[dim], groups=[g], aggregates=aggs)
        assert results.overall["TRUST"].withheld
        assert all(row.withheld for row in results.scores[("TRUST", "role")].rows)

    def test_protect_core_withholds_a_parent_whose_subgroups_are_all_published(self):
        parts = [Partition("T", ("a", "b", "r")), Partition("a", ("a1", "a2", "ra"))]
        values = {"T": 100, "a": 3, "b": 90, "r": 7, "a1": 0, "a2": 3, "ra": 0}
        withheld = protect(parts, values, 5, always_published={"T"})
        assert {"a", "a1", "a2"} <= withheld


# ---------------------------------------------------------------------------------------------
# The attacker


def reconstruct(equations, known, unknown_truth):
    """For each unknown: is its true value the only one consistent with every equation?

    Depth-first search over the unknowns' values (0…bound), with each equation checked as soon
    as all its terms are assigned. Returns the unknowns whose value is unique.
    """
    names = sorted(unknown_truth)
    bound = max([*known.values(), *unknown_truth.values(), 0]) + 1
    pinned = []
    for target in names:
        if unknown_truth[target] == 0:
            continue  # a count of nobody reveals nothing about anyone
        order = [target] + [n for n in names if n != target]
        found = _search(order, {}, equations, known, bound, target, unknown_truth[target])
        if not found:
            pinned.append(target)
    return pinned


def _consistent(assign, equations, known):
    for total, parts in equations:
        terms = [total, *parts]
        values = [assign.get(t, known.get(t)) for t in terms]
        if any(v is None for v in values):
            # Partial check: the assigned parts must not already exceed a known total.
            if values[0] is not None and sum(v for v in values[1:] if v is not None) > values[0]:
                return False
            continue
        if values[0] != sum(values[1:]):
            return False
    return True


def _search(order, assign, equations, known, bound, target, true_value):
    if len(assign) == len(order):
        return assign[target] != true_value
    name = order[len(assign)]
    for value in range(bound + 1):
        if name == target and value == true_value:
            continue
        assign[name] = value
        if _consistent(assign, equations, known) and _search(
            order, assign, equations, known, bound, target, true_value
        ):
            del assign[name]
            return True
        del assign[name]
    return False


group_spec = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=25),
        st.lists(st.integers(min_value=0, max_value=12), max_size=2),
    ),
    min_size=1,
    max_size=4,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=group_spec, extra=st.integers(min_value=0, max_value=12), k=st.integers(min_value=3, max_value=5))
def test_attacker_cannot_recover_a_withheld_count(spec, extra, k):
    full = []
    for index, (n, subs) in enumerate(spec):
        sub_total = sum(subs)
        n = max(n, sub_total)  # sub-groups never exceed their parent
        full.append((f"G{index}", n, [(f"G{index}.{j}", s) for j, s in enumerate(subs)]))
    respondents = sum(n for _, n, _ in full) + extra
    assume(respondents >= k)  # below K respondents nothing about groups is published at all
    results, groups = build(respondents, full, k=k, with_scores=False)
    table = results.profiles["role"]

    raw = {label: n for label, n, _ in full}
    raw.update({sub: s for _, _, subs in full for sub, s in subs})
    raw["Not specified"] = extra
    for label, n, subs in full:
        if subs:
            raw[f"{label}: not specified"] = n - sum(s for _, s in subs)

    rows = {row.label: row for row in table.rows}
    known = {"TOTAL": respondents}
    unknown = {}
    for label, value in raw.items():
        row = rows.get(label)
        if row is None:  # remainders of zero are not listed: the attacker may take them as 0
            known[label] = value
        elif row.withheld:
            unknown[label] = value
        else:
            assert row.n == value
            known[label] = value
    equations = [("TOTAL", [label for label, _, _ in full] + ["Not specified"])]
    for label, _, subs in full:
        if subs:
            equations.append((label, [s for s, _ in subs] + [f"{label}: not specified"]))

    assert reconstruct(equations, known, unknown) == []
    # Withheld rows carry no figures at all.
    for row in table.rows:
        if row.withheld:
            assert row.n is None and row.share is None


@settings(max_examples=60, deadline=None)
@given(
    sizes=st.lists(st.integers(min_value=0, max_value=40), min_size=2, max_size=5),
    means=st.lists(st.floats(min_value=1, max_value=5, allow_nan=False), min_size=5, max_size=5),
    extra=st.integers(min_value=0, max_value=10),
)
def test_attacker_cannot_recover_a_withheld_mean(sizes, means, extra):
    """The overall mean is Σ nᵢ·mᵢ / N. If exactly one group with people in it had an unknown
    mean (and everything else were known), it could be solved for; there must always be two."""
    dim, measure = D(1, "Role", "role"), M(1, "TRUST")
    groups = [G(i + 1, 1, f"G{i}", f"g{i}", order=i) for i in range(len(sizes))]
    respondents = sum(sizes) + extra
    weighted = sum(n * means[i] for i, n in enumerate(sizes)) + extra * 3.0
    overall = weighted / respondents if respondents else None
    aggs = [A(respondents, measure_id=1, mean=overall)]
    for i, n in enumerate(sizes):
        aggs += [A(n, group_id=i + 1), A(n, measure_id=1, group_id=i + 1, mean=means[i])]
    results = suppress(
        k=5, respondents=respondents, measures=[measure], dimensions=[dim], groups=groups, aggregates=aggs
    )
    if respondents < 5:
        return
    table = results.scores[("TRUST", "role")]
    unknown_with_people = [i for i, row in enumerate(table.rows) if row.withheld and sizes[i] > 0]
    remainder_unknown = extra > 0  # the not-specified people's mean is never published
    hidden_terms = len(unknown_with_people) + (1 if remainder_unknown else 0)
    if unknown_with_people:
        assert hidden_terms >= 2, "a single withheld mean could be solved from the overall mean"
    for row in table.rows:
        if row.withheld:
            assert row.mean is None and row.mean_gap is None and row.n is None


class TestIssue16Rules:
    """Protection interval, linked tables, answers of small groups and reasons (docs/survey-privacy.md)."""

    def test_withheld_siblings_together_hold_at_least_k(self):
        results, _ = build(100, [("Faculty", 60, []), ("Staff", 30, []), ("A", 1, []), ("B", 2, [])])
        rows = rows_by_label(results.profiles["role"])
        assert rows["A"].withheld and rows["B"].withheld and rows["Not specified"].withheld
        assert (rows["A"].reason, rows["Not specified"].reason) == ("fewer-than-minimum", "protects-smaller-group")

    def test_ranges_are_exact_for_a_tree(self):
        parts = [Partition("T", ("a", "b", "r")), Partition("a", ("a1", "a2"))]
        values = {"T": 20, "a": 8, "b": 10, "r": 2, "a1": 3, "a2": 5}
        bounds = ranges(parts, values, known={"T", "b", "a2"})
        assert bounds["a"] == (5, 10) and bounds["a1"] == (0, 5) and bounds["r"] == (0, 5)

    def test_a_group_small_on_one_question_is_withheld_in_its_profile_and_every_table(self):
        dim, trust, belonging = D(1, "Gender", "gender"), M(1, "TRUST"), M(2, "BELONGING")
        groups = [G(1, 1, "Woman", "woman"), G(2, 1, "Man", "man"), G(3, 1, "Nonbinary", "nonbinary")]
        aggs = [A(40, group_id=1), A(24, group_id=2), A(6, group_id=3)]
        aggs += [A(68, measure_id=1, mean=3.5), A(70, measure_id=2, mean=3.5)]
        aggs += [A(40, measure_id=1, group_id=1, mean=3.5), A(24, measure_id=1, group_id=2, mean=3.4)]
        aggs += [A(4, measure_id=1, group_id=3, mean=3.0)]  # two nonbinary respondents skipped Trust
        aggs += [A(40, measure_id=2, group_id=1, mean=3.5), A(24, measure_id=2, group_id=2, mean=3.4)]
        aggs += [A(6, measure_id=2, group_id=3, mean=3.0)]
        results = suppress(
            k=5, respondents=70, measures=[trust, belonging], dimensions=[dim], groups=groups, aggregates=aggs
        )
        assert rows_by_label(results.profiles["gender"])["Nonbinary"].withheld
        for code in ("TRUST", "BELONGING"):
            rows = rows_by_label(results.scores[(code, "gender")])
            assert rows["Nonbinary"].withheld and rows["Man"].withheld
        assert rows_by_label(results.scores[("TRUST", "gender")])["Nonbinary"].reason == "fewer-than-minimum"
        assert rows_by_label(results.scores[("BELONGING", "gender")])["Nonbinary"].reason == "protects-smaller-group"

    def test_answers_of_a_small_group_that_would_reveal_them_are_withheld(self):
        results, _ = build(100, [("Faculty", 60, []), ("Staff", 34, []), ("Six", 6, [])])
        six = rows_by_label(results.scores[("TRUST", "role")])["Six"]
        assert six.answers_withheld and not six.withheld and six.n == 6
        assert six.pct_favorable is None and six.mean is None and six.gap is None
        assert six.reason == "small-group-answers"
        assert rows_by_label(results.profiles["role"])["Six"].n == 6

    def test_large_groups_keep_their_answers(self):
        results, _ = build(100, [("Faculty", 60, []), ("Staff", 40, [])])
        assert not any(row.hidden for row in results.scores[("TRUST", "role")].rows)

    def test_gaps_are_differences_of_the_rounded_figures(self):
        results, _ = build(100, [("Faculty", 60, []), ("Staff", 40, [])])
        faculty = rows_by_label(results.scores[("TRUST", "role")])["Faculty"]
        total = results.scores[("TRUST", "role")].total
        assert faculty.gap == round(faculty.pct_favorable - total.pct_favorable, 1)
