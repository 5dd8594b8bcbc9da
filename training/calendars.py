"""Training sessions as calendar items (odi_site.calendars writes the files)."""

from odi_site.calendars import CalendarItem, calendar_file

UID_DOMAIN = "training.odi-site"


def session_uid(session):
    """Stable across downloads and edits, so calendar apps update the event instead of duplicating it."""
    return f"training-session-{session.pk}@{UID_DOMAIN}"


def session_item(session, level, page_url=""):
    """The level's title, when, where (or the meeting link) and how to ask for accommodations."""
    description = [level.intro] if level.intro else []
    if session.online_url:
        description.append(f"Join online: {session.online_url}")
    if session.accessibility_note:
        description.append(session.accessibility_note)
    if page_url:
        description.append(f"Details: {page_url}")
    return CalendarItem(
        uid=session_uid(session),
        summary=level.title,
        start=session.start,
        end=session.end,
        location=session.online_url if not session.location else session.place,
        description="\n\n".join(description),
        url=page_url,
    )


def session_calendar(session, level, page_url=""):
    """One session's file (the registration email's attachment, the "add to calendar" link)."""
    return calendar_file(level.title, [session_item(session, level, page_url)])


def program_items(sessions, url_for_level):
    """The program's feed; `url_for_level(level)` gives each session's link."""
    return [session_item(session, session.level, url_for_level(session.level)) for session in sessions]
