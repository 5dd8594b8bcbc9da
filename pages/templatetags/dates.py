"""The site's one way of writing dates and times: `{% load dates %}`, then `{{ value|day }}`
("December 1, 2026"), `{{ value|day:"weekday" }}` ("Tuesday, December 1, 2026"),
`{{ value|month }}` ("December 2026") and `{{ value|clock }}` ("2:30 PM"). Aware datetimes show
in the site's time zone (as Django's own `date` filter does)."""

from django import template
from django.template.defaultfilters import date as format_date

register = template.Library()

DAY = "F j, Y"
WEEKDAY = "l, F j, Y"
MONTH = "F Y"
CLOCK = "g:i A"


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
