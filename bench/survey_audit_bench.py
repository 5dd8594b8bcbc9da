"""The survey disclosure audit at a larger scale than the test suite runs it, and the gate's cost.

Run: .venv/bin/python bench/survey_audit_bench.py [--seeds 5]

In a throwaway SQLite database (a temporary folder, migrated from scratch) it publishes and
audits (tests/survey_audit) every adversarial fixture with `--seeds` different draws of its
respondents, the demo administration, and the demo's population grown tenfold with a small
group added to every dimension; then it times `suppress()` on the demo (median of 5). Printed:
per run the withheld values checked, the smallest feasible range of a withheld count, the
failures (must be 0), HiGHS solves and seconds.
"""

import argparse
import dataclasses
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(tmp):
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "odi_site.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    import logging

    logging.getLogger("wagtail").setLevel(logging.WARNING)
    settings.PAGE_CACHE_SECONDS = 0
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)


def site():
    from wagtail.models import Page, Site

    from pages.factories import HomePageFactory

    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug=f"home-{random.randrange(10**9)}")
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    return home


def audit_one(name, data, truth, survey, label):
    from django.db import transaction
    from django.test import Client

    from survey.factories import SurveyResultsIndexPageFactory, SurveyResultsPageFactory
    from survey.importing import import_file
    from survey.models import Administration, Survey
    from tests.survey_audit import audit, collect

    with transaction.atomic():
        home = site()
        assert import_file(data).ok
        Survey.objects.filter(slug=survey).update(min_cell_size=5, min_breakdown_size=10)
        index = SurveyResultsIndexPageFactory(parent=home, slug="survey")
        administration = Administration.objects.get(survey__slug=survey, slug=label)
        page = SurveyResultsPageFactory(parent=index, slug=label, administration=administration)
        client = Client(HTTP_HOST="localhost")
        started = time.perf_counter()
        publication = collect(client, page)
        report = audit(publication, truth)
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    checked = sum(report.count(kind) for kind in ("count", "percentage", "mean", "answers"))
    failures = len(report.failures) + len(publication.problems)
    print(f"{name:34} {checked:>8} {report.smallest('count')!s:>9} {failures:>8} {report.solves:>7} {seconds:>8.1f}")
    return failures


def grown_demo():
    """The demo's dimensions with ten times the people, plus a group of 2 in each dimension."""
    from survey import demo, synthetic

    dimensions = [
        (name, [(g, n * 10, p) for g, n, p in groups] + [(f"{name}: another", 2, "")], demo.ANSWERED.get(name))
        for name, groups in demo.DIMENSIONS
    ]
    dimensions = [(n, g, a * 10 + 2 if a else None) for n, g, a in dimensions]
    rng = random.Random(7)
    people = synthetic.members(dimensions, demo.RESPONDENTS * 10, rng)
    measures = demo.measures()
    items = [code for kind, code, _, _ in measures if kind == "item"]
    synthetic.answer(people, items, rng, {item: rng.uniform(-0.05, 0.75) for item in items}, skip=0.008)
    rows = synthetic.rows("grown", "2030-31", people, measures, dimensions, survey_name="Grown demo", sample="yes")
    return _csv(rows), synthetic.cells(people, measures, dimensions)


def _csv(rows):
    import csv
    import io

    from survey.importing import COLUMNS

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup(Path(folder))
        from survey import demo, synthetic
        from survey.views import _results_for
        from tests.survey_audit.fixtures import FIXTURES

        print(f"{'audit run':34} {'checked':>8} {'min range':>9} {'failures':>8} {'solves':>7} {'seconds':>8}")
        failures = 0
        for fixture in FIXTURES:
            for seed in range(args.seeds):
                drawn = dataclasses.replace(fixture, seed=fixture.seed + 100 * seed, _people=None)
                failures += audit_one(f"{fixture.name} (seed {seed})", drawn.csv(), drawn.truth(), "audit", drawn.label)
        people, measures, dimensions = demo.demo_respondents()
        failures += audit_one(
            "demo", demo.demo_csv(), synthetic.cells(people, measures, dimensions), demo.SURVEY, demo.ADMINISTRATION
        )
        data, truth = grown_demo()
        failures += audit_one("demo x10 with a group of 2 per dimension", data, truth, "grown", "2030-31")

        from survey.importing import import_file
        from survey.models import Administration, Aggregate

        import_file(demo.demo_csv())
        administration = Administration.objects.get(slug=demo.ADMINISTRATION)
        queryset = Aggregate.objects.filter(administration=administration)
        times = []
        for _ in range(5):
            started = time.perf_counter()
            _results_for(administration, queryset)
            times.append(time.perf_counter() - started)
        print(
            f"\nsuppress() on the demo (4,212 respondents, 33 measures x 5 dimensions): median {1000 * statistics.median(times):.0f} ms"
        )
        print(f"failures: {failures}")
        sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
