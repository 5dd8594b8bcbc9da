"""iCalendar (.ics) output for training sessions: one session, or the whole program as a feed."""

from datetime import UTC

from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//Office of Diversity, Equity & Inclusion//Training sessions//EN"
UID_DOMAIN = "training.odi-site"


def session_uid(session):
    """Stable across downloads and edits, so calendar apps update the event instead of duplicating it."""
    return f"training-session-{session.pk}@{UID_DOMAIN}"


def new_calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def session_event(session, level, page_url=""):
    """A VEVENT with times in UTC (no VTIMEZONE needed), the level's title and where to go."""
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", session.start.astimezone(UTC))
    event.add("dtend", session.end.astimezone(UTC))
    event.add("summary", level.title)
    event.add("location", session.online_url if not session.location else session.place)
    description = [level.intro] if level.intro else []
    if session.online_url:
        description.append(f"Join online: {session.online_url}")
    if session.accessibility_note:
        description.append(session.accessibility_note)
    if page_url:
        description.append(f"Details: {page_url}")
        event.add("url", page_url)
    if description:
        event.add("description", "\n\n".join(description))
    return event


def session_calendar(session, level, page_url=""):
    calendar = new_calendar(level.title)
    calendar.add_component(session_event(session, level, page_url))
    return calendar.to_ical()


def program_calendar(name, sessions, url_for_level):
    """A feed of sessions; `url_for_level(level)` gives each event's link."""
    calendar = new_calendar(name)
    for session in sessions:
        calendar.add_component(session_event(session, session.level, url_for_level(session.level)))
    return calendar.to_ical()
