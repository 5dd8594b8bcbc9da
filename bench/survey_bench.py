"""Survey performance: results-view render time and query count, and bulk import speed.

Run: .venv/bin/python bench/survey_bench.py [--requests 30] [--import-rows 100000]

Everything happens in a throwaway SQLite database in a temporary folder (migrated from
scratch), so the development database is never touched:
1. seed 10 administrations × 40 measures × 60 groups of aggregates with bulk_create;
2. render each results view of one administration 30 times (page cache off, so the view
   itself is measured) and print the median time and the query count;
3. import a generated CSV of 100,000 score rows through survey.importing and print the time
   (the issue's budget: under 30 s on the CI machine).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ADMINISTRATIONS, MEASURES, GROUPS = 10, 40, 60
VIEWS = ["", "profile/", "dimension/d0/", "measure/m00/"]


def setup(tmp):
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "odi_site.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.PAGE_CACHE_SECONDS = 0
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)


def seed():
    from wagtail.models import Page, Site

    from pages.models import HomePage
    from survey.models import (
        Administration,
        Aggregate,
        Dimension,
        Group,
        Measure,
        Survey,
        SurveyResultsIndexPage,
        SurveyResultsPage,
    )

    survey = Survey.objects.create(name="Bench survey", slug="bench")
    admins = Administration.objects.bulk_create(
        Administration(survey=survey, label=f"{2010 + i}", slug=f"{2010 + i}", respondents=6000, invited=18000)
        for i in range(ADMINISTRATIONS)
    )
    measures = Measure.objects.bulk_create(
        Measure(survey=survey, kind="factor", code=f"M{i:02d}", name=f"Measure {i}", order=i) for i in range(MEASURES)
    )
    dims = Dimension.objects.bulk_create(
        Dimension(survey=survey, name=f"Dimension {i}", slug=f"d{i}", order=i) for i in range(6)
    )
    groups = Group.objects.bulk_create(
        Group(dimension=dims[i % 6], label=f"Group {i}", slug=f"g{i}", order=i) for i in range(GROUPS)
    )
    rows = []
    for admin in admins:
        for g_index, group in enumerate(groups):
            n = 3 if g_index % 17 == 0 else 90 + g_index
            rows.append(Aggregate(administration=admin, group=group, n=n))
        for m_index, measure in enumerate(measures):
            rows.append(
                Aggregate(administration=admin, measure=measure, n=5900, mean=3.8, pct_favorable=70.0 + m_index % 7)
            )
            for g_index, group in enumerate(groups):
                n = 3 if g_index % 17 == 0 else 90 + g_index
                rows.append(
                    Aggregate(
                        administration=admin,
                        measure=measure,
                        group=group,
                        n=n,
                        mean=3.5,
                        pct_favorable=60.0 + g_index % 20,
                    )
                )
    Aggregate.objects.bulk_create(rows, batch_size=5000)

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Home", slug="bench-home"))
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    index = home.add_child(instance=SurveyResultsIndexPage(title="Survey", slug="survey"))
    index.add_child(instance=SurveyResultsPage(title="Results", slug="results", administration=admins[-1]))
    return len(rows)


def time_views(requests):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost")
    out = []
    for view in VIEWS:
        path = "/survey/results/" + view
        assert client.get(path).status_code == 200, path
        times = []
        for _ in range(requests):
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            times.append(time.perf_counter() - start)
        out.append((path, statistics.median(times) * 1000, len(queries)))
    return out


def time_import(rows):
    import csv
    import io

    from survey.importing import import_file

    per_admin = MEASURES * GROUPS
    admins = -(-rows // per_admin)  # enough administrations for `rows` score rows
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "record",
            "survey",
            "administration",
            "respondents",
            "measure_kind",
            "measure_code",
            "measure_name",
            "dimension",
            "group",
            "n",
            "mean",
            "pct_favorable",
        ]
    )
    for a in range(admins):
        writer.writerow(["administration", "import-bench", f"{1990 + a}", "9000", "", "", "", "", "", "", "", ""])
    for m in range(MEASURES):
        writer.writerow(["measure", "import-bench", "", "", "cluster", f"M{m:02d}", f"Measure {m}", "", "", "", "", ""])
    for g in range(GROUPS):
        writer.writerow(["group", "import-bench", "", "", "", "", "", f"Dimension {g % 6}", f"Group {g}", "", "", ""])
    count = 0
    for a in range(admins):
        for m in range(MEASURES):
            for g in range(GROUPS):
                if count >= rows:
                    break
                writer.writerow(
                    [
                        "score",
                        "import-bench",
                        f"{1990 + a}",
                        "",
                        "",
                        f"M{m:02d}",
                        "",
                        f"Dimension {g % 6}",
                        f"Group {g}",
                        "120",
                        "3.60",
                        "64.5",
                    ]
                )
                count += 1
    data = buffer.getvalue().encode()  # clusters need no parent, which keeps the file simple
    start = time.perf_counter()
    report = import_file(data)
    elapsed = time.perf_counter() - start
    assert report.ok, report.messages()[:3]
    start = time.perf_counter()
    again = import_file(data)
    elapsed_again = time.perf_counter() - start
    assert not any(again.written.values())
    return count, len(data), elapsed, elapsed_again


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--import-rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup(Path(tmp))
        stored = seed()
        print(
            f"seeded {stored:,} aggregates ({ADMINISTRATIONS} administrations × {MEASURES} measures × {GROUPS} groups)"
        )
        for path, median_ms, queries in time_views(args.requests):
            print(f"{path:<32} median {median_ms:7.1f} ms over {args.requests} requests, {queries} queries")
        rows, size, elapsed, again = time_import(args.import_rows)
        print(
            f"import {rows:,} score rows ({size / 1e6:.1f} MB): {elapsed:.1f} s; re-import (no changes): {again:.1f} s"
        )


if __name__ == "__main__":
    main()
