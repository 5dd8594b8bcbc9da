"""iCalendar files, for campus events and training sessions alike: one builder, one time rule.

Times are written in the campus time zone (TIME_ZONE) with its VTIMEZONE, so calendar apps
show what the page shows, daylight saving included; all-day items are dates. Each item's UID
is its owner's (events and sessions keep the ones subscribers already have, so nothing is
duplicated); DTSTAMP is when the item last changed, or when the file was made if that is not
known.
"""

import datetime
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//Office of Diversity, Equity & Inclusion//Calendar//EN"


@dataclass
class CalendarItem:
    """What one VEVENT says."""

    uid: str
    summary: str
    start: datetime.datetime
    end: datetime.datetime
    all_day: bool = False
    location: str = ""
    description: str = ""
    url: str = ""
    categories: list = field(default_factory=list)
    changed: datetime.datetime | None = None


def vevent(item):
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", item.changed or timezone.now())
    start, end = timezone.localtime(item.start), timezone.localtime(item.end)
    if item.all_day:
        event.add("dtstart", start.date())
        # DTEND of an all-day event is the day after the last day (RFC 5545).
        event.add("dtend", end.date() + datetime.timedelta(days=1))
    else:
        event.add("dtstart", start)
        event.add("dtend", end)
    event.add("summary", item.summary)
    for name in ("description", "location", "url"):
        if value := getattr(item, name):
            event.add(name, value)
    if item.categories:
        event.add("categories", item.categories)
    return event


def calendar_file(name, items):
    """The iCalendar text (bytes) of `items`, under the calendar name `name`."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for item in items:
        calendar.add_component(vevent(item))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def calendar_response(name, items, filename):
    """An .ics download (or subscription) of `items`."""
    response = HttpResponse(calendar_file(name, items), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response
