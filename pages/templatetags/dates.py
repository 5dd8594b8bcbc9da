"""The site's one way of writing dates and times: `{% load dates %}`, then `{{ value|day }}`
("December 1, 2026"), `{{ value|day:"weekday" }}` ("Tuesday, December 1, 2026"),
`{{ value|month }}` ("December 2026"), `{{ value|clock }}` ("2:30 PM") and `{{ value|zone }}`
("CST"). Aware datetimes show in the site's time zone (as Django's own `date` filter does).

`{{ value|iso }}` is the machine format for `<time datetime>` attributes: a datetime with its
offset, a date as YYYY-MM-DD; `iso:"date"` and `iso:"month"` cut a datetime down to its day or
month. Templates use these filters, never `|date` or `|time` (tests/test_dates.py checks).
"""

from django import template
from django.template.defaultfilters import date as format_date

register = template.Library()

DAY = "F j, Y"
WEEKDAY = "l, F j, Y"
MONTH = "F Y"
CLOCK = "g:i A"
ZONE = "T"
ISO = {"date": "Y-m-d", "month": "Y-m"}


@register.filter(expects_localtime=True)
def day(value, style=""):
    """The date; with "weekday", its day of the week first."""
    return format_date(value, WEEKDAY if style == "weekday" else DAY)


@register.filter(expects_localtime=True)
def month(value):
    return format_date(value, MONTH)


@register.filter(expects_localtime=True)
def clock(value):
    return format_date(value, CLOCK)


@register.filter(expects_localtime=True)
def zone(value):
    """The time zone's abbreviation at that moment ("CST" in winter, "CDT" in summer)."""
    return format_date(value, ZONE)


@register.filter(expects_localtime=True)
def iso(value, precision=""):
    """ISO 8601 for machines: "2026-12-01T14:30:00-06:00", or with "date"/"month" "2026-12-01"/"2026-12"."""
    if precision in ISO:
        return format_date(value, ISO[precision])
    return format_date(value, "c" if hasattr(value, "hour") else ISO["date"])
