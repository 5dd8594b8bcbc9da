"""Campus diversity events: the events index and events dated relative to the day they are loaded.

Event dates are computed only when an event page is created, so a rerun leaves them alone;
after `--reset` they are recomputed from the new day.
"""

import datetime

from django.utils import timezone

from pages.factories import EventIndexPageFactory, EventPageFactory
from pages.models import EventSpeaker

from ..streams import call_to_action, heading, paragraph
from ..tree import Node
from .people import person


def index_content(ctx):
    return {
        "search_description": "Campus diversity events at the School of Medicine: what is coming up and how to take part.",
        "intro": "Training sessions, seminars, heritage month celebrations and Community Voices talks, open to the school.",
        "listing_summary": "Campus events on diversity, equity and inclusion.",
        "listing_image": ctx.images["teaser-circles"],
        "body": [
            paragraph(
                "<p>Most events are free and open to all staff, faculty and students. Each event page says how to "
                "ask for accommodations such as captioning or an interpreter.</p>"
            ),
        ],
    }


def at(days, hour, minute=0):
    """A campus-time moment `days` from today."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


ACCESSIBILITY = (
    "The room is step-free and has a hearing loop. For captioning, an interpreter or other accommodations, "
    "email diversity@example.edu at least five working days before the event."
)


def event(
    slug,
    title,
    category,
    days,
    hours,
    summary,
    body,
    *,
    start_hour=10,
    image="teaser-circles",
    contact="",
    speakers=(),
    **fields,
):
    """A demo event `days` from the load date; `hours` long, or all day over `hours` days when all_day.
    `contact` and `speakers` ((key, role at the event) pairs) name demo people (content/people.py)."""

    def content(ctx):
        if fields.get("all_day"):
            start, end = at(days, 0), at(days + hours - 1, 23, 59)
        else:
            start = at(days, start_hour)
            end = start + datetime.timedelta(hours=hours)
        values = {
            "intro": summary,
            "listing_summary": summary,
            "listing_image": ctx.images[image],
            "start": start,
            "end": end,
            "category": ctx.categories[category],
            "audience": "All staff, faculty and students",
            "cost": "Free",
            "accessibility_note": ACCESSIBILITY,
            "location": "",  # online only, unless the event names a room
            "body": body(ctx),
        }
        values["contact"] = person(contact) if contact else None
        values["speakers"] = [
            EventSpeaker(person=speaker, role=role) for key, role in speakers if (speaker := person(key))
        ]
        values.update(fields)
        return values

    return Node(slug, title, EventPageFactory, content)


def training_body(level):
    def body(ctx):
        return [
            heading("About the session"),
            paragraph(
                f"<p>Diversity {level} is one of four one-hour sessions taken in order. This open session is for "
                "anyone who missed it at orientation or wants a refresher.</p>"
            ),
            call_to_action(
                "How the training path works",
                "Diversity 1.0–4.0 build on each other, one hour at a time.",
                ctx.page("training"),
                "See the training sessions",
            ),
        ]

    return body


def text_body(*paragraphs):
    def body(ctx):
        return [heading("About the event"), *(paragraph(f"<p>{text}</p>") for text in paragraphs)]

    return body


EVENTS = (
    event(
        "disability-inclusion-panel",
        "Panel: Disability inclusion in clinical teams",
        "seminar",
        -40,
        1.5,
        "Clinicians and staff with disabilities talk about what makes a team work for everyone.",
        text_body("Four colleagues share what helped them, and what still gets in the way, in clinical teams."),
        location="Eric P. Newman Education Center, Room 241",
    ),
    event(
        "community-voices-veterans-in-health-care",
        "Community Voices: Veterans in health care careers",
        "community-voices",
        -12,
        1,
        "A regional veterans' career network on bringing service experience into health care jobs.",
        text_body(
            "Speakers from the Gateway Veterans Career Network describe the paths veterans take into health care."
        ),
        start_hour=12,
        location="Farrell Learning and Teaching Center, Room 213",
    ),
    event(
        "diversity-1-0-open-session",
        "Diversity 1.0 open session",
        "training",
        5,
        1,
        "The first of the four one-hour training sessions, open to anyone who has not yet taken it.",
        training_body("1.0"),
        image="teaser-steps",
        location="Becker Medical Library, Room 601",
        registration_url="https://example.edu/register/diversity-1-0",
        contact="training-manager",
        speakers=(("training-manager", "Facilitator"),),
    ),
    event(
        "community-voices-women-leading-in-medicine",
        "Community Voices: Women leading in medicine",
        "community-voices",
        9,
        1.5,
        "Women leaders from across the region on mentoring, sponsorship and the paths that worked for them.",
        text_body(
            "Members of the Riverbend Women in Science Alliance join us for a conversation on leadership.",
            "Bring your questions: half of the session is open discussion.",
        ),
        image="teaser-nodes",
        start_hour=16,
        location="Farrell Learning and Teaching Center, Room 213",
        online_url="https://example.edu/live/women-leading-in-medicine",
        contact="community-manager",
        speakers=(("guest-women-in-science", "Guest speaker"), ("associate-dean", "Moderator")),
    ),
    event(
        "heritage-month-art-exhibit",
        "Heritage Month art exhibit",
        "heritage-month",
        16,
        5,
        "Artwork by students, staff and faculty celebrating their heritage, on show all week.",
        text_body(
            "Drop in at any time during the week. The exhibit is on the ground floor, step-free from the street."
        ),
        all_day=True,
        location="Becker Medical Library, main lobby",
    ),
    event(
        "seminar-communicating-across-generations",
        "Seminar: Communicating across generations",
        "seminar",
        23,
        1,
        "A cultural competence seminar on working well in teams that span four generations.",
        text_body("Practical ways to bridge different expectations about feedback, communication and work."),
        start_hour=13,
        location="Eric P. Newman Education Center, Room 241",
    ),
    event(
        "community-voices-disability-inclusion-at-work",
        "Community Voices: Disability inclusion at work",
        "community-voices",
        30,
        1,
        "Access Forward St. Louis on accessible hiring and everyday adjustments that help whole teams.",
        text_body("This session is online only, with live captions."),
        image="teaser-nodes",
        start_hour=11,
        online_url="https://example.edu/live/disability-inclusion-at-work",
    ),
    event(
        "diversity-2-0-open-session",
        "Diversity 2.0 open session",
        "training",
        37,
        1,
        "The second one-hour training session, for those who have completed Diversity 1.0.",
        training_body("2.0"),
        image="teaser-steps",
        location="Becker Medical Library, Room 601",
        registration_url="https://example.edu/register/diversity-2-0",
    ),
)


def section():
    return Node("events", "Events", EventIndexPageFactory, index_content, show_in_menus=True, children=EVENTS)
