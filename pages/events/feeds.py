"""RSS and Atom feeds of upcoming events, served by the events index page (`feed/`, `feed/atom/`)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from ..templatetags.dates import clock, day

FEED_LENGTH = 50


class UpcomingEventsFeed(Feed):
    """The next events of one events index, soonest first."""

    def __init__(self, index):
        super().__init__()
        self.index = index

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index

    def title(self, index):
        return index.title

    def link(self, index):
        return index.get_url(self.request)

    def description(self, index):
        return index.teaser_summary or f"Upcoming events: {index.title}"

    def items(self, index):
        return index.upcoming_events()[:FEED_LENGTH]

    def item_title(self, event):
        return event.title

    def item_description(self, event):
        start = event.local_start
        when = day(start, "weekday") if event.all_day else f"{day(start, 'weekday')}, {clock(start)}"
        where = event.location or "Online"
        return f"{when}. {where}. {event.teaser_summary}".strip()

    def item_link(self, event):
        return event.get_url(self.request)

    def item_guid(self, event):
        return event.get_full_url(self.request)

    def item_pubdate(self, event):
        return event.first_published_at

    def item_updateddate(self, event):
        return event.last_published_at

    def item_categories(self, event):
        return [event.category.name] if event.category_id else []


class UpcomingEventsAtomFeed(UpcomingEventsFeed):
    feed_type = Atom1Feed

    def subtitle(self, index):
        return self.description(index)
