"""RSS and Atom feeds of upcoming events, served by the events index page (`feed/`, `feed/atom/`)."""

from odi_site.feeds import FEED_LENGTH, AtomFeedMixin, SectionFeed

from ..templatetags.dates import clock, day


class UpcomingEventsFeed(SectionFeed):
    """The next events of one events index, soonest first."""

    def description(self, index):
        return index.teaser_summary or f"Upcoming events: {index.title}"

    def items(self, index):
        return index.upcoming_events()[:FEED_LENGTH]

    def item_description(self, event):
        start = event.local_start
        when = day(start, "weekday") if event.all_day else f"{day(start, 'weekday')}, {clock(start)}"
        where = event.location or "Online"
        return f"{when}. {where}. {event.teaser_summary}".strip()

    def item_categories(self, event):
        return [event.category.name] if event.category_id else []


class UpcomingEventsAtomFeed(AtomFeedMixin, UpcomingEventsFeed):
    pass
