"""The steps of survey/importing/ on their own: reading the file's shape, typed cells, the typed plan."""

import pytest

from survey.importing import Report, validate
from survey.importing.cells import Row
from survey.importing.plan import AggregateEntry, GroupEntry
from survey.importing.reading import SourceRow, read
from tests.test_survey_import import csv_bytes


class TestReading:
    def test_rows_keep_their_spreadsheet_numbers_across_blank_lines(self):
        table = read(b"Record;Survey;Dimension;Group\n\nGroup;des;Role;Staff\n;;;\ngroup;des;Role;Faculty\n", Report())
        assert table.names == ["record", "survey", "dimension", "group"] and table.decimal_comma
        assert [(row.number, row.record()) for row in table.rows] == [(3, "group"), (5, "group")]

    def test_a_file_of_the_wrong_shape_gives_no_table(self):
        report = Report()
        assert read(b"record,survey\nscore,des,extra\n", report) is None
        assert report.messages() == ["row 2: has 3 cells; expected at most 2 (one per column)"]


class TestCells:
    def row(self, decimal_comma=False, **cells):
        return Row(SourceRow(2, cells), Report(), decimal_comma)

    def test_grouped_digits_and_decimal_commas_are_read(self):
        row = self.row(decimal_comma=True, n="1\u00a0000", mean="3,5")
        assert (row.integer("n"), row.decimal("mean", 1, 5, "a mean")) == (1000, 3.5)
        assert row.ok

    def test_a_bad_cell_is_reported_on_the_row_not_raised(self):
        row = self.row(fielded_from="2014-13-01")
        assert row.date("fielded_from") is None and not row.ok
        assert row.report.messages() == [
            "row 2, column fielded_from: “2014-13-01” is not a date; expected YYYY-MM-DD, e.g. 2014-10-01"
        ]


@pytest.mark.django_db
class TestPlan:
    def test_a_valid_file_plans_typed_entries_keyed_by_slug(self):
        report, plan = validate(csv_bytes())
        assert report.ok, report.messages()
        assert plan.measures[("des", "TRUST")].parent_code == "VISION"
        assert plan.groups[("des", "role", "staff-management")] == GroupEntry(
            label="Staff: management", parent="staff", order=2, row=8
        )
        assert plan.aggregates[("des", "2014-15", "", "role", "staff")] == AggregateEntry(n=55)
        assert report.administrations == ["des 2014-15"]

    def test_rejected_rows_stay_out_of_the_plan(self):
        report, plan = validate(csv_bytes("score,des,,2014-15,,,,TRUST,,,Role,Staff,,-3,3.1,,,,"))
        assert not report.ok
        assert ("des", "2014-15", "TRUST", "role", "staff") not in plan.aggregates
