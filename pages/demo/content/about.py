"""About the office: why it exists, the services it offers and how to reach it."""

from pages.factories import StandardPageFactory

from ..site_settings import EMAIL, INSTITUTION_NAME, INSTITUTION_SHORT_NAME, PHONE
from ..streams import (
    PARTICIPANTS,
    call_to_action,
    faq,
    heading,
    image,
    live_key_figure,
    page_link,
    paragraph,
    quote,
)
from ..tree import Node
from . import people
from .home import MISSION, MISSION_ATTRIBUTION


def content(ctx):
    training = ctx.page("training")
    return {
        "search_description": (
            "What the Office of Diversity, Equity & Inclusion does: training, recruiting and retaining "
            "diverse staff and faculty, strategic planning, conflict resolution and cultural competence seminars."
        ),
        "intro": (
            "We work alongside leaders, faculty, staff and students so that the School of Medicine’s "
            "commitment to diversity, equity and inclusion shows up in everyday practice."
        ),
        "listing_summary": "Our purpose, the services we offer across the School of Medicine and how to reach us.",
        "hero_image": ctx.images["hero-arcs"],
        "hero_image_alt": "Abstract illustration of colored arcs spreading outward from a gold half-circle, like ripples.",
        "listing_image": ctx.images["teaser-circles"],
        "body": [
            heading("Why we exist"),
            paragraph(
                f"<p>{INSTITUTION_NAME} ({INSTITUTION_SHORT_NAME} for short) ties excellent care, research and "
                "teaching to a culture that values diversity, equity and inclusion. Our office shapes its own "
                "work to back that commitment, "
                "and we bring our experience wherever the school asks for it.</p>"
            ),
            quote(MISSION, MISSION_ATTRIBUTION),
            heading("What we do"),
            paragraph(
                "<p>Alongside our training program, the office:</p>"
                "<ul>"
                "<li>helps departments recruit and keep a diverse staff and faculty;</li>"
                "<li>plans diversity and inclusion initiatives with the school’s senior leaders;</li>"
                "<li>helps resolve conflicts that involve diversity and inclusion;</li>"
                "<li>leads seminars on a range of cultural competence topics;</li>"
                "<li>advises on other diversity needs across the school when asked.</li>"
                "</ul>"
            ),
            heading("Training for every stage", "h3"),
            paragraph(
                "<p>Our "
                + page_link(training, "Diversity 1.0–4.0 training")
                + " takes people step by step toward a deeper understanding of diversity, equity and inclusion. "
                "Every new employee starts the path during orientation.</p>"
            ),
            live_key_figure(PARTICIPANTS, "people have completed Diversity 1.0", "Across the School of Medicine"),
            image(
                ctx.images["teaser-nodes"],
                "Colored circles of different sizes joined by lines into a network.",
                "Our work connects people across departments, roles and communities.",
            ),
            heading("How to reach us"),
            paragraph(
                f'<p>Email <a href="mailto:{EMAIL}">{EMAIL}</a> or call {PHONE}. '
                "Tell us a little about what you need and we will suggest a time to talk. You can also write "
                "to one of us directly: see " + page_link(ctx.page("about/team"), "who is on our team") + ".</p>"
            ),
            faq(
                "Working with the office",
                [
                    (
                        "Who can ask the office for help?",
                        "<p>Anyone who studies, works or trains at the School of Medicine, and any department "
                        "or team within it.</p>",
                    ),
                    (
                        "Can you lead a session for my department?",
                        "<p>Yes. We lead seminars on cultural competence topics; contact us to discuss what "
                        "would suit your team.</p>",
                    ),
                    (
                        "Where can I raise a concern about a diversity or inclusion matter?",
                        "<p>Get in touch with the office. Helping people work through conflicts that involve "
                        "diversity and inclusion is part of what we do.</p>",
                    ),
                ],
            ),
            call_to_action(
                "Start the training path",
                "Four one-hour sessions taken in order, starting with Diversity 1.0.",
                training,
                "Explore Diversity 1.0–4.0 training",
            ),
        ],
    }


def section():
    return Node(
        "about", "About the office", StandardPageFactory, content, show_in_menus=True, children=(people.section(),)
    )
