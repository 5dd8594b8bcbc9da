"""The office's people and the "Our team" page below About.

Every person is fictional, with an example.edu address, a 555 number and an illustrated
placeholder portrait; the page says so. People are matched by name, so a second run finds them
instead of adding copies, and editors' changes to them are kept.
"""

from dataclasses import dataclass

from pages.factories import PersonFactory, TeamPageFactory
from pages.models import Person

from ..streams import paragraph
from ..tree import Node


@dataclass(frozen=True)
class DemoPerson:
    key: str
    name: str
    role: str
    pronouns: str = ""
    bio: str = ""
    office_hours: str = ""
    phone: str = ""
    portrait: str = ""
    listed: bool = True

    @property
    def email(self):
        return f"{self.name.lower().removeprefix('dr. ').replace(' ', '.')}@example.edu"


PEOPLE = (
    DemoPerson(
        "associate-dean",
        "Dr. Morgan Example",
        "Associate Dean for Diversity, Equity and Inclusion",
        "she/her",
        "Morgan leads the office and works with the school's senior leaders on strategic planning for "
        "diversity and inclusion initiatives.",
        "By appointment",
        "314-555-0101",
        "portrait-1",
    ),
    DemoPerson(
        "director",
        "Jordan Sample",
        "Director, Diversity, Equity and Inclusion",
        "he/him",
        "Jordan runs the office day to day, advises departments on recruiting and keeping a diverse staff "
        "and faculty, and helps resolve conflicts that involve diversity and inclusion.",
        "Wednesdays 1–3 pm",
        "314-555-0102",
        "portrait-2",
    ),
    DemoPerson(
        "training-manager",
        "Priya Placeholder",
        "Program Manager, Training",
        "she/they",
        "Priya coordinates the Diversity 1.0–4.0 sessions and the Unconscious Bias training for managers, "
        "and can arrange a session for your department.",
        "Tuesdays 2–4 pm",
        "314-555-0103",
        "portrait-3",
    ),
    DemoPerson(
        "career-specialist",
        "Sam Specimen",
        "Career Development Specialist",
        "they/them",
        "Sam meets staff in management and non-managerial roles to set realistic career goals and map "
        "the concrete steps toward them.",
        "Mondays and Thursdays 10 am–noon",
        "314-555-0104",
        "portrait-4",
    ),
    DemoPerson(
        "community-manager",
        "Riley Testwell",
        "Program Manager, Community Engagement",
        "",
        "Riley works with community partners across the St. Louis region and organises the Community Voices talks.",
        "Fridays 9–11 am",
        "314-555-0105",
        "portrait-5",
    ),
    # A guest, not on the team page: an event speaker from a (fictional) partner organisation.
    DemoPerson(
        "guest-women-in-science",
        "Dr. Casey Guestly",
        "Chair, Riverbend Women in Science Alliance",
        listed=False,
    ),
)


def ensure_people(images):
    """Create the demo people that are missing (with their portraits); returns {key: Person}."""
    existing = {person.name: person for person in Person.objects.filter(name__in=[p.name for p in PEOPLE])}
    people = {}
    for order, spec in enumerate(PEOPLE):
        person = existing.get(spec.name)
        if person is None:
            photo = images.get(spec.portrait)
            person = PersonFactory(
                name=spec.name,
                pronouns=spec.pronouns,
                role=spec.role,
                bio=spec.bio,
                email=spec.email if spec.listed else "",
                phone=spec.phone,
                office_hours=spec.office_hours,
                photo=photo,
                photo_alt=f"Illustrated placeholder portrait for {spec.name}" if photo else "",
                on_team_page=spec.listed,
                sort_order=order * 10,
            )
        people[spec.key] = person
    return people


def person(key):
    """A demo person by key (for event contacts and speakers), or None if an editor removed them."""
    spec = next(spec for spec in PEOPLE if spec.key == key)
    return Person.objects.filter(name=spec.name).first()


def content(ctx):
    return {
        "search_description": "The people of the Office of Diversity, Equity & Inclusion, what each looks after and how to reach them.",
        "intro": "Who works in the office, what each of us looks after and how to reach us.",
        "listing_summary": "Meet the office's staff and find the right person to talk to.",
        "body": [
            paragraph(
                "<p>Write to any of us directly, or drop in during office hours. If you are not sure who to "
                "ask, the director will point you to the right person.</p>"
                "<p>On this demonstration site the people, photos and contact details are illustrative "
                "examples, not real staff.</p>"
            ),
        ],
    }


def section():
    return Node("team", "Our team", TeamPageFactory, content)
