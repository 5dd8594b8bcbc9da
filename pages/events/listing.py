"""Events helpers: calendar items and schema.org JSON-LD.

Plain functions taking pages as arguments, so they can be tested without the page tree.
"""

from odi_site.calendars import CalendarItem

ATTENDANCE_MODES = {
    "in_person": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "mixed": "https://schema.org/MixedEventAttendanceMode",
}


def event_dates(event):
    """Local start and end as ISO strings: dates only for all-day events."""
    start, end = event.local_start, event.local_end
    if event.all_day:
        return start.date().isoformat(), end.date().isoformat()
    return start.isoformat(), end.isoformat()


def event_json_ld(event, request, organiser):
    """A schema.org Event for search engines: name, dates, place or online link, `organiser` (a name)."""
    start, end = event_dates(event)
    places = []
    if event.location:
        places.append({"@type": "Place", "name": event.location, "address": event.location})
    if event.online_url:
        places.append({"@type": "VirtualLocation", "url": event.online_url})
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": start,
        "endDate": end,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODES[event.attendance_mode],
        "location": places[0] if len(places) == 1 else places,
        "url": event.get_full_url(request),
        "organizer": {"@type": "Organization", "name": organiser},
    }
    if event.teaser_summary:
        data["description"] = event.teaser_summary
    if event.audience:
        data["audience"] = {"@type": "Audience", "audienceType": event.audience}
    if event.cost.strip().lower() == "free":
        data["isAccessibleForFree"] = True
    if event.registration_url:
        data["offers"] = {"@type": "Offer", "url": event.registration_url, "availability": "https://schema.org/InStock"}
    return data


def calendar_item(event, request):
    """An event as a calendar item (odi_site.calendars writes the file)."""
    return CalendarItem(
        uid=f"event-{event.pk}@{request.get_host().split(':')[0]}",
        summary=event.title,
        start=event.start,
        end=event.end,
        all_day=event.all_day,
        location=event.location or event.online_url,
        description=event.teaser_summary,
        url=event.get_full_url(request),
        categories=[event.category.name] if event.category_id else [],
        changed=event.last_published_at,
    )
