"""Events: a placeholder index until the events page types arrive; says plainly that none are listed."""

from pages.models import StandardPage

from ..streams import call_to_action, heading, paragraph
from ..tree import Node


def content(ctx):
    return {
        "search_description": "Campus diversity events at the School of Medicine: what is coming up and how to take part.",
        "intro": "Campus events on diversity, equity and inclusion at the School of Medicine.",
        "listing_summary": "Campus events on diversity, equity and inclusion.",
        "listing_image": ctx.images["teaser-circles"],
        "body": [
            heading("Upcoming events"),
            paragraph("<p>No events are listed yet. New events will appear here as soon as they are scheduled.</p>"),
            call_to_action(
                "Looking for training?",
                "Diversity 1.0–4.0 are four one-hour sessions, taken in order.",
                ctx.page("training"),
                "See the training sessions",
            ),
        ],
    }


def section():
    return Node("events", "Events", StandardPage, content, show_in_menus=True)
