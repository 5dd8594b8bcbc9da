"""Demo records behind the events and community pages: categories, focus areas, partners and
the directory of affinity groups and university resources.

Made with the factories the tests use and matched by slug or name, so a second run finds them
instead of adding copies. Partner names are fictional; their websites are example.org
addresses that never resolve.
"""

from pages.choices import AffinityCategory
from pages.factories import AffinityGroupFactory, CommunityPartnerFactory, EventCategoryFactory, FocusAreaFactory
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

AFFINITY_GROUPS = (
    (
        "Black Faculty and Staff Network",
        AffinityCategory.EMPLOYEE_GROUP,
        "Mentoring, professional development and community for Black faculty and staff.",
        "https://example.edu/groups/black-faculty-staff-network",
    ),
    (
        "Veterans Employee Network",
        AffinityCategory.EMPLOYEE_GROUP,
        "Colleagues who have served, helping each other and new veterans settle into careers at the school.",
        "https://example.edu/groups/veterans-network",
    ),
    (
        "LGBTQ+ Faculty, Staff and Allies",
        AffinityCategory.EMPLOYEE_GROUP,
        "Social events, advocacy and a welcoming network for LGBTQ+ colleagues and their allies.",
        "https://example.edu/groups/lgbtq-allies",
    ),
    (
        "Student National Medical Association chapter",
        AffinityCategory.STUDENT_ORGANIZATION,
        "Medical students supporting underrepresented students from application through residency.",
        "https://example.edu/students/snma",
    ),
    (
        "Disability Resources",
        AffinityCategory.UNIVERSITY_OFFICE,
        "Arranges accommodations for students and employees with disabilities, in confidence.",
        "https://example.edu/disability-resources",
    ),
    (
        "Regional Language Access Line",
        AffinityCategory.COMMUNITY_RESOURCE,
        "Free interpreting and translation referrals for community members across the St. Louis region.",
        "https://example.org/language-access",
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


def ensure_affinity_groups():
    """Create missing directory entries; existing ones are left as editors left them."""
    for order, (name, category, description, link) in enumerate(AFFINITY_GROUPS):
        AffinityGroupFactory(name=name, category=category, description=description, link=link, sort_order=order)


def load_records():
    """Everything the events and community pages list; returns the event categories by slug."""
    ensure_partners()
    ensure_affinity_groups()
    return ensure_categories()
