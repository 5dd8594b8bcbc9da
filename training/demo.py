"""Demo content for the training section: the program page, five level pages and their sessions.

`load_demo_content` places `section()` in the tree and then calls `load_sessions()`, which adds
sessions (one full, so the waitlist shows) only where a level has none upcoming, so reruns
change nothing. Pages, sessions and registrations come from the factories the tests use.
"""

import datetime
from functools import partial

from django.utils import timezone

from pages.demo.site_settings import EMAIL
from pages.demo.streams import call_to_action, faq, heading, page_link, paragraph
from pages.demo.tree import Node

from .choices import RegistrationStatus, Requirement
from .factories import (
    RegistrationFactory,
    TrainingLevelPageFactory,
    TrainingProgramPageFactory,
    TrainingSessionFactory,
)
from .models import TrainingLevelPage

UCB_SLUG = "unconscious-bias-for-managers"
UCB_TITLE = "Unconscious Bias Training for Managers"

SERIES_FOCUS = (
    "how conscious and unconscious biases and prejudices shape everyday interactions, "
    "and practical ways to lessen their impact"
)

PARTICIPANTS_LEVEL_ONE = 7100
PARTICIPANTS_AS_OF = datetime.date(2026, 6, 1)

ACCESSIBILITY_NOTE = (
    f"To request captioning, a sign language interpreter or another accommodation, email {EMAIL} "
    "at least five working days before the session."
)


# slug, title, code, intro, who takes it, listing summary, requirement, audience, learning outcomes
LEVELS = (
    (
        "diversity-1-0",
        "Diversity 1.0",
        "1.0",
        "The first of four one-hour sessions and the starting point on the path to inclusion for everyone "
        "at the School of Medicine.",
        "Every new employee takes Diversity 1.0 as part of new-employee orientation.",
        "The first one-hour session, taken by every new employee during orientation.",
        Requirement.NEW_EMPLOYEES,
        "Every new employee",
        (
            "Describe what conscious and unconscious bias are.",
            "Recognise how biases and prejudices can shape everyday interactions at work.",
            "Name one practical step to lessen the impact of bias.",
        ),
    ),
    (
        "diversity-2-0",
        "Diversity 2.0",
        "2.0",
        "The second one-hour session builds on what participants explored in Diversity 1.0.",
        "New employees take Diversity 2.0 during orientation as well, after Diversity 1.0.",
        "The second one-hour session, also part of new-employee orientation.",
        Requirement.NEW_EMPLOYEES,
        "Every new employee",
        (
            "Build on the shared language introduced in Diversity 1.0.",
            "Reflect on how bias can affect colleagues, patients and students.",
            "Practise responses that make interactions more inclusive.",
        ),
    ),
    (
        "diversity-3-0",
        "Diversity 3.0",
        "3.0",
        "The third one-hour session takes the conversation further for people who have completed the first two levels.",
        "Diversity 3.0 is open to anyone who has completed Diversity 1.0 and 2.0.",
        "The third one-hour session, for people who have completed Diversity 1.0 and 2.0.",
        Requirement.OPTIONAL,
        "Anyone who has completed Diversity 1.0 and 2.0",
        (
            "Examine how bias can show up in everyday decisions and team routines.",
            "Discuss ways to notice and interrupt bias as it happens.",
        ),
    ),
    (
        "diversity-4-0",
        "Diversity 4.0",
        "4.0",
        "The last of the four one-hour sessions, completing the Diversity 1.0–4.0 series.",
        "Diversity 4.0 is open to anyone who has completed Diversity 3.0.",
        "The final one-hour session of the series, after Diversity 3.0.",
        Requirement.OPTIONAL,
        "Anyone who has completed Diversity 3.0",
        (
            "Bring together what you learned across the series.",
            "Plan how you will keep lessening the impact of bias in your own work.",
        ),
    ),
)


def program_content(ctx):
    first_level = ctx.page("training/diversity-1-0")
    ucb = ctx.page(f"training/{UCB_SLUG}")
    return {
        "search_description": (
            "Diversity 1.0–4.0: four one-hour diversity, equity and inclusion sessions taken in order, "
            "plus 3.5-hour Unconscious Bias training for new managers."
        ),
        "intro": (
            "Four one-hour sessions, Diversity 1.0 to 4.0, build a shared understanding of diversity, equity "
            "and inclusion one step at a time. New managers also take a half-day session on unconscious bias."
        ),
        "listing_summary": "Diversity 1.0–4.0 and Unconscious Bias training for managers: what each session is and who takes it.",
        "hero_image": ctx.images["hero-steps"],
        "hero_image_alt": "Abstract illustration of four blocks rising like steps, with a gold dot above the highest.",
        "listing_image": ctx.images["teaser-steps"],
        "participants_level_one": PARTICIPANTS_LEVEL_ONE,
        "participants_as_of": PARTICIPANTS_AS_OF,
        "body": [
            heading("About the series"),
            paragraph(
                "<p>Led by the school’s diversity, equity and inclusion leaders, the Diversity 1.0–4.0 series "
                f"looks at {SERIES_FOCUS}. Each level builds on the one before, so the sessions are taken "
                "in order.</p>"
            ),
            paragraph(
                "<p>Evaluations of the training have been overwhelmingly positive, and many participants tell us "
                "they want to keep learning after their first session. Some have gone on through every level "
                "and completed Level 4.0.</p>"
            ),
            heading("For new managers"),
            paragraph(
                "<p>"
                + page_link(ucb, UCB_TITLE)
                + " (UCB for short) is a 3.5-hour session on day three of New Manager Orientation.</p>"
            ),
            faq(
                "Questions about training",
                [
                    (
                        "Do I have to take the levels in order?",
                        "<p>Yes. Each level builds on the one before it, so start with Diversity 1.0 and "
                        "work up to 4.0.</p>",
                    ),
                    (
                        "I am a new employee. When do I take Diversity 1.0 and 2.0?",
                        "<p>Both are part of new-employee orientation, so you take them as you start.</p>",
                    ),
                    (
                        "How long is each session?",
                        "<p>Diversity 1.0 to 4.0 are one hour each. Unconscious Bias Training for Managers "
                        "lasts 3.5 hours.</p>",
                    ),
                ],
            ),
            call_to_action(
                "Begin with the first level",
                "Every journey on the path to inclusion starts with Diversity 1.0.",
                first_level,
                "Read about Diversity 1.0",
            ),
        ],
    }


def level_content(index, ctx):
    slug, title, code, intro, who, summary, requirement, audience, outcomes = LEVELS[index]
    prerequisite = ctx.page(f"training/{LEVELS[index - 1][0]}") if index else None
    return {
        "search_description": f"{title}: {summary}",
        "intro": intro,
        "listing_summary": summary,
        "listing_image": ctx.images["teaser-steps"],
        "level_code": code,
        "duration_minutes": 60,
        "format": "Facilitated group session, in person or online",
        "audience": audience,
        "requirement": requirement,
        "prerequisite": prerequisite,
        "learning_outcomes": [("outcome", outcome) for outcome in outcomes],
        "body": [
            heading("About this session"),
            paragraph(f"<p>{intro} Like every level, it looks at {SERIES_FOCUS}.</p>"),
            heading("Who takes it"),
            paragraph(f"<p>{who} The session lasts one hour.</p>"),
        ],
    }


def ucb_content(ctx):
    return {
        "search_description": (
            "Unconscious Bias Training for Managers: a 3.5-hour session on day three of New Manager Orientation."
        ),
        "intro": "UCB, as it is known around the school, is a 3.5-hour session for new managers, held on day "
        "three of New Manager Orientation.",
        "listing_summary": "A 3.5-hour session for new managers on day three of New Manager Orientation.",
        "listing_image": ctx.images["teaser-path"],
        "level_code": "",  # not one of the numbered levels
        "duration_minutes": 210,
        "format": "Facilitated workshop, in person",
        "audience": "New managers",
        "requirement": Requirement.NEW_MANAGERS,
        "learning_outcomes": [
            ("outcome", "Recognise where bias can enter hiring, assignments, feedback and growth decisions."),
            ("outcome", "Use practical checks that lessen the impact of bias on those decisions."),
        ],
        "body": [
            heading("About the session"),
            paragraph(
                "<p>Managers make decisions every day about hiring, assignments, feedback and growth. This "
                f"session looks at {SERIES_FOCUS}, with a manager’s responsibilities in mind.</p>"
            ),
            heading("Who takes it"),
            paragraph(
                "<p>New managers at the School of Medicine take this training as part of New Manager Orientation.</p>"
            ),
            call_to_action(
                "Support your team’s growth",
                "Staff in every role can meet a career development specialist to plan their next steps.",
                ctx.page("career-development"),
                "See career development consultations",
            ),
        ],
    }


def section():
    levels = tuple(
        Node(slug, title, TrainingLevelPageFactory, partial(level_content, index))
        for index, (slug, title, *_rest) in enumerate(LEVELS)
    )
    ucb = Node(UCB_SLUG, UCB_TITLE, TrainingLevelPageFactory, ucb_content)
    return Node(
        "training",
        "Training",
        TrainingProgramPageFactory,
        program_content,
        show_in_menus=True,
        children=(*levels, ucb),
    )


# Fictional registrants (example.edu never delivers) that fill one session, plus one on its waitlist.
DEMO_REGISTRANTS = (
    ("Alex Rivera", "Radiology"),
    ("Jordan Lee", "Pediatrics"),
    ("Sam Okafor", "Human Resources"),
    ("Priya Natarajan", "Medical Education"),
    ("Chris Novak", "Facilities"),
)
FULL_SESSION_LEVEL = "diversity-2-0"


def weekday(day):
    """The day itself, or the Monday after it if it falls on a weekend."""
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def load_sessions(ctx):
    """Give each demo level two upcoming sessions if it has none; one session is full with a waitlist."""
    today = timezone.localdate()
    now = timezone.now()
    paths = [f"training/{slug}" for slug, *_rest in LEVELS] + [f"training/{UCB_SLUG}"]
    for index, path in enumerate(paths):
        level = ctx.pages.get(path)
        if not isinstance(level, TrainingLevelPage) or level.sessions.filter(start__gt=now).exists():
            continue
        minutes = level.duration_minutes or 60
        for weeks, location, online in (
            (1, "Training Room A, Education Building", ""),
            (5, "", "https://example.edu/meet/training"),
        ):
            day = weekday(today + datetime.timedelta(weeks=weeks, days=index))
            start = at(day, 8, 30) if minutes > 120 else at(day, 10)
            full = level.slug == FULL_SESSION_LEVEL and weeks == 1
            session = TrainingSessionFactory(
                level=level,
                start=start,
                end=start + datetime.timedelta(minutes=minutes),
                location=location,
                online_url=online,
                capacity=len(DEMO_REGISTRANTS) - 1 if full else 25,
                accessibility_note=ACCESSIBILITY_NOTE,
            )
            if full:
                fill_with_waitlist(session)


def fill_with_waitlist(session):
    """Take every seat with fictional registrants, and put the rest on the waitlist."""
    for position, (name, department) in enumerate(DEMO_REGISTRANTS):
        RegistrationFactory(
            session=session,
            name=name,
            email=f"{name.lower().replace(' ', '.')}@example.edu",
            department=department,
            status=RegistrationStatus.CONFIRMED if position < session.capacity else RegistrationStatus.WAITLISTED,
        )
