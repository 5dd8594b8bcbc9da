"""Career development: the Smart Choices consultation service and what it can and cannot do."""

from pages.factories import CareerServicesPageFactory

from ..streams import call_to_action, faq, heading, image, paragraph, table
from ..tree import Node


def content(ctx):
    return {
        "search_description": (
            "Smart Choices Career Development Services: consultations with a career development specialist, "
            "open to all School of Medicine staff in managerial and non-managerial roles."
        ),
        "intro": (
            "Meet a career development specialist to set realistic goals for your career at the School of "
            "Medicine and work out concrete steps toward them."
        ),
        "listing_summary": "Consultations with a career development specialist, open to all staff.",
        "listing_image": ctx.images["teaser-path"],
        "body": [
            heading("Smart Choices Career Development Services"),
            paragraph(
                "<p>Smart Choices is a series of consultation sessions offered through Human Resources. It helps "
                "employees build the skills and gain the experience that lead to advancement within the School "
                "of Medicine.</p>"
            ),
            image(
                ctx.images["teaser-path"],
                "A teal line climbing from left to right through blue waypoints to a larger gold point.",
                "A career path is easier to follow when each step is clear.",
            ),
            heading("Who can use it"),
            paragraph(
                "<p>The service is open to <strong>all staff</strong>: people in management roles and people "
                "in non-managerial roles alike.</p>"
            ),
            heading("What a consultation can and cannot do"),
            table(
                "What to expect from a career consultation",
                [("text", "A consultation can"), ("text", "A consultation cannot")],
                [
                    (
                        "Help you set realistic career goals",
                        "Guarantee you a new job or placement",
                    ),
                    (
                        "Identify concrete steps toward those goals",
                        "Take over planning your career for you",
                    ),
                ],
            ),
            paragraph(
                "<p>Your career development remains your own responsibility. <strong>A consultation is no promise "
                "of a new job or placement</strong>, but it can be a useful first step toward a more "
                "fulfilling career path here.</p>"
            ),
            faq(
                "Questions about consultations",
                [
                    (
                        "Do I need to be a manager to book a consultation?",
                        "<p>No. The service is for all staff, whether or not you manage other people.</p>",
                    ),
                    (
                        "Will a consultation get me a new job?",
                        "<p>No. It does not guarantee a placement. It helps you set goals and plan the steps "
                        "that could lead there.</p>",
                    ),
                    (
                        "Who runs the service?",
                        "<p>Smart Choices Career Development Services is offered through the Human Resources "
                        "Department.</p>",
                    ),
                ],
            ),
            call_to_action(
                "Other questions for the office?",
                "The office can also help with recruitment, retention and diversity questions in your department.",
                ctx.page("about"),
                "Find the office’s contact details",
            ),
        ],
        "form_heading": "Request a consultation",
        "form_intro": (
            "Tell us a little about yourself and what you would like to talk about. The career development "
            "specialist will email you to arrange a first meeting."
        ),
        "consultation_email": "careers@example.edu",
    }


def section():
    return Node(
        "career-development",
        "Career development",
        CareerServicesPageFactory,
        content,
        show_in_menus=True,
    )
