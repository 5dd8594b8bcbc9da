"""RSS 2.0 and Atom feeds of the pages below one section page, on Django's syndication framework.

A section (events, news) subclasses `SectionFeed` for what its items are and say; `AtomFeedMixin`
turns any such feed into Atom. The section page serves both from routable sub-routes
(`feed/`, `feed/atom/`), passing itself, so a feed never looks its page up again.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

FEED_LENGTH = 50


class SectionFeed(Feed):
    """Items are pages below `index`; links are absolute (the framework adds the site's domain)."""

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
        return index.teaser_summary or index.title

    def item_title(self, page):
        return page.title

    def item_description(self, page):
        return page.teaser_summary

    def item_link(self, page):
        return page.get_url(self.request)

    def item_guid(self, page):
        return page.get_full_url(self.request)

    def item_pubdate(self, page):
        return page.first_published_at

    def item_updateddate(self, page):
        return page.last_published_at


class AtomFeedMixin:
    """The same feed as Atom 1.0: its description becomes the subtitle."""

    feed_type = Atom1Feed

    def subtitle(self, index):
        return self.description(index)
