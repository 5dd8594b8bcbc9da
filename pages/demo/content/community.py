"""Community engagement: who the office works with and the "community voices" it invites in."""

from pages.factories import CommunityEngagementPageFactory

from ..streams import call_to_action, heading, image, paragraph
from ..tree import Node


def content(ctx):
    return {
        "search_description": (
            "How the School of Medicine works with community groups across the St. Louis region on issues "
            "affecting underrepresented minorities, women, veterans and people with disabilities."
        ),
        "intro": (
            "We partner with community groups across the St. Louis region to understand each other better "
            "and to build a more inclusive School of Medicine together."
        ),
        "listing_summary": "Partnerships with community groups and “community voices” across the St. Louis region.",
        "listing_image": ctx.images["teaser-nodes"],
        "body": [
            heading("Who we work with"),
            paragraph(
                "<p>Our community work centers on four groups: underrepresented minorities, women, veterans and "
                "people with disabilities. The partners below work with us in one or more of these areas.</p>"
            ),
            heading("Community voices"),
            paragraph(
                "<p>We invite experts with varied backgrounds from throughout the St. Louis region to share their "
                "perspective as “community voices” and to work with us on making the School of Medicine a "
                "diverse and inclusive place.</p>"
            ),
            image(
                ctx.images["teaser-nodes"],
                "Colored circles of different sizes joined by lines into a network.",
                "Partnerships link the school with organizations across the region.",
            ),
            heading("Why partnerships matter", "h3"),
            paragraph(
                "<p>Many community organizations already serve the same goals we do. Working with them "
                "strengthens our ability to work well with people of every identity.</p>"
            ),
            call_to_action(
                "Meet us at an event",
                "Campus diversity events are a good place to connect with the office and our partners.",
                ctx.page("events"),
                "Browse campus diversity events",
            ),
        ],
        "focus_areas_heading": "Where we focus",
        "partners_heading": "Our community partners",
        "partners_intro": "Organizations across the St. Louis region we work with. Choose a focus area to narrow the list.",
        "directory_heading": "Affinity groups and university resources",
        "directory_intro": "Groups and offices across the university, and services in the region, that you can join or turn to.",
        "voices_heading": "Upcoming Community Voices events",
        "voices_category": ctx.categories["community-voices"],
    }


def section():
    return Node(
        "community-engagement",
        "Community engagement",
        CommunityEngagementPageFactory,
        content,
        show_in_menus=True,
    )
