"""Dates and times are written one way everywhere, in campus time."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template import Context, Template

TEMPLATES = Path(settings.BASE_DIR) / "templates"
MOMENT = datetime.datetime(2026, 12, 1, 20, 30, tzinfo=ZoneInfo("UTC"))  # 2:30 PM in St. Louis


def render(source, value):
    return Template("{% load dates %}" + source).render(Context({"value": value}))


def test_a_day_is_month_day_year_and_may_lead_with_its_weekday():
    assert render("{{ value|day }}", MOMENT) == "December 1, 2026"
    assert render('{{ value|day:"weekday" }}', MOMENT) == "Tuesday, December 1, 2026"
    assert render("{{ value|day }}", datetime.date(2015, 3, 9)) == "March 9, 2015"


def test_month_and_clock_time_in_campus_time():
    assert render("{{ value|month }}", MOMENT) == "December 2026"
    assert render("{{ value|clock }}", MOMENT) == "2:30 PM"


def test_time_zone_and_machine_formats_for_time_elements():
    assert render("{{ value|zone }}", MOMENT) == "CST"
    assert render("{{ value|iso }}", MOMENT) == "2026-12-01T14:30:00-06:00"
    assert render('{{ value|iso:"date" }}', MOMENT) == "2026-12-01"
    assert render('{{ value|iso:"month" }}', MOMENT) == "2026-12"
    assert render("{{ value|iso }}", datetime.date(2015, 3, 9)) == "2015-03-09"


# Django's own date and time filters and the {% now %} tag, each of which takes any format.
OWN_FORMATS = re.compile(r"\|\s*(date|time|naturalday|naturaltime)\b|\{%\s*now\b")


def test_no_template_formats_dates_itself():
    """Every template writes dates through the dates library, so they read one way everywhere."""
    offenders = [
        f"{path.relative_to(TEMPLATES)}:{number}: {line.strip()}"
        for path in sorted(TEMPLATES.rglob("*"))
        if path.is_file() and path.suffix in {".html", ".txt", ".xml"}
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if OWN_FORMATS.search(line)
    ]
    assert not offenders, "use {% load dates %} (day, month, clock, zone, iso):\n" + "\n".join(offenders)


def test_admin_labels_write_dates_the_same_way(db):
    from pages.factories import ConsultationRequestFactory
    from training.factories import TrainingSessionFactory

    request = ConsultationRequestFactory(name="Avery Chen")
    request.created_at = MOMENT
    assert str(request) == "Avery Chen (December 1, 2026)"
    session = TrainingSessionFactory.build(level__title="Diversity 1.0", start=MOMENT)
    assert str(session) == "Diversity 1.0, December 1, 2026, 2:30 PM"
