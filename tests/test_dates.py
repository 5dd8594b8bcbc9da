"""Dates and times are written one way everywhere, in campus time."""

import datetime
from zoneinfo import ZoneInfo

from django.template import Context, Template

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
