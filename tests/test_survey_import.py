"""survey/importing/ and manage.py import_survey: success, idempotence, every rejection."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from survey.importing import MAX_COLUMNS, MAX_FIELD_LENGTH, import_file, validate
from survey.models import Administration, Aggregate, Dimension, Group, Measure, Survey

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "survey-example.csv"

HEADER = "record,survey,survey_name,administration,invited,respondents,measure_kind,measure_code,measure_name,parent_code,dimension,group,parent_group,n,mean,sd,pct_favorable,pct_neutral,pct_unfavorable"
BASE_ROWS = [
    "administration,des,Diversity Engagement Survey,2014-15,300,100,,,,,,,,,,,,,",
    "measure,des,,,,,cluster,VISION,Vision/Purpose,,,,,,,,,,",
    "measure,des,,,,,factor,TRUST,Trust,VISION,,,,,,,,,",
    "measure,des,,,,,item,Q01,Trust in leaders,TRUST,,,,,,,,,",
    "group,des,,,,,,,,,Role,Faculty,,,,,,,",
    "group,des,,,,,,,,,Role,Staff,,,,,,,",
    "group,des,,,,,,,,,Role,Staff: management,Staff,,,,,,",
    "profile,des,,2014-15,,,,,,,Role,Faculty,,40,,,,,",
    "profile,des,,2014-15,,,,,,,Role,Staff,,55,,,,,",
    "profile,des,,2014-15,,,,,,,Role,Staff: management,,12,,,,,",
    "score,des,,2014-15,,,,TRUST,,,,,,98,3.80,0.90,71.0,19.0,10.0",
    "score,des,,2014-15,,,,TRUST,,,Role,Faculty,,40,3.70,0.95,68.0,20.0,12.0",
    "score,des,,2014-15,,,,Q01,,,,,,97,3.90,0.90,73.5,16.5,10.0",
]


def csv_bytes(*extra, rows=None, header=HEADER):
    return ("\n".join([header, *(BASE_ROWS if rows is None else rows), *extra]) + "\n").encode()


def snapshot():
    models = (Survey, Administration, Measure, Dimension, Group, Aggregate)
    return {m.__name__: sorted(map(tuple, m.objects.values_list())) for m in models}


def problems(data):
    report, _ = validate(data)
    return [str(p) for p in report.problems]


@pytest.mark.django_db
class TestImportSuccess:
    def test_imports_structure_and_figures(self):
        report = import_file(csv_bytes())
        assert report.ok, report.messages()
        admin = Administration.objects.get(slug="2014-15")
        assert (admin.respondents, admin.invited, admin.survey.name) == (100, 300, "Diversity Engagement Survey")
        trust = Measure.objects.get(code="TRUST")
        assert trust.parent.code == "VISION" and trust.kind == "factor"
        assert Group.objects.get(label="Staff: management").parent.label == "Staff"
        overall = Aggregate.objects.get(measure=trust, group=None)
        assert (overall.n, overall.mean, overall.pct_favorable) == (98, 3.8, 71.0)
        assert Aggregate.objects.filter(measure=None).count() == 3

    def test_reimporting_the_same_file_changes_nothing(self):
        import_file(csv_bytes())
        before = snapshot()
        report = import_file(csv_bytes())
        assert report.ok and not any(report.written.values())
        assert snapshot() == before

    def test_changed_figures_are_updated_in_place(self):
        import_file(csv_bytes())
        ids = sorted(Aggregate.objects.values_list("id", flat=True))
        rows = [r.replace("98,3.80", "98,3.85") for r in BASE_ROWS]
        report = import_file(csv_bytes(rows=rows))
        assert report.written["aggregates updated"] == 1
        assert sorted(Aggregate.objects.values_list("id", flat=True)) == ids
        assert Aggregate.objects.get(measure__code="TRUST", group=None).mean == 3.85

    def test_semicolons_bom_decimal_commas_and_header_case(self):
        header = HEADER.upper().replace(",", ";")
        rows = [r.replace(",", ";") for r in BASE_ROWS]
        rows = [r.replace("3.80", "3,80") for r in rows]
        data = b"\xef\xbb\xbf" + csv_bytes(rows=rows, header=header)
        report = import_file(data)
        assert report.ok, report.messages()
        assert Aggregate.objects.get(measure__code="TRUST", group=None).mean == 3.8

    def test_data_rows_may_refer_to_what_is_already_stored(self):
        import_file(csv_bytes())
        report = import_file(csv_bytes(rows=["score,des,,2014-15,,,,Q01,,,Role,Staff,,50,3.1,,,,"]))
        assert report.ok, report.messages()
        assert Aggregate.objects.filter(measure__code="Q01", group__label="Staff").exists()

    def test_a_file_of_administration_records_only_updates_a_stored_survey(self):
        import_file(csv_bytes())
        rows = [BASE_ROWS[0].replace(",300,100,", ",300,120,"), BASE_ROWS[0].replace("2014-15", "2015-16")]
        report = import_file(csv_bytes(rows=rows))
        assert report.ok, report.messages()
        assert (report.written["administrations updated"], report.written["administrations created"]) == (1, 1)
        assert sorted(Administration.objects.values_list("slug", "respondents")) == [("2014-15", 120), ("2015-16", 100)]

    def test_dry_run_writes_nothing(self):
        report = import_file(csv_bytes(), dry_run=True)
        assert report.ok and not report.imported
        assert not Survey.objects.exists()

    def test_example_file_in_docs_imports(self):
        report = import_file(EXAMPLE.read_bytes())
        assert report.ok, report.messages()
        assert Administration.objects.get().is_sample


REJECTIONS = [
    # (description, extra rows or replacement, expected fragment)
    ("negative n", ["score,des,,2014-15,,,,TRUST,,,Role,Staff,,-3,3.1,,,,"], "row 15, column n: “-3” is negative"),
    (
        "non-integer n",
        ["score,des,,2014-15,,,,TRUST,,,Role,Staff,,4.5,3.1,,,,"],
        "row 15, column n: “4.5” is not a whole number",
    ),
    (
        "mean above scale",
        ["score,des,,2014-15,,,,TRUST,,,Role,Staff,,50,5.4,,,,"],
        "row 15, column mean: 5.4 is outside 1–5",
    ),
    (
        "mean below scale",
        ["score,des,,2014-15,,,,TRUST,,,Role,Staff,,50,0.5,,,,"],
        "row 15, column mean: 0.5 is outside 1–5",
    ),
    (
        "percent above 100",
        ["score,des,,2014-15,,,,TRUST,,,Role,Staff,,50,,,101,,"],
        "row 15, column pct_favorable: 101 is outside 0–100",
    ),
    (
        "distribution",
        ["score,des,,2014-15,,,,TRUST,,,Role,Staff,,50,,,60,20,17"],
        "row 15, column pct_favorable: favorable + neutral + unfavorable = 97",
    ),
    (
        "unknown measure",
        ["score,des,,2014-15,,,,NOPE,,,Role,Staff,,50,3.1,,,,"],
        "row 15, column measure_code: unknown measure “NOPE”",
    ),
    (
        "unknown group",
        ["score,des,,2014-15,,,,TRUST,,,Role,Nobody,,50,3.1,,,,"],
        "row 15, column group: unknown group “Nobody”",
    ),
    (
        "n above respondents",
        ["score,des,,2014-15,,,,TRUST,,,Role,Staff,,101,3.1,,,,"],
        "row 15, column n: 101 is more than the administration's 100 respondents",
    ),
    (
        "duplicate score",
        ["score,des,,2014-15,,,,TRUST,,,Role,Faculty,,40,3.70,0.95,68.0,20.0,12.0"],
        "row 15, column group: duplicates score at row 13",
    ),
    (
        "duplicate measure",
        ["measure,des,,,,,factor,TRUST,Trust again,VISION,,,,,,,,,"],
        "row 15, column measure_code: duplicates measure at row 4",
    ),
    (
        "unknown record",
        ["scores,des,,2014-15,,,,TRUST,,,,,,1,3,,,,"],
        "row 15, column record: “scores” is not a record type",
    ),
    (
        "unknown administration",
        ["score,des,,2099-00,,,,TRUST,,,,,,1,3,,,,"],
        "row 15, column administration: unknown administration “2099-00”",
    ),
    (
        "item under a cluster",
        ["measure,des,,,,,item,Q02,Label,VISION,,,,,,,,,"],
        "row 15, column parent_code: “VISION” is a cluster; expected a factor",
    ),
    (
        "no score",
        ["score,des,,2014-15,,,,TRUST,,,Role,Staff,,50,,,,,"],
        "row 15, column mean: and pct_favorable are both empty",
    ),
    (
        "respondents above invited",
        ["administration,des,,2015-16,10,20,,,,,,,,,,,,,"],
        "row 15, column respondents: 20 is more than the 10 invited",
    ),
    ("unknown survey", ["score,other,,2014-15,,,,TRUST,,,,,,1,3,,,,"], "row 15, column survey: unknown survey “other”"),
]


@pytest.mark.django_db
class TestImportRejections:
    @pytest.mark.parametrize(
        ("extra", "expected"), [(e, x) for _, e, x in REJECTIONS], ids=[d for d, _, _ in REJECTIONS]
    )
    def test_bad_row_is_reported_with_row_and_column_and_nothing_is_written(self, extra, expected):
        before = snapshot()
        report = import_file(csv_bytes(*extra))
        assert not report.ok
        messages = [str(p) for p in report.problems]
        assert any(m.startswith(expected) for m in messages), messages
        assert "expected" in messages[0]
        assert snapshot() == before

    def test_missing_required_column(self):
        header = HEADER.replace(",n,", ",count,")
        messages = problems(csv_bytes(header=header))
        assert "row 1, column count: unknown column; expected one of" in messages[0]
        header = HEADER.replace(",n,", ",")
        rows = [",".join(r.split(",")[:13] + r.split(",")[14:]) for r in BASE_ROWS]
        messages = problems(csv_bytes(header=header, rows=rows))
        assert messages == ["row 1, column n: is missing; expected it because profile records need it (first at row 9)"]

    def test_missing_record_column(self):
        assert problems(b"survey,n\ndes,1\n") == [
            "row 1, column record: is missing; expected this column in the header"
        ]

    def test_not_utf8(self):
        data = csv_bytes().replace(b"Trust in leaders", b"Trust \xe9 leaders")
        assert problems(data) == ["row 5: is not valid UTF-8; expected a CSV file saved as UTF-8 (with or without BOM)"]

    def test_too_many_columns(self):
        header = ",".join(f"c{i}" for i in range(MAX_COLUMNS + 1))
        assert "expected at most 40" in problems((header + "\n").encode())[0]

    def test_overlong_field(self):
        long_label = "x" * (MAX_FIELD_LENGTH + 1)
        messages = problems(csv_bytes(f"group,des,,,,,,,,,Role,{long_label},,,,,,,"))
        assert messages == [
            f"row 15, column group: is {MAX_FIELD_LENGTH + 1} characters long; expected at most {MAX_FIELD_LENGTH}"
        ]

    def test_empty_file(self):
        assert problems(b"") == ["row 1: the file is empty; expected a header row naming the columns"]

    def test_management_command_reports_and_writes_nothing(self, tmp_path):
        path = tmp_path / "bad.csv"
        path.write_bytes(csv_bytes("score,des,,2014-15,,,,TRUST,,,Role,Staff,,-3,3.1,,,,"))
        with pytest.raises(CommandError, match="nothing was written"):
            call_command("import_survey", str(path), verbosity=0)
        assert not Survey.objects.exists()

    def test_management_command_dry_run_and_import(self, tmp_path, capsys):
        path = tmp_path / "good.csv"
        path.write_bytes(csv_bytes())
        call_command("import_survey", str(path), dry_run=True)
        assert "Nothing written" in capsys.readouterr().out
        assert not Survey.objects.exists()
        call_command("import_survey", str(path))
        assert "Imported" in capsys.readouterr().out
        assert Aggregate.objects.count() == 6


@pytest.mark.django_db
@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=st.binary(max_size=400) | st.text(max_size=300).map(lambda t: (HEADER + "\n" + t).encode()))
def test_fuzz_random_bytes_never_crash_and_write_nothing(data):
    report = import_file(data)
    if report.ok:  # a random but valid file: start the next example from an empty database
        Survey.objects.all().delete()
    else:
        assert report.problems
        assert not Aggregate.objects.exists() and not Survey.objects.exists()
