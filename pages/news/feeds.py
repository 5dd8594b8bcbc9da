"""RSS and Atom feeds of the news, served by the news index page (`feed/`, `feed/atom/`)."""

import datetime

from django.utils import timezone

from odi_site.feeds import FEED_LENGTH, AtomFeedMixin, SectionFeed


class NewsFeed(SectionFeed):
    """The newest articles of one news index that visitors may see (never restricted ones)."""

    def description(self, index):
        return index.teaser_summary or f"News and stories: {index.title}"

    def items(self, index):
        return index.articles().select_related("author").prefetch_related("topics")[:FEED_LENGTH]

    def item_pubdate(self, article):
        """The article's own date (what visitors read on it), at its publication time if that
        was the same day, else at the start of that day."""
        published = article.first_published_at
        if published and timezone.localdate(published) == article.date:
            return published
        return timezone.make_aware(datetime.datetime.combine(article.date, datetime.time.min))

    def item_author_name(self, article):
        return article.author.name if article.author_id else None

    def item_categories(self, article):
        return [topic.name for topic in article.topics.all()]


class NewsAtomFeed(AtomFeedMixin, NewsFeed):
    pass
