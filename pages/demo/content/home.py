"""Home page copy: the office's promise, the school's mission, headline figures and the four pillars."""

from pages.models import HomePagePillar

from ..site_settings import INSTITUTION_NAME, OFFICE_NAME
from ..streams import PARTICIPANTS, call_to_action, key_figure, live_key_figure

TITLE = "Fostering a diverse, inclusive and welcoming community"

# A mission statement, so quoted word for word and attributed.
MISSION = (
    "To lead in advancing human health through the best clinical care, innovative research and the "
    "education of tomorrow’s leaders in biomedicine in a culture that supports diversity, equity, "
    "inclusion, critical thinking and creativity."
)
MISSION_ATTRIBUTION = f"Mission of {INSTITUTION_NAME}"


def pillar(ctx, order, path, title, summary, image_key):
    return HomePagePillar(
        sort_order=order,
        page=ctx.page(path),
        title=title,
        summary=summary,
        image=ctx.images[image_key],
    )


def content(ctx):
    return {
        "seo_title": OFFICE_NAME,
        "search_description": (
            "Diversity, equity and inclusion at the School of Medicine: Diversity 1.0–4.0 training, "
            "career development consultations, community partnerships and the Diversity Engagement Survey."
        ),
        "intro": (
            "Everyone who studies, works or trains at the School of Medicine should feel welcome, respected "
            "and supported. Our office helps make that true through training, career guidance, community "
            "partnerships and by listening closely to what our community tells us."
        ),
        "listing_summary": "Training, career support, community partnerships and survey insight for the School of Medicine.",
        "hero_image": ctx.images["hero-circles"],
        "hero_image_alt": "Abstract illustration of overlapping circles in deep blue, teal, gold and plum, blending where they meet.",
        "mission_statement": f"<p>{MISSION}</p>",
        "mission_attribution": MISSION_ATTRIBUTION,
        "events_page": ctx.page("events"),
        "key_figures": [
            live_key_figure(
                PARTICIPANTS, "people have completed Diversity 1.0 training", "Across the School of Medicine"
            ),
            key_figure(
                "4,000+",
                "people answered the Diversity Engagement Survey",
                "2014-15 administration",
            ),
            key_figure("4", "one-hour training levels, Diversity 1.0 to 4.0", "Taken in order"),
            key_figure(
                "3.5 hours",
                "of Unconscious Bias training for new managers",
                "Day three of New Manager Orientation",
            ),
        ],
        "pillars_heading": "What we do",
        "events_heading": "Upcoming events",
        "pillars": [
            pillar(
                ctx,
                0,
                "training",
                "Training",
                "Four one-hour sessions, Diversity 1.0 to 4.0, plus Unconscious Bias training for new managers.",
                "teaser-steps",
            ),
            pillar(
                ctx,
                1,
                "career-development",
                "Career development",
                "One-to-one consultations, open to all staff, to set realistic career goals and plan the steps toward them.",
                "teaser-path",
            ),
            pillar(
                ctx,
                2,
                "community-engagement",
                "Community engagement",
                "Partnerships with community voices from across the St. Louis region.",
                "teaser-nodes",
            ),
            pillar(
                ctx,
                3,
                "survey",
                "Diversity Engagement Survey",
                "What more than 4,000 colleagues told us about how inclusive the school feels.",
                "teaser-bars",
            ),
        ],
        "body": [
            call_to_action(
                "New to the office?",
                "Find out what we do, who we work with and how to reach us.",
                ctx.page("about"),
                "Learn about the office and its services",
            ),
        ],
    }
