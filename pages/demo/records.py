"""Demo records behind the events and community pages: categories, focus areas, partners.

Made with the factories the tests use and matched by slug or name, so a second run finds them
instead of adding copies. Partner names are fictional; their websites are example.org
addresses that never resolve.
"""

from pages.factories import CommunityPartnerFactory, EventCategoryFactory, FocusAreaFactory
from pages.models import CommunityPartner

CATEGORIES = (
    ("training", "Training", "Diversity 1.0–4.0 sessions and other training open to the school."),
    ("seminar", "Seminar", "Talks and workshops on cultural competence topics."),
    ("community-voices", "Community Voices", "Experts from across the St. Louis region share their perspective."),
    ("heritage-month", "Heritage Month", "Celebrations of heritage and history months."),
)

FOCUS_AREAS = (
    (
        "underrepresented-minorities",
        "underrepresented minorities",
        "Opening pathways into medicine and research for groups the profession has long left out.",
    ),
    ("women", "women", "Supporting women at every stage of a career in medicine and science."),
    ("veterans", "veterans", "Helping veterans bring their experience to careers at the school."),
    (
        "people-with-disabilities",
        "people with disabilities",
        "Making study and work at the school accessible and welcoming.",
    ),
)

PARTNERS = (
    (
        "Gateway Veterans Career Network",
        "A volunteer network that pairs veterans leaving service with mentors in health care careers.",
        "https://example.org/gateway-veterans",
        ("veterans",),
    ),
    (
        "Riverbend Women in Science Alliance",
        "Brings together women scientists and clinicians for mentoring, networking and public talks.",
        "https://example.org/riverbend-women-in-science",
        ("women",),
    ),
    (
        "Access Forward St. Louis",
        "A disability-led group that advises employers on accessible workplaces and hiring.",
        "https://example.org/access-forward",
        ("people-with-disabilities",),
    ),
    (
        "Mound City Health Equity Coalition",
        "Neighborhood organizations working together on health equity in north St. Louis.",
        "https://example.org/mound-city-health-equity",
        ("underrepresented-minorities",),
    ),
    (
        "Future Healers Mentoring Program",
        "Connects high-school students from underrepresented groups with medical students and staff.",
        "https://example.org/future-healers",
        ("underrepresented-minorities", "women"),
    ),
    (
        "Service to Science Bridge",
        "Helps veterans with service-connected disabilities move into research and laboratory roles.",
        "",
        ("veterans", "people-with-disabilities"),
    ),
)


def ensure_categories():
    """{slug: EventCategory} for the demo categories, creating only the missing ones."""
    return {
        slug: EventCategoryFactory(slug=slug, name=name, description=description)
        for slug, name, description in CATEGORIES
    }


def ensure_partners():
    """Create missing partners (with their focus areas); existing ones are left as editors left them."""
    areas = {
        slug: FocusAreaFactory(slug=slug, name=name, description=description, sort_order=order)
        for order, (slug, name, description) in enumerate(FOCUS_AREAS)
    }
    existing = set(CommunityPartner.objects.values_list("name", flat=True))
    for name, description, website, area_slugs in PARTNERS:
        if name not in existing:
            CommunityPartnerFactory(
                name=name,
                description=description,
                website=website,
                focus_areas=[areas[slug] for slug in area_slugs],
            )


def load_records():
    """Everything the events and community pages list; returns the event categories by slug."""
    ensure_partners()
    return ensure_categories()
