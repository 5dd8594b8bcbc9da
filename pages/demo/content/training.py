"""Training: the Diversity 1.0–4.0 path and Unconscious Bias training for managers.

A later issue turns these into TrainingProgramPage/TrainingLevelPage; only this module changes.
"""

from functools import partial

from pages.models import StandardPage

from ..streams import (
    call_to_action,
    faq,
    heading,
    key_figure,
    page_link,
    paragraph,
    table,
)
from ..tree import Node

UCB_SLUG = "unconscious-bias-for-managers"

SERIES_FOCUS = (
    "how conscious and unconscious biases and prejudices shape everyday interactions, "
    "and practical ways to lessen their impact"
)

# slug, title, intro, who takes it, listing summary
LEVELS = (
    (
        "diversity-1-0",
        "Diversity 1.0",
        "The first of four one-hour sessions and the starting point on the path to inclusion for everyone "
        "at the School of Medicine.",
        "Every new employee takes Diversity 1.0 as part of new-employee orientation.",
        "The first one-hour session, taken by every new employee during orientation.",
    ),
    (
        "diversity-2-0",
        "Diversity 2.0",
        "The second one-hour session builds on what participants explored in Diversity 1.0.",
        "New employees take Diversity 2.0 during orientation as well, after Diversity 1.0.",
        "The second one-hour session, also part of new-employee orientation.",
    ),
    (
        "diversity-3-0",
        "Diversity 3.0",
        "The third one-hour session takes the conversation further for people who have completed the first two levels.",
        "Diversity 3.0 is open to anyone who has completed Diversity 1.0 and 2.0.",
        "The third one-hour session, for people who have completed Diversity 1.0 and 2.0.",
    ),
    (
        "diversity-4-0",
        "Diversity 4.0",
        "The last of the four one-hour sessions, completing the Diversity 1.0–4.0 series.",
        "Diversity 4.0 is open to anyone who has completed Diversity 3.0.",
        "The final one-hour session of the series, after Diversity 3.0.",
    ),
)


def training_content(ctx):
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
        "body": [
            heading("The Path to Inclusion"),
            paragraph(
                "<p>Led by the school’s diversity, equity and inclusion leaders, the Diversity 1.0–4.0 series "
                f"looks at {SERIES_FOCUS}. Each level builds on the one before, so the sessions are taken "
                "in order.</p>"
            ),
            table(
                "Training sessions at a glance",
                [
                    ("text", "Session"),
                    ("number", "Length (hours)"),
                    ("text", "Who takes it, and when"),
                ],
                [
                    ("Diversity 1.0", "1", "Every new employee, during orientation"),
                    ("Diversity 2.0", "1", "Every new employee, during orientation"),
                    ("Diversity 3.0", "1", "Anyone who has completed Diversity 2.0"),
                    ("Diversity 4.0", "1", "Anyone who has completed Diversity 3.0"),
                    (
                        "Unconscious Bias Training for Managers",
                        "3.5",
                        "New managers, on day three of New Manager Orientation",
                    ),
                ],
            ),
            key_figure(
                "7,100+",
                "people have completed Diversity 1.0",
                "Across the School of Medicine, to date",
            ),
            paragraph(
                "<p>Participants’ evaluations have been strongly positive, and many people tell us they want "
                "to keep learning after their first session.</p>"
            ),
            heading("For new managers"),
            paragraph(
                "<p>"
                + page_link(ucb, "Unconscious Bias Training for Managers")
                + " is a 3.5-hour session on day three of New Manager Orientation.</p>"
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
    slug, title, intro, who, summary = LEVELS[index]
    if index + 1 < len(LEVELS):
        next_slug, next_title = LEVELS[index + 1][:2]
        cta = call_to_action(
            "Your next step",
            f"After {title}, continue with {next_title}.",
            ctx.page(f"training/{next_slug}"),
            f"Read about {next_title}",
        )
    else:
        cta = call_to_action(
            "Keep learning",
            "See every session on the path to inclusion, including training for managers.",
            ctx.page("training"),
            "See all training sessions",
        )
    body = [
        heading("About this session"),
        paragraph(f"<p>{intro} Like every level, it looks at {SERIES_FOCUS}.</p>"),
        heading("Who takes it"),
        paragraph(f"<p>{who} The session lasts one hour.</p>"),
    ]
    if index == 0:
        body.append(
            key_figure(
                "7,100+",
                "people have completed Diversity 1.0",
                "Across the School of Medicine, to date",
            )
        )
    body.append(cta)
    return {
        "search_description": f"{title}: {summary}",
        "intro": intro,
        "listing_summary": summary,
        "listing_image": ctx.images["teaser-steps"],
        "body": body,
    }


def ucb_content(ctx):
    return {
        "search_description": (
            "Unconscious Bias Training for Managers: a 3.5-hour session on day three of New Manager Orientation."
        ),
        "intro": "A 3.5-hour session for new managers, held on day three of New Manager Orientation.",
        "listing_summary": "A 3.5-hour session for new managers on day three of New Manager Orientation.",
        "listing_image": ctx.images["teaser-path"],
        "body": [
            heading("About the session"),
            paragraph(
                "<p>Managers make decisions every day about hiring, assignments, feedback and growth. This "
                f"session looks at {SERIES_FOCUS}, with a manager’s responsibilities in mind.</p>"
            ),
            key_figure("3.5 hours", "on day three of New Manager Orientation"),
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
        Node(slug, title, StandardPage, partial(level_content, index))
        for index, (slug, title, *_rest) in enumerate(LEVELS)
    )
    ucb = Node(UCB_SLUG, "Unconscious Bias Training for Managers", StandardPage, ucb_content)
    return Node(
        "training",
        "Training",
        StandardPage,
        training_content,
        show_in_menus=True,
        children=(*levels, ucb),
    )
